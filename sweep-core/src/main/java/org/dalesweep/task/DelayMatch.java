package org.dalesweep.task;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskSpec;

/**
 * Delayed match-to-sample after NeuroGym's DelayMatchSample: a sample direction, a delay, a test
 * direction; answer whether the test matches the sample. Epochs: fixation, sample, delay, test,
 * decision.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Inputs: {@code ring_size} ring channels with preferred directions θ_j = 2πj/ring_size
 *   carrying {@code cos(θ − θ_j)·0.5 + 0.5} during the sample (θ = the sample direction, one of the
 *   preferred directions) and the test (θ = the sample on a match, the sample + π on a
 *   non-match, each with probability 1/2), 0 otherwise; NeuroGym's default ring of 2 makes it a
 *   same/different judgement on two directions. Gaussian noise on the ring channels during sample
 *   and test, per-step std {@code sigma_in/sqrt(dt/ms)} (NeuroGym: σ = 1). A fixation channel at 1
 *   until the decision epoch (its offset is the go cue; NeuroGym since 2025 drops fixation after
 *   the fixation epoch, issue #279).</li>
 *   <li>Outputs: match (label 0) and non-match (label 1); NeuroGym's third action, fixate, is
 *   carried by the fixation input instead. Targets high 1.0 / low 0.2 (pycog, PsychRNN) over the
 *   decision epoch, which is the mask.</li>
 *   <li>Scoring (PsychRNN): argmax of the outputs' mean over the decision epoch. NeuroGym's issue
 *   #46 reports its reference model stuck at chance on this task; the learnability test checks
 *   ours is not.</li>
 * </ul>
 */
public final class DelayMatch implements Task {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "delay_match",
            "delayed match-to-sample: is the test direction the sample direction seen before the delay?",
            true,
            List.of(
                    TaskParam.number("fixation_ms", 300, "fixation epoch, ms", 0, 1e5),
                    TaskParam.number("sample_ms", 500, "sample epoch, ms", 1, 1e5),
                    TaskParam.number("delay_ms", 1000, "delay between sample and test, ms", 0, 1e5),
                    TaskParam.number("test_ms", 500, "test epoch, ms", 1, 1e5),
                    TaskParam.number("decision_ms", 900, "decision (response) epoch, ms", 1, 1e5),
                    TaskParam.integer("ring_size", 2, "ring input channels (preferred directions 2πj/ring_size)", 2, 64),
                    TaskParam.number("sigma_in", 1.0,
                            "input noise density: per-step std sigma_in/sqrt(dt/ms) on each ring channel", 0, 100),
                    TaskParam.number("target_high", 1.0, "target level of the correct output", -10, 10),
                    TaskParam.number("target_low", 0.2, "target level of the other output", -10, 10)),
            (spec, network) -> new DelayMatch(spec, network.dtMs()));

    private final double dtMs;
    private final int fixation;
    private final int sample;
    private final int delay;
    private final int test;
    private final int decision;
    private final int ring;
    private final double noiseStd;
    private final float high;
    private final float low;

    public DelayMatch(TaskSpec spec, double dtMs) {
        this.dtMs = dtMs;
        this.fixation = Timing.steps(spec.number("fixation_ms"), dtMs);
        this.sample = Math.max(1, Timing.steps(spec.number("sample_ms"), dtMs));
        this.delay = Timing.steps(spec.number("delay_ms"), dtMs);
        this.test = Math.max(1, Timing.steps(spec.number("test_ms"), dtMs));
        this.decision = Math.max(1, Timing.steps(spec.number("decision_ms"), dtMs));
        this.ring = spec.integer("ring_size");
        this.noiseStd = Timing.noiseStd(spec.number("sigma_in"), dtMs);
        this.high = (float) spec.number("target_high");
        this.low = (float) spec.number("target_low");
    }

    @Override
    public String name() {
        return DEFINITION.name();
    }

    @Override
    public int inputCount() {
        return ring + 1;
    }

    @Override
    public int outputCount() {
        return 2;
    }

    @Override
    public int steps() {
        return fixation + sample + delay + test + decision;
    }

    int testStart() {
        return fixation + sample + delay;
    }

    int decisionStart() {
        return testStart() + test;
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public OptionalDouble stepMs() {
        return OptionalDouble.of(dtMs);
    }

    @Override
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < ring; j++) {
            names.add("ring " + Math.round(360.0 * j / ring) + "°");
        }
        names.add("fixation");
        return names;
    }

    @Override
    public List<String> outputNames() {
        return List.of("match", "non-match");
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("ring (sample, test)", 0, ring), new ChannelGroup("fixation", ring, ring + 1));
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int steps = steps();
        TrialBuffer buf = new TrialBuffer(steps, size, ring + 1, 2);
        int sampleStart = fixation;
        int sampleEnd = fixation + sample;
        int testStart = testStart();
        int decisionStart = decisionStart();
        for (int b = 0; b < size; b++) {
            double sampleTheta = 2 * Math.PI * rng.nextInt(ring) / ring;
            boolean match = rng.nextBoolean();
            double testTheta = match ? sampleTheta : sampleTheta + Math.PI;
            int label = match ? 0 : 1;
            buf.label(b, label);
            buf.input(b, ring, 0, decisionStart, 1);
            for (int j = 0; j < ring; j++) {
                double pref = 2 * Math.PI * j / ring;
                buf.input(b, j, sampleStart, sampleEnd, Math.cos(sampleTheta - pref) * 0.5 + 0.5);
                buf.input(b, j, testStart, decisionStart, Math.cos(testTheta - pref) * 0.5 + 0.5);
                buf.noise(b, j, sampleStart, sampleEnd, noiseStd, rng);
                buf.noise(b, j, testStart, decisionStart, noiseStd, rng);
            }
            buf.respond(b, decisionStart, steps, label, high, low);
        }
        return buf.build();
    }

    @Override
    public double score(Batch batch, float[] z) {
        return Scoring.meanOverMaskArgmax(batch, z, (high + low) / 2);
    }
}
