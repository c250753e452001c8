package org.dalesweep.task;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * Perceptual decision making, two-alternative random dots, after pycog's {@code rdm} (Song, Yang
 * &amp; Wang 2016). Epochs: fixation, stimulus, decision.
 *
 * <p>Conventions, chosen deliberately where the references differ:
 * <ul>
 *   <li>Inputs: two evidence channels {@code (1 ± coherence_scale·coh/100)/2} (pycog: scale 3.2;
 *   the correct choice's channel gets the plus) during the stimulus, 0 otherwise; a fixation
 *   channel at 1 until the decision epoch starts (pycog, older NeuroGym), so its offset is the go
 *   cue. NeuroGym since 2025 turns fixation off after the fixation epoch, which leaves no go cue
 *   (its issue #279); we keep the older convention for every cognitive task.</li>
 *   <li>Input noise: Gaussian on the evidence channels during the stimulus, per-step std
 *   {@code sigma_in/sqrt(dt/ms)} (NeuroGym's form), so the evidence in a given stimulus time does not
 *   depend on dt. The default 1 is NeuroGym's PerceptualDecisionMaking (σ = 1: std 0.1 at its
 *   100 ms step). pycog's coherences at scale 3.2 are NeuroGym's 3.2–51.2 % in its
 *   {@code cos·coh/200 + 0.5} form, so this is NeuroGym's signal-to-noise ratio over pycog's 800 ms
 *   stimulus: an ideal observer is right on about 93 % of trials (74 % at 1 %, 90 % at 2 %, &gt; 99 %
 *   from 4 %), and a network stays below that, so the loss keeps a gradient. pycog's own input noise
 *   (var_in = 0.01², applied as sqrt(2τ/dt)·σ_in with τ = 100 ms, i.e. {@code sigma_in} 0.1414) left
 *   a 64-unit pure-free network at 98 % held-out accuracy within a few hundred iterations.</li>
 *   <li>Targets: high 1.0 on the correct channel and low 0.2 on the other during the decision epoch
 *   (pycog, PsychRNN). The mask covers the decision epoch only: pycog also masks the fixation epoch
 *   at the low level, but our mask doubles as the cross-entropy window, where a label on the
 *   fixation steps would ask for a choice before the go cue.</li>
 *   <li>Catch trials (probability {@code catch_prob}, pycog's 1/(conditions+1)): no stimulus, both
 *   targets low in the decision epoch; label -1, so cross-entropy skips them.</li>
 *   <li>Scoring (PsychRNN): the choice is the argmax of the outputs' mean over the decision epoch;
 *   a catch trial is correct when both means stay below the midpoint of high and low.</li>
 * </ul>
 */
public final class PerceptualDm extends DecisionTask {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "perceptual_dm",
            "2AFC random dots: report which of two noisy evidence streams is stronger",
            true,
            List.of(
                    Epochs.fixation(100),
                    TaskParam.number("stimulus_ms", 800, "stimulus epoch, ms", 1, 1e5),
                    Epochs.decision(300),
                    TaskParam.numbers("coherences", List.of(1.0, 2.0, 4.0, 8.0, 16.0), "motion coherences, percent", 0, 100),
                    TaskParam.number("coherence_scale", 3.2,
                            "evidence channels are (1 ± coherence_scale·coh/100)/2 (pycog rdm: 3.2)", 0, 100),
                    Timing.sigmaIn(1.0, "each evidence channel (NeuroGym: 1)"),
                    catchProb(1.0 / 11),
                    Targets.HIGH, Targets.LOW),
            (spec, network) -> new PerceptualDm(spec, network.dtMs()));

    private final Evidence evidence;
    private final double catchProb;

    public PerceptualDm(TaskSpec spec, double dtMs) {
        super(DEFINITION, spec, dtMs, List.of("evidence 1", "evidence 2", "fixation"),
                List.of("choice 1", "choice 2"), "fixation", "stimulus", "decision");
        this.evidence = new Evidence(spec, dtMs);
        this.catchProb = spec.number("catch_prob");
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("evidence", 0, 2), new ChannelGroup("fixation", 2, 3));
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        TrialBuffer buf = trials(size);
        Epochs.Epoch stimulus = epochs.epoch("stimulus");
        for (int b = 0; b < size; b++) {
            boolean isCatch = rng.nextDouble() < catchProb;
            int choice = rng.nextInt(2);
            double coh = evidence.coherence(rng);
            buf.label(b, isCatch ? -1 : choice);
            buf.input(b, 2, 0, decisionStart(), 1);
            if (!isCatch) {
                evidence.write(buf, b, 0, choice, stimulus.start(), stimulus.end(), coh, rng);
            }
            respond(buf, b, isCatch ? -1 : choice);
        }
        return buf.build();
    }
}
