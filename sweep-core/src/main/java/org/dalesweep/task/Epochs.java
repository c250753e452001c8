package org.dalesweep.task;

import java.util.ArrayList;
import java.util.List;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSpec;

/**
 * The epochs of a cognitive task's trial in steps of dt, in trial order, each read once from its
 * {@code task.<name>_ms}; the last is the decision epoch, where the targets and the mask lie. An
 * epoch whose parameter's range excludes 0 ms has at least one step, however short; one whose
 * range admits 0 ms may have none.
 */
record Epochs(double dtMs, List<Epoch> epochs) {

    /** One epoch: steps [start, end()). */
    record Epoch(String name, int start, int steps) {
        int end() {
            return start + steps;
        }
    }

    Epochs {
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a trial needs at least one epoch");
        }
    }

    /** {@code task.fixation_ms}: the fixation epoch that opens a trial (0 ms allowed), with its default. */
    static TaskParam fixation(double defaultMs) {
        return TaskParam.number("fixation_ms", defaultMs, "fixation epoch before the stimulus, ms", 0, 1e5);
    }

    /** {@code task.decision_ms}: the decision epoch that closes a trial (at least one step), with its default. */
    static TaskParam decision(double defaultMs) {
        return TaskParam.number("decision_ms", defaultMs, "decision (response) epoch, ms", 1, 1e5);
    }

    /** The epochs {@code names} of a task's spec, in that order, at the network's {@code dtMs}. */
    static Epochs read(TaskDefinition definition, TaskSpec spec, double dtMs, String... names) {
        List<Epoch> list = new ArrayList<>();
        int start = 0;
        for (String name : names) {
            String key = name + "_ms";
            TaskParam param = definition.param(key).orElseThrow(() -> new IllegalArgumentException(
                    definition.name() + " has no parameter " + key));
            int steps = Timing.steps(spec.number(key), dtMs);
            if (param.min() > 0) {
                steps = Math.max(1, steps);
            }
            list.add(new Epoch(name, start, steps));
            start += steps;
        }
        return new Epochs(dtMs, list);
    }

    Epoch epoch(String name) {
        for (Epoch e : epochs) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no epoch " + name + " in " + epochs);
    }

    /** Steps of one trial. */
    int steps() {
        return decision().end();
    }

    /** The last epoch. */
    Epoch decision() {
        return epochs.get(epochs.size() - 1);
    }
}
