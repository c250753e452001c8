package org.dalesweep.task;

import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber 1997; used on E/I networks by Li et al. 2023):
 * a sequence of {@code length} random values, two of them marked; at the last step, output the sum
 * of the two marked values.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Inputs: channel 0 a value drawn from U(0, 1) at every step, channel 1 the marker, 1 at
 *   exactly two steps and 0 elsewhere. One marked step is uniform in the first half of the
 *   sequence and the other uniform in the second half (the common modern form, Le et al. 2015);
 *   Hochreiter's original drew the first within the first ten steps. Either way exactly two are
 *   marked and the information must be held across up to the whole sequence.</li>
 *   <li>Steps are sequence positions, not time: dt does not change the task.</li>
 *   <li>Target: the sum at the last step only; the mask is that one step, so the MSE loss is the
 *   last-step MSE. Labels are -1 (not a classification; cross-entropy does not apply).</li>
 *   <li>Score: R² of the last-step prediction over the batch, {@code 1 − MSE/Var(target)}. The
 *   trivial prediction 1 has MSE ≈ Var(sum of two U(0,1)) = 1/6 ≈ 0.167, i.e. R² ≈ 0; anything
 *   clearly above 0 beats the baseline.</li>
 * </ul>
 */
public final class Adding implements Task {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "adding",
            "adding problem: output the sum of the two marked values of a random sequence at its end",
            false,
            List.of(TaskParam.integer("length", 20,
                    "sequence length, steps (one marker in each half; Hochreiter & Schmidhuber used >= 100)", 2, 100_000)),
            (spec, network) -> new Adding(spec, network.dtMs()));

    private final int length;

    public Adding(TaskSpec spec, double dtMs) {
        this.length = spec.integer("length");
    }

    @Override
    public String name() {
        return DEFINITION.name();
    }

    @Override
    public int inputCount() {
        return 2;
    }

    @Override
    public int outputCount() {
        return 1;
    }

    @Override
    public int steps() {
        return length;
    }

    @Override
    public boolean classification() {
        return false;
    }

    @Override
    public OptionalDouble stepMs() {
        return OptionalDouble.empty();
    }

    @Override
    public List<String> inputNames() {
        return List.of("value", "marker");
    }

    @Override
    public List<String> outputNames() {
        return List.of("sum");
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("value", 0, 1), new ChannelGroup("marker", 1, 2));
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        TrialBuffer buf = new TrialBuffer(length, size, 2, 1);
        int half = length / 2;
        for (int b = 0; b < size; b++) {
            int first = rng.nextInt(half);
            int second = half + rng.nextInt(length - half);
            double sum = 0;
            for (int t = 0; t < length; t++) {
                double v = rng.nextDouble();
                buf.input(t, b, 0, v);
                if (t == first || t == second) {
                    buf.input(t, b, 1, 1);
                    sum += v;
                }
            }
            buf.target(length - 1, b, 0, sum);
            buf.label(b, -1);
        }
        return buf.build();
    }

    @Override
    public double score(Batch batch, float[] z) {
        return Scoring.rSquared(batch, z);
    }
}
