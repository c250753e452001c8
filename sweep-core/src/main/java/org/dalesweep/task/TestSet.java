package org.dalesweep.task;

/**
 * A task's test set: a fixed, ordered set of trials that no training decision sees, scored once at
 * the end of a completed run. Handed out in slices so that a large set (MNIST's 10,000 images) never
 * needs one large batch.
 */
public interface TestSet {

    /** Number of trials. */
    int size();

    /** Trials {@code [from, to)} of the set, in its fixed order. */
    Batch batch(int from, int to);
}
