package org.dalesweep.task;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskParam;
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
public final class DelayMatch extends DecisionTask {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "delay_match",
            "delayed match-to-sample: is the test direction the sample direction seen before the delay?",
            true,
            List.of(
                    Epochs.fixation(300),
                    TaskParam.number("sample_ms", 500, "sample epoch, ms", 1, 1e5),
                    TaskParam.number("delay_ms", 1000, "delay between sample and test, ms", 0, 1e5),
                    TaskParam.number("test_ms", 500, "test epoch, ms", 1, 1e5),
                    Epochs.decision(900),
                    TaskParam.integer("ring_size", 2, "ring input channels (preferred directions 2πj/ring_size)", 2, 64),
                    Timing.sigmaIn(1.0, "each ring channel"),
                    Targets.HIGH, Targets.LOW),
            (spec, network) -> new DelayMatch(spec, network.dtMs()));

    private final int ring;
    private final double noiseStd;

    public DelayMatch(TaskSpec spec, double dtMs) {
        super(DEFINITION, spec, dtMs, ringAndFixation(spec.integer("ring_size")), List.of("match", "non-match"),
                "fixation", "sample", "delay", "test", "decision");
        this.ring = spec.integer("ring_size");
        this.noiseStd = Timing.noiseStd(spec.number("sigma_in"), dtMs);
    }

    int testStart() {
        return epochs.epoch("test").start();
    }

    /** The input names: the ring channels by preferred direction, then fixation. */
    private static List<String> ringAndFixation(int ring) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < ring; j++) {
            names.add("ring " + Math.round(360.0 * j / ring) + "°");
        }
        names.add("fixation");
        return names;
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("ring (sample, test)", 0, ring), new ChannelGroup("fixation", ring, ring + 1));
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        TrialBuffer buf = trials(size);
        Epochs.Epoch sample = epochs.epoch("sample");
        Epochs.Epoch test = epochs.epoch("test");
        for (int b = 0; b < size; b++) {
            double sampleTheta = 2 * Math.PI * rng.nextInt(ring) / ring;
            boolean match = rng.nextBoolean();
            double testTheta = match ? sampleTheta : sampleTheta + Math.PI;
            int label = match ? 0 : 1;
            buf.label(b, label);
            buf.input(b, ring, 0, decisionStart(), 1);
            for (int j = 0; j < ring; j++) {
                double pref = 2 * Math.PI * j / ring;
                buf.input(b, j, sample.start(), sample.end(), Math.cos(sampleTheta - pref) * 0.5 + 0.5);
                buf.input(b, j, test.start(), test.end(), Math.cos(testTheta - pref) * 0.5 + 0.5);
                buf.noise(b, j, sample.start(), sample.end(), noiseStd, rng);
                buf.noise(b, j, test.start(), test.end(), noiseStd, rng);
            }
            respond(buf, b, label);
        }
        return buf.build();
    }
}
