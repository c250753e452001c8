package org.dalesweep.task;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskSpec;

/**
 * Perceptual decision making, two-alternative random dots, after pycog's {@code rdm} (Song, Yang
 * &amp; Wang 2016). Epochs: fixation, stimulus, decision.
 *
 * <p>Conventions, chosen deliberately where the references differ:
 * <ul>
 *   <li>Inputs: two evidence channels {@code (1 ± 3.2·coh/100)/2} (the correct choice's channel gets
 *   the plus) with independent Gaussian noise of std {@code sigma_in} per step during the stimulus,
 *   0 otherwise; a fixation channel at 1 until the decision epoch starts (pycog, older NeuroGym), so
 *   its offset is the go cue.</li>
 *   <li>Targets: high 1.0 on the correct channel and low 0.2 on the other during the decision epoch
 *   (pycog, PsychRNN); the mask covers the decision epoch only.</li>
 *   <li>Catch trials (probability {@code catch_prob}, pycog's 1/(conditions+1)): no stimulus, both
 *   targets low; they have no label, so cross-entropy skips them.</li>
 *   <li>Scoring (PsychRNN): the choice is the argmax of the outputs' mean over the decision epoch;
 *   a catch trial is correct when both means stay below the midpoint of high and low.</li>
 * </ul>
 */
public final class PerceptualDm implements Task {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "perceptual_dm",
            "2AFC random dots: report which of two noisy evidence streams is stronger",
            true,
            List.of(
                    TaskParam.number("fixation_ms", 100, "fixation epoch before the stimulus, ms", 0, 1e5),
                    TaskParam.number("stimulus_ms", 800, "stimulus epoch, ms", 1, 1e5),
                    TaskParam.number("decision_ms", 300, "decision (response) epoch, ms", 1, 1e5),
                    TaskParam.numbers("coherences", List.of(1.0, 2.0, 4.0, 8.0, 16.0), "motion coherences, percent", 0, 100),
                    TaskParam.number("sigma_in", 0.1, "std of the input noise on each evidence channel per step", 0, 10),
                    TaskParam.number("catch_prob", 1.0 / 11, "probability of a catch trial (no stimulus, no response)", 0, 1),
                    TaskParam.number("target_high", 1.0, "target level of the chosen output", -10, 10),
                    TaskParam.number("target_low", 0.2, "target level of the other output(s)", -10, 10)),
            PerceptualDm::new);

    private final int fixation;
    private final int stimulus;
    private final int decision;
    private final double[] coherences;
    private final double sigmaIn;
    private final double catchProb;
    private final float high;
    private final float low;

    public PerceptualDm(TaskSpec spec, double dtMs) {
        this.fixation = Timing.steps(spec.number("fixation_ms"), dtMs);
        this.stimulus = Math.max(1, Timing.steps(spec.number("stimulus_ms"), dtMs));
        this.decision = Math.max(1, Timing.steps(spec.number("decision_ms"), dtMs));
        this.coherences = spec.numbers("coherences").stream().mapToDouble(Double::doubleValue).toArray();
        this.sigmaIn = spec.number("sigma_in");
        this.catchProb = spec.number("catch_prob");
        this.high = (float) spec.number("target_high");
        this.low = (float) spec.number("target_low");
    }

    @Override
    public String name() {
        return DEFINITION.name();
    }

    @Override
    public int inputCount() {
        return 3;
    }

    @Override
    public int outputCount() {
        return 2;
    }

    @Override
    public int steps() {
        return fixation + stimulus + decision;
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int steps = steps();
        float[] u = new float[steps * size * 3];
        float[] y = new float[steps * size * 2];
        float[] m = new float[steps * size * 2];
        int[] labels = new int[size];
        int decisionStart = fixation + stimulus;
        for (int b = 0; b < size; b++) {
            boolean isCatch = rng.nextDouble() < catchProb;
            int choice = rng.nextInt(2);
            double coh = coherences[rng.nextInt(coherences.length)];
            labels[b] = isCatch ? -1 : choice;
            for (int t = 0; t < steps; t++) {
                int ui = (t * size + b) * 3;
                if (t < decisionStart) {
                    u[ui + 2] = 1f;
                }
                if (!isCatch && t >= fixation && t < decisionStart) {
                    double strong = 0.5 * (1 + 3.2 * coh / 100);
                    double weak = 0.5 * (1 - 3.2 * coh / 100);
                    u[ui + choice] = (float) (strong + sigmaIn * rng.nextGaussian());
                    u[ui + 1 - choice] = (float) (weak + sigmaIn * rng.nextGaussian());
                }
                if (t >= decisionStart) {
                    int yi = (t * size + b) * 2;
                    y[yi] = !isCatch && choice == 0 ? high : low;
                    y[yi + 1] = !isCatch && choice == 1 ? high : low;
                    m[yi] = 1f;
                    m[yi + 1] = 1f;
                }
            }
        }
        return new Batch(steps, size, 3, 2, u, y, m, labels);
    }

    @Override
    public double score(Batch batch, float[] z) {
        return Scoring.meanOverMaskArgmax(batch, z, (high + low) / 2);
    }
}
