package org.dalesweep.task;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * Parametric working memory after Romo's vibrotactile comparison as pycog's {@code romo} builds
 * it: a first frequency f1, a delay, a second frequency f2; answer whether f1 &gt; f2. Epochs:
 * fixation, f1, delay, f2, decision.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Inputs: pycog's two-channel code of a frequency, {@code 0.2 + 0.8(f − fmin)/(fmax − fmin)}
 *   and its mirror {@code 0.2 + 0.8(fmax − f)/(fmax − fmin)} (fmin, fmax over all pairs), during f1
 *   and f2, with input noise of per-step std {@code sigma_in/sqrt(dt/ms)} (default pycog's
 *   var_in = 0.01² at τ = 100 ms); NeuroGym's one-channel code and PsychRNN's 0.4-offset code are
 *   the same idea. A fixation channel at 1 from trial start until the decision epoch (go cue).</li>
 *   <li>Conditions: a pair from {@code frequency_pairs_hz} (NeuroGym's and pycog's five pairs) in
 *   random order, so f1 &gt; f2 (label 0) or f1 &lt; f2 (label 1) with probability 1/2 each; catch
 *   trials with pycog's 1/(10 conditions + 1): no stimulus, targets low, label -1.</li>
 *   <li>Variable delay: drawn per trial, uniform in [{@code delay_min_ms}, {@code delay_max_ms}]
 *   (pycog's training range 2500–3500). A batch has one length, so trials are right-aligned:
 *   every batch has {@link #steps()} = the trial at the longest delay, and a trial with a shorter
 *   delay starts later, its leading steps silent (all inputs 0, mask 0). The decision epoch is
 *   then the same last steps for every trial and the delay still varies within a batch, which
 *   one delay per batch would not give.</li>
 *   <li>Targets high 1.0 / low 0.2 over the decision epoch, which is the mask.</li>
 *   <li>Scoring (PsychRNN): argmax of the outputs' mean over the decision epoch (catch: both means
 *   below the midpoint). pycog's criterion is on the worst condition (≥ 85 %); the score here is
 *   the fraction correct over the batch.</li>
 * </ul>
 */
public final class ParametricWm extends DecisionTask {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "parametric_wm",
            "Romo vibrotactile comparison: hold f1 through a delay, then report whether f1 > f2",
            true,
            List.of(
                    Epochs.fixation(100),
                    TaskParam.number("f1_ms", 500, "first stimulus, ms", 1, 1e5),
                    TaskParam.number("delay_min_ms", 2500, "shortest delay between f1 and f2, ms", 0, 1e5),
                    TaskParam.number("delay_max_ms", 3500, "longest delay between f1 and f2, ms", 0, 1e5),
                    TaskParam.number("f2_ms", 500, "second stimulus, ms", 1, 1e5),
                    Epochs.decision(300),
                    TaskParam.numbers("frequency_pairs_hz", List.of(18.0, 10.0, 22.0, 14.0, 26.0, 18.0, 30.0, 22.0, 34.0, 26.0),
                            "frequency pairs, Hz, flattened: a1, b1, a2, b2, ... (each pair shown in random order)", 0, 1e4),
                    Timing.sigmaIn(0.1414, "each frequency channel"),
                    catchProb(1.0 / 11),
                    Targets.HIGH, Targets.LOW),
            (spec, network) -> new ParametricWm(spec, network.dtMs()));

    /** Steps of the shortest delay; the epochs hold the longest, {@code delay_max}. */
    private final int delayMin;
    private final double[][] pairs;
    private final double fMin;
    private final double fMax;
    private final double noiseStd;
    private final double catchProb;

    public ParametricWm(TaskSpec spec, double dtMs) throws SpecException {
        super(DEFINITION, spec, dtMs, List.of("frequency +", "frequency −", "fixation"),
                List.of("f1 > f2", "f1 < f2"), "fixation", "f1", "delay_max", "f2", "decision");
        this.delayMin = Timing.steps(spec.number("delay_min_ms"), dtMs);
        if (spec.number("delay_min_ms") > spec.number("delay_max_ms")) {
            throw new SpecException("task.delay_min_ms: must not exceed task.delay_max_ms ("
                    + spec.number("delay_max_ms") + "), got " + spec.number("delay_min_ms"));
        }
        List<Double> flat = spec.numbers("frequency_pairs_hz");
        if (flat.size() % 2 != 0) {
            throw new SpecException("task.frequency_pairs_hz: needs pairs (an even count of numbers), got " + flat.size());
        }
        this.pairs = new double[flat.size() / 2][];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pairs.length; i++) {
            double a = flat.get(2 * i);
            double c = flat.get(2 * i + 1);
            if (a == c) {
                throw new SpecException("task.frequency_pairs_hz: pair " + (i + 1) + " (" + a + ", " + c
                        + ") has no larger frequency");
            }
            pairs[i] = new double[] {Math.max(a, c), Math.min(a, c)};
            lo = Math.min(lo, Math.min(a, c));
            hi = Math.max(hi, Math.max(a, c));
        }
        this.fMin = lo;
        this.fMax = hi;
        this.noiseStd = Timing.noiseStd(spec.number("sigma_in"), dtMs);
        this.catchProb = spec.number("catch_prob");
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("frequency code (f1, f2)", 0, 2), new ChannelGroup("fixation", 2, 3));
    }

    double encodePlus(double f) {
        return 0.2 + 0.8 * (f - fMin) / (fMax - fMin);
    }

    double encodeMinus(double f) {
        return 0.2 + 0.8 * (fMax - f) / (fMax - fMin);
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int decisionStart = decisionStart();
        int fixation = epochs.epoch("fixation").steps();
        int f1 = epochs.epoch("f1").steps();
        int delayMax = epochs.epoch("delay_max").steps();
        int f2 = epochs.epoch("f2").steps();
        TrialBuffer buf = trials(size);
        for (int b = 0; b < size; b++) {
            boolean isCatch = rng.nextDouble() < catchProb;
            double[] pair = pairs[rng.nextInt(pairs.length)];
            boolean greater = rng.nextBoolean();
            int delay = delayMin + rng.nextInt(delayMax - delayMin + 1);
            int start = delayMax - delay;
            int label = greater ? 0 : 1;
            buf.label(b, isCatch ? -1 : label);
            buf.input(b, 2, start, decisionStart, 1);
            if (!isCatch) {
                int f1Start = start + fixation;
                int f2Start = decisionStart - f2;
                stimulus(buf, b, f1Start, f1Start + f1, greater ? pair[0] : pair[1], rng);
                stimulus(buf, b, f2Start, decisionStart, greater ? pair[1] : pair[0], rng);
            }
            respond(buf, b, isCatch ? -1 : label);
        }
        return buf.build();
    }

    private void stimulus(TrialBuffer buf, int b, int from, int to, double f, RandomGenerator rng) {
        buf.input(b, 0, from, to, encodePlus(f));
        buf.input(b, 1, from, to, encodeMinus(f));
        buf.noise(b, 0, from, to, noiseStd, rng);
        buf.noise(b, 1, from, to, noiseStd, rng);
    }
}
