package org.dalesweep.task;

import java.util.List;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.spec.TaskSchema;
import org.dalesweep.spec.TaskSpec;

/**
 * A task the suite offers: its name (the value of {@code task.name}), a one-line summary, whether
 * it is a classification (percent correct, cross-entropy applies), its parameters with defaults,
 * and how to build it for a network. The spec sees it as a {@link TaskSchema}.
 */
public record TaskDefinition(String name, String summary, boolean classification, List<TaskParam> params,
                             Factory factory) implements TaskSchema {

    /**
     * Builds the task of a resolved spec for the network that will learn it: timings are rounded to
     * steps of its {@code dt_ms}; a task whose targets come from a network of its own (the teacher)
     * also takes its time constants, nonlinearity and integrator.
     */
    @FunctionalInterface
    public interface Factory {
        Task create(TaskSpec spec, NetworkSpec network) throws SpecException;
    }

    public TaskDefinition {
        params = List.copyOf(params);
    }
}
