package org.dalesweep.task;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * A trial generator and its scoring rule. Trials come from an RNG owned by the run, so the same
 * seed gives the same trials. Each implementation names its conventions (fixation input, target
 * levels, scoring rule) in its Javadoc.
 */
public interface Task {

    /** The value of {@code task.name}. */
    String name();

    int inputCount();

    int outputCount();

    /** Time steps of one trial at this task's dt. */
    int steps();

    /** True for tasks scored as percent correct with a label per trial (cross-entropy applies). */
    boolean classification();

    /** A fresh batch of {@code size} trials drawn from {@code rng}. */
    Batch sample(int size, RandomGenerator rng);

    /**
     * Held-out trials for the evaluations during training (the trajectory's score, the stop at
     * {@code target_accuracy}): for synthetic tasks fresh trials like {@link #sample}; tasks with a
     * data set draw from a validation split carved from its training data, never from the test split.
     */
    default Batch sampleHeldOut(int size, RandomGenerator rng) {
        return sample(size, rng);
    }

    /**
     * The test set, scored once at the end of a completed run and reported as the run's accuracy, its
     * last held-out score being the validation accuracy. Empty by default: a synthetic task draws its
     * held-out trials fresh from the generator, never trained on, so that score is both.
     */
    default Optional<TestSet> testSet() {
        return Optional.empty();
    }

    /**
     * Scores network outputs {@code z[(t*size + b)*outputCount + k]} on a batch: fraction correct in
     * [0, 1] for decision tasks, R^2 (at most 1) for continuous targets.
     */
    double score(Batch batch, float[] z);

    /**
     * The duration of one step in ms when steps are time (the network's dt), empty when a step is a
     * position in a sequence (the adding problem, image rows). Plots label their time axis by it.
     */
    OptionalDouble stepMs();

    /** One short name per input channel, in channel order (legends, listings). */
    List<String> inputNames();

    /** One short name per output channel, in channel order. */
    List<String> outputNames();

    /**
     * The input channels as a plot groups them (e.g. evidence, context, fixation), each group a
     * contiguous range; by default one group of all inputs.
     */
    default List<ChannelGroup> inputGroups() {
        return List.of(new ChannelGroup("inputs", 0, inputCount()));
    }
}
