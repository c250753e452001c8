package org.dalesweep.spec;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tasks a spec may name, as the spec sees them: their {@linkplain TaskSchema schemas}, the task a
 * spec gets when it names none, and the task parameters that only say where a task's content lies
 * (the run identity leaves them out, {@link RunIdentity}). The task package implements it and
 * registers it as a {@link java.util.ServiceLoader service}: the task package builds on spec, and
 * spec never imports it ({@code SpecDependenciesTest}), so the two do not form a cycle.
 */
public interface TaskCatalog {

    /** The catalog on the class path: the one {@code META-INF/services/org.dalesweep.spec.TaskCatalog} names. */
    static TaskCatalog installed() {
        return InstalledTasks.CATALOG;
    }

    /** Every task, in the order {@code dalesweep tasks} lists them. */
    List<? extends TaskSchema> tasks();

    /** The task a spec gets when it names none. */
    String defaultTask();

    /** The parameters that locate a task's content rather than describe it (a file task's path). */
    List<RunIdentity.Location> locations();

    default List<String> names() {
        return tasks().stream().map(TaskSchema::name).toList();
    }

    default Optional<TaskSchema> byName(String name) {
        return tasks().stream().filter(t -> t.name().equals(name)).map(t -> (TaskSchema) t).findFirst();
    }

    /** The named task with every parameter at its default; an unknown name is an {@link IllegalArgumentException}. */
    default TaskSpec defaults(String name) {
        TaskSchema task = byName(name).orElseThrow(() -> new IllegalArgumentException("unknown task " + name));
        TreeMap<String, Object> params = new TreeMap<>();
        task.params().forEach(p -> params.put(p.key(), p.defaultValue()));
        return new TaskSpec(name, params);
    }
}
