package org.dalesweep.task;

import java.util.List;
import java.util.OptionalDouble;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * What the cognitive tasks share (DESIGN §3): named input and output channels, a trial of fixed
 * {@link Epochs} at the network's dt,
 * the last the decision epoch, where {@link #respond} asks for the answer at the {@link Targets}
 * levels; scored by PsychRNN's rule, the argmax of the outputs' mean over the masked steps (a
 * trial without an answer, label -1, is correct when every mean stays below the midpoint).
 * Each task keeps its inputs, its conditions and how it draws a trial.
 */
abstract class DecisionTask implements Task {
    private final TaskDefinition definition;
    private final List<String> inputNames;
    private final List<String> outputNames;
    final Epochs epochs;
    final Targets targets;

    /** {@code task.catch_prob}: the probability of a trial without stimulus and without answer (label -1). */
    static TaskParam catchProb(double defaultValue) {
        return TaskParam.number("catch_prob", defaultValue, "probability of a catch trial (no stimulus, no response)", 0, 1);
    }

    /**
     * A task with these channels, reading the epochs {@code epochNames} (in trial order) and the
     * target levels from {@code spec}.
     */
    DecisionTask(TaskDefinition definition, TaskSpec spec, double dtMs, List<String> inputNames,
                 List<String> outputNames, String... epochNames) {
        this.definition = definition;
        this.inputNames = List.copyOf(inputNames);
        this.outputNames = List.copyOf(outputNames);
        this.epochs = Epochs.read(definition, spec, dtMs, epochNames);
        this.targets = Targets.read(spec);
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public int inputCount() {
        return inputNames.size();
    }

    @Override
    public int outputCount() {
        return outputNames.size();
    }

    @Override
    public List<String> inputNames() {
        return inputNames;
    }

    @Override
    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    public boolean classification() {
        return definition.classification();
    }

    @Override
    public int steps() {
        return epochs.steps();
    }

    /** First step of the decision epoch. */
    int decisionStart() {
        return epochs.decision().start();
    }

    @Override
    public OptionalDouble stepMs() {
        return OptionalDouble.of(epochs.dtMs());
    }

    /** An empty batch of {@code size} trials of this task's shape. */
    TrialBuffer trials(int size) {
        return new TrialBuffer(steps(), size, inputCount(), outputCount());
    }

    /**
     * Asks trial {@code b} for output {@code correct} at high and the others at low over the
     * decision epoch (all low when {@code correct} is -1), masked in there only.
     */
    void respond(TrialBuffer buf, int b, int correct) {
        buf.respond(b, decisionStart(), steps(), correct, targets.high(), targets.low());
    }

    @Override
    public double score(Batch batch, float[] z) {
        return Scoring.meanOverMaskArgmax(batch, z, targets.midpoint());
    }
}
