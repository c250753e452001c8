package org.dalesweep.task;

import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskSpec;

/**
 * Go / no-go after NeuroGym's GoNogo: a go or a no-go cue, a delay, then respond on go trials and
 * withhold on no-go trials. Epochs: fixation (0 ms by default), stimulus, delay, decision.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Inputs: no-go cue, go cue (one-hot during the stimulus), fixation at 1 until the decision
 *   epoch (its offset is the go signal for the answer; NeuroGym since 2025 keeps fixation on only in
 *   the fixation epoch, which is 0 ms here, so there would be none, issue #279). Input noise of
 *   per-step std {@code sigma_in/sqrt(dt/ms)} on both cue channels during the stimulus, 0 by
 *   default: the cue is not meant to be ambiguous.</li>
 *   <li>Outputs: two, "hold" (label 0, the no-go answer) and "go" (label 1), with high 1.0 / low
 *   0.2 over the decision epoch, which is the mask. Withholding is thus an answer like any other:
 *   both trial types have a label, so cross-entropy trains the no-go trials too. The alternative,
 *   one output with label -1 and low targets on no-go trials, would leave no-go trials out of
 *   cross-entropy (it skips label -1), so a network trained with it would never learn to withhold.
 *   NeuroGym's actions are the same pair (fixate, go).</li>
 *   <li>Scoring (PsychRNN): argmax of the outputs' mean over the decision epoch, so a no-go trial is
 *   correct when "hold" stays above "go".</li>
 * </ul>
 */
public final class GoNogo implements Task {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "go_nogo",
            "go / no-go: after a delay, respond to a go cue and withhold after a no-go cue",
            true,
            List.of(
                    TaskParam.number("fixation_ms", 0, "fixation epoch before the cue, ms", 0, 1e5),
                    TaskParam.number("stimulus_ms", 500, "cue epoch, ms", 1, 1e5),
                    TaskParam.number("delay_ms", 500, "delay between cue and decision, ms", 0, 1e5),
                    TaskParam.number("decision_ms", 500, "decision (response) epoch, ms", 1, 1e5),
                    TaskParam.number("go_prob", 0.5, "probability of a go trial", 0, 1),
                    TaskParam.number("sigma_in", 0.0,
                            "input noise density: per-step std sigma_in/sqrt(dt/ms) on each cue channel", 0, 100),
                    TaskParam.number("target_high", 1.0, "target level of the correct output", -10, 10),
                    TaskParam.number("target_low", 0.2, "target level of the other output", -10, 10)),
            GoNogo::new);

    /** Label and output index of the no-go answer (withhold). */
    public static final int HOLD = 0;
    /** Label and output index of the go answer. */
    public static final int GO = 1;

    private final double dtMs;
    private final int fixation;
    private final int stimulus;
    private final int delay;
    private final int decision;
    private final double goProb;
    private final double noiseStd;
    private final float high;
    private final float low;

    public GoNogo(TaskSpec spec, double dtMs) {
        this.dtMs = dtMs;
        this.fixation = Timing.steps(spec.number("fixation_ms"), dtMs);
        this.stimulus = Math.max(1, Timing.steps(spec.number("stimulus_ms"), dtMs));
        this.delay = Timing.steps(spec.number("delay_ms"), dtMs);
        this.decision = Math.max(1, Timing.steps(spec.number("decision_ms"), dtMs));
        this.goProb = spec.number("go_prob");
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
        return 3;
    }

    @Override
    public int outputCount() {
        return 2;
    }

    @Override
    public int steps() {
        return fixation + stimulus + delay + decision;
    }

    int decisionStart() {
        return fixation + stimulus + delay;
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
        return List.of("no-go cue", "go cue", "fixation");
    }

    @Override
    public List<String> outputNames() {
        return List.of("hold", "go");
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("cue", 0, 2), new ChannelGroup("fixation", 2, 3));
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int steps = steps();
        int decisionStart = decisionStart();
        TrialBuffer buf = new TrialBuffer(steps, size, 3, 2);
        for (int b = 0; b < size; b++) {
            int label = rng.nextDouble() < goProb ? GO : HOLD;
            buf.label(b, label);
            buf.input(b, 2, 0, decisionStart, 1);
            buf.input(b, label, fixation, fixation + stimulus, 1);
            buf.noise(b, 0, fixation, fixation + stimulus, noiseStd, rng);
            buf.noise(b, 1, fixation, fixation + stimulus, noiseStd, rng);
            buf.respond(b, decisionStart, steps, label, high, low);
        }
        return buf.build();
    }

    @Override
    public double score(Batch batch, float[] z) {
        return Scoring.meanOverMaskArgmax(batch, z, (high + low) / 2);
    }
}
