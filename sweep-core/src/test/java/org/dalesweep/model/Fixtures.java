package org.dalesweep.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.Batch;
import org.dalesweep.task.Task;
import org.dalesweep.task.Tasks;

/** Small specs, batches and networks for the model tests: perceptual_dm with a short trial. */
final class Fixtures {
    private Fixtures() {
    }

    /** A 10-unit network (7 E, 3 I) on an 8-step perceptual_dm trial with recurrent noise. */
    static final List<String> SMALL = List.of(
            "network.units=10", "network.e_fraction=0.7", "network.dt_ms=20",
            "network.tau_ratio=0.5", "network.sigma_rec=0.1", "network.rho0=1.2",
            "task.fixation_ms=40", "task.stimulus_ms=80", "task.decision_ms=40");

    static RunSpec spec(List<String> base, String... overrides) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(overrides));
        try {
            return new SpecCodec().parse("", "test", all);
        } catch (SpecException e) {
            throw new AssertionError("test spec does not resolve: " + e.getMessage(), e);
        }
    }

    static RunSpec small(String... overrides) {
        return spec(SMALL, overrides);
    }

    static Task task(RunSpec spec) {
        try {
            return Tasks.create(spec.task(), spec.network());
        } catch (SpecException e) {
            throw new AssertionError(e);
        }
    }

    static Batch batch(RunSpec spec, int size, long seed) {
        return task(spec).sample(size, new SplittableRandom(seed));
    }

    static RateRnn network(RunSpec spec, Precision precision, long seed) {
        Task task = task(spec);
        return RateRnn.create(spec, task.inputCount(), task.outputCount(), precision, new SplittableRandom(seed));
    }

    /**
     * The loss of {@code batch} (the recurrent noise from {@code noiseSeed}) with entry {@code idx}
     * of {@code p} moved by +step and by -step, the entry restored after: a central difference's two ends.
     */
    static double[] lossesAround(RateRnn net, Parameter p, int idx, double step, Batch batch, long noiseSeed) {
        double original = p.value(idx);
        p.setValue(idx, original + step);
        double plus = net.evaluate(batch, new SplittableRandom(noiseSeed), null).total();
        p.setValue(idx, original - step);
        double minus = net.evaluate(batch, new SplittableRandom(noiseSeed), null).total();
        p.setValue(idx, original);
        return new double[] {plus, minus};
    }

    static Parameter parameter(RateRnn net, String name) {
        return net.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }
}
