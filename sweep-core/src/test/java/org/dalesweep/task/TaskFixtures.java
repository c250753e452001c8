package org.dalesweep.task;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskSpec;

/** Builds tasks for tests: defaults with a few parameters changed. */
final class TaskFixtures {
    static final double DT = 20;

    private TaskFixtures() {
    }

    static TaskSpec spec(String name, Map<String, Object> changes) {
        TaskSpec spec = TaskSpec.defaults(name);
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            spec = spec.with(e.getKey(), e.getValue());
        }
        return spec;
    }

    /** The default network with its step set to {@code dt} ms. */
    static NetworkSpec network(double dt) {
        return network("network.dt_ms=" + dt);
    }

    /** The default network with some {@code network.*} settings changed. */
    static NetworkSpec network(String... settings) {
        try {
            return new SpecCodec().parse("", "test", List.of(settings)).network();
        } catch (SpecException e) {
            throw new AssertionError("test network does not resolve: " + e.getMessage(), e);
        }
    }

    static Task task(String name, Map<String, Object> changes, double dt) throws SpecException {
        return Tasks.create(spec(name, changes), network(dt));
    }

    static Task task(String name) throws SpecException {
        return task(name, Map.of(), DT);
    }

    static Batch sample(Task task, int size, long seed) {
        return task.sample(size, new SplittableRandom(seed));
    }

    /** Outputs equal to the targets on masked steps, 0 elsewhere: what a perfect network emits. */
    static float[] perfect(Batch b) {
        float[] z = new float[b.targets().length];
        for (int e = 0; e < z.length; e++) {
            z[e] = b.mask()[e] > 0 ? b.targets()[e] : 0;
        }
        return z;
    }

    /** Outputs that hold one value per output channel at every step, whatever the input. */
    static float[] constant(Batch b, float... perOutput) {
        float[] z = new float[b.targets().length];
        for (int e = 0; e < z.length; e++) {
            z[e] = perOutput[e % b.outputCount()];
        }
        return z;
    }

    /** Mean of input channel i of trial b over steps [from, to). */
    static double mean(Batch batch, int b, int i, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += batch.input(t, b, i);
        }
        return s / (to - from);
    }

    /** The first step at which output 0 of trial b is masked in, or -1. */
    static int firstMasked(Batch batch, int b) {
        for (int t = 0; t < batch.steps(); t++) {
            if (batch.mask(t, b, 0) > 0) {
                return t;
            }
        }
        return -1;
    }
}
