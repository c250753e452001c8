package org.dalesweep.task;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * Go / no-go after NeuroGym's GoNogo: a go or a no-go stimulus, a delay, then respond on go trials and
 * withhold on no-go trials. Epochs: fixation (0 ms by default), stimulus, delay, decision.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Inputs: no-go channel, go channel, fixation. NeuroGym's cue is one-hot and noiseless, which
 *   every network learns to 100 % within a few hundred iterations, after which the loss has no
 *   gradient left to compare architectures by. Here the stimulus is a noisy two-channel signal in
 *   the random-dots convention of {@link PerceptualDm}: during the stimulus the named channel is
 *   {@code (1 + coherence_scale·coh/100)/2} and the other {@code (1 − coherence_scale·coh/100)/2},
 *   with coherence drawn per trial from pycog's {@code rdm} set {1, 2, 4, 8, 16} % at pycog's scale
 *   3.2 (NeuroGym's 3.2–51.2 % in its {@code cos·coh/200 + 0.5} form), plus Gaussian input noise of
 *   per-step std {@code sigma_in/sqrt(dt/ms)} on both channels, default NeuroGym's σ = 1 (std 0.1 at
 *   its 100 ms step). With 500 ms of stimulus an ideal observer is right on about 90 % of trials
 *   (69 % at 1 %, 84 % at 2 %, 98 % at 4 %, ~100 % above). {@code coherences: [100]},
 *   {@code coherence_scale: 1}, {@code sigma_in: 0} give back NeuroGym's noiseless one-hot cue.</li>
 *   <li>Fixation at 1 until the decision epoch (its offset is the go signal for the answer; NeuroGym
 *   since 2025 keeps fixation on only in the fixation epoch, which is 0 ms here, so there would be
 *   none, issue #279).</li>
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
public final class GoNogo extends DecisionTask {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "go_nogo",
            "go / no-go: after a delay, respond to a noisy go stimulus and withhold after a no-go stimulus",
            true,
            List.of(
                    Epochs.fixation(0),
                    TaskParam.number("stimulus_ms", 500, "cue epoch, ms", 1, 1e5),
                    TaskParam.number("delay_ms", 500, "delay between cue and decision, ms", 0, 1e5),
                    Epochs.decision(500),
                    TaskParam.number("go_prob", 0.5, "probability of a go trial", 0, 1),
                    TaskParam.numbers("coherences", List.of(1.0, 2.0, 4.0, 8.0, 16.0),
                            "stimulus coherences, percent (pycog rdm's set)", 0, 100),
                    TaskParam.number("coherence_scale", 3.2,
                            "the named cue channel is (1 + coherence_scale·coh/100)/2, the other (1 − …)/2 (pycog rdm: 3.2)",
                            0, 100),
                    Timing.sigmaIn(1.0, "each cue channel (NeuroGym: 1)"),
                    Targets.HIGH, Targets.LOW),
            (spec, network) -> new GoNogo(spec, network.dtMs()));

    /** Label and output index of the no-go answer (withhold). */
    public static final int HOLD = 0;
    /** Label and output index of the go answer. */
    public static final int GO = 1;

    private final double goProb;
    private final Evidence evidence;

    public GoNogo(TaskSpec spec, double dtMs) {
        super(DEFINITION, spec, dtMs, List.of("no-go cue", "go cue", "fixation"), List.of("hold", "go"),
                "fixation", "stimulus", "delay", "decision");
        this.goProb = spec.number("go_prob");
        this.evidence = new Evidence(spec, dtMs);
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("cue", 0, 2), new ChannelGroup("fixation", 2, 3));
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int decisionStart = decisionStart();
        Epochs.Epoch stimulus = epochs.epoch("stimulus");
        TrialBuffer buf = trials(size);
        for (int b = 0; b < size; b++) {
            int label = rng.nextDouble() < goProb ? GO : HOLD;
            double coh = evidence.coherence(rng);
            buf.label(b, label);
            buf.input(b, 2, 0, decisionStart, 1);
            evidence.write(buf, b, 0, label, stimulus.start(), stimulus.end(), coh, rng);
            respond(buf, b, label);
        }
        return buf.build();
    }
}
