package org.dalesweep.spec;

import java.util.List;
import java.util.Optional;

/**
 * What a spec knows of a task: the name {@code task.name} gives it, whether it is a classification
 * (cross-entropy applies) and its parameters with their defaults, types and ranges. The task
 * package's {@code TaskDefinition} is one; how a task is built lives there, not here.
 */
public interface TaskSchema {

    String name();

    boolean classification();

    List<TaskParam> params();

    /** The parameter of that key, if the task has it. */
    default Optional<TaskParam> param(String key) {
        return params().stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
