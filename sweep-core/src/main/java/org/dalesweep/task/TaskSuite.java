package org.dalesweep.task;

import java.util.List;
import org.dalesweep.spec.RunIdentity;
import org.dalesweep.spec.TaskCatalog;

/**
 * The task suite ({@link Tasks}) as the spec sees it: registered in
 * {@code META-INF/services/org.dalesweep.spec.TaskCatalog}, so that resolving a spec knows every task
 * and its parameters without the spec package depending on this one.
 */
public final class TaskSuite implements TaskCatalog {

    /** Called by {@link java.util.ServiceLoader}. */
    public TaskSuite() {
    }

    @Override
    public List<TaskDefinition> tasks() {
        return Tasks.all();
    }

    @Override
    public String defaultTask() {
        return Tasks.DEFAULT_TASK;
    }

    /** A file task's {@code task.path}, for which its {@code task.sha256} stands in the run id. */
    @Override
    public List<RunIdentity.Location> locations() {
        return List.of(new RunIdentity.Location(FileTask.NAME, FileTask.PATH, FileTask.SHA256));
    }
}
