package org.dalesweep.task;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * Context-dependent integration after Mante et al. 2013 as pycog's {@code mante} builds it: two
 * modalities (motion, colour) each carry evidence for one of two choices; an explicit context cue
 * says which modality counts, and the answer follows the cued modality whatever the other says.
 * Epochs: fixation, stimulus, decision.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Inputs (7): motion evidence for choice 1 and 2, colour evidence for choice 1 and 2, each
 *   {@code (1 ± coherence_scale·coh/100)/2} during the stimulus (pycog: scale 5, coherences
 *   1, 3, 10 %, drawn independently per modality together with each modality's direction); a
 *   one-hot context cue (motion, colour) on through the whole trial, so the rule is known before
 *   the evidence arrives and while answering (pycog's file shows it during the stimulus only;
 *   NeuroGym's ContextDecisionMaking keeps it on); a fixation channel at 1 until the decision epoch,
 *   whose offset is the go cue (pycog has none; NeuroGym since 2025 drops it after fixation and
 *   so lost its go cue, issue #279).</li>
 *   <li>Input noise on the four evidence channels during the stimulus, per-step std
 *   {@code sigma_in/sqrt(dt/ms)}; default NeuroGym's ContextDecisionMaking σ = 1 (std 0.1 at its
 *   100 ms step). pycog's coherences 1, 3, 10 % at scale 5 are NeuroGym's 5, 15, 50 % in its
 *   {@code cos·coh/200 + 0.5} form, so this is NeuroGym's signal-to-noise ratio over pycog's 800 ms
 *   stimulus: an ideal observer of the cued modality is right on about 95 % of trials (84 % at 1 %,
 *   &gt; 99 % above), and a network stays below that. pycog's own input noise ({@code sigma_in}
 *   0.1414, see {@link PerceptualDm}) left a 64-unit pure-free network at 95 % after 1,000
 *   iterations.</li>
 *   <li>Targets: high 1.0 on the cued modality's choice, low 0.2 on the other, decision epoch only,
 *   which is also the mask (the cross-entropy window).</li>
 *   <li>Catch trials with pycog's probability 1/(72 conditions + 1): context cue and fixation as
 *   usual, no evidence, both targets low; label -1.</li>
 *   <li>Scoring (PsychRNN): argmax of the outputs' mean over the decision epoch; a catch trial is
 *   correct when both means stay below the midpoint of high and low. Criterion (pycog): &gt; 90 %.</li>
 * </ul>
 */
public final class ContextDm extends DecisionTask {

    public static final TaskDefinition DEFINITION = new TaskDefinition(
            "context_dm",
            "Mante et al. 2013: integrate the modality (motion or colour) a context cue names, ignore the other",
            true,
            List.of(
                    Epochs.fixation(100),
                    TaskParam.number("stimulus_ms", 800, "stimulus epoch (both modalities), ms", 1, 1e5),
                    Epochs.decision(300),
                    TaskParam.numbers("coherences", List.of(1.0, 3.0, 10.0), "coherences of each modality, percent", 0, 100),
                    TaskParam.number("coherence_scale", 5.0,
                            "evidence channels are (1 ± coherence_scale·coh/100)/2 (pycog mante: 5)", 0, 100),
                    Timing.sigmaIn(1.0, "each evidence channel (NeuroGym: 1)"),
                    catchProb(1.0 / 73),
                    Targets.HIGH, Targets.LOW),
            (spec, network) -> new ContextDm(spec, network.dtMs()));

    /** Input channel of the motion evidence for choice 1; choice 2 follows. */
    static final int MOTION = 0;
    /** Input channel of the colour evidence for choice 1; choice 2 follows. */
    static final int COLOUR = 2;
    /** Input channel of the motion context cue; the colour cue follows. */
    static final int CONTEXT = 4;
    static final int FIXATION = 6;

    private final Evidence evidence;
    private final double catchProb;

    public ContextDm(TaskSpec spec, double dtMs) {
        super(DEFINITION, spec, dtMs,
                List.of("motion 1", "motion 2", "colour 1", "colour 2", "context: motion", "context: colour", "fixation"),
                List.of("choice 1", "choice 2"), "fixation", "stimulus", "decision");
        this.evidence = new Evidence(spec, dtMs);
        this.catchProb = spec.number("catch_prob");
    }

    @Override
    public List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("motion evidence", MOTION, MOTION + 2),
                new ChannelGroup("colour evidence", COLOUR, COLOUR + 2),
                new ChannelGroup("context cue", CONTEXT, CONTEXT + 2),
                new ChannelGroup("fixation", FIXATION, FIXATION + 1));
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int steps = steps();
        int decisionStart = decisionStart();
        Epochs.Epoch stimulus = epochs.epoch("stimulus");
        TrialBuffer buf = trials(size);
        for (int b = 0; b < size; b++) {
            boolean isCatch = rng.nextDouble() < catchProb;
            int context = rng.nextInt(2);
            int motionChoice = rng.nextInt(2);
            int colourChoice = rng.nextInt(2);
            double motionCoh = evidence.coherence(rng);
            double colourCoh = evidence.coherence(rng);
            int choice = context == 0 ? motionChoice : colourChoice;
            buf.label(b, isCatch ? -1 : choice);
            buf.input(b, CONTEXT + context, 0, steps, 1);
            buf.input(b, FIXATION, 0, decisionStart, 1);
            if (!isCatch) {
                evidence.write(buf, b, MOTION, motionChoice, stimulus.start(), stimulus.end(), motionCoh, rng);
                evidence.write(buf, b, COLOUR, colourChoice, stimulus.start(), stimulus.end(), colourCoh, rng);
            }
            respond(buf, b, isCatch ? -1 : choice);
        }
        return buf.build();
    }
}
