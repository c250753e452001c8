package org.dalesweep.task;

import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * The target levels of a decision task ({@code task.target_high}, {@code task.target_low}): the
 * correct output at high, every other at low, over the decision epoch.
 */
record Targets(float high, float low) {

    /** {@code task.target_high}: every decision task's, 1.0 by default (pycog, PsychRNN). */
    static final TaskParam HIGH = TaskParam.number("target_high", 1.0, "target level of the chosen output", -10, 10);
    /** {@code task.target_low}: every decision task's, 0.2 by default (pycog, PsychRNN). */
    static final TaskParam LOW = TaskParam.number("target_low", 0.2, "target level of the other output(s)", -10, 10);

    static Targets read(TaskSpec spec) {
        return new Targets((float) spec.number(HIGH.key()), (float) spec.number(LOW.key()));
    }

    /** The midpoint of high and low (in float, as the levels are): a catch trial is correct below it. */
    double midpoint() {
        return (high + low) / 2;
    }
}
