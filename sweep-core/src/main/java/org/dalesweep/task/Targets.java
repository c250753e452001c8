package org.dalesweep.task;

import org.dalesweep.spec.TaskSpec;

/**
 * The target levels of a decision task ({@code task.target_high}, {@code task.target_low}): the
 * correct output at high, every other at low, over the decision epoch.
 */
record Targets(float high, float low) {

    static Targets read(TaskSpec spec) {
        return new Targets((float) spec.number("target_high"), (float) spec.number("target_low"));
    }

    /** The midpoint of high and low (in float, as the levels are): a catch trial is correct below it. */
    double midpoint() {
        return (high + low) / 2;
    }
}
