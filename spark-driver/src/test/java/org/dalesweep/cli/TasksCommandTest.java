package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dalesweep.spec.TaskParam;
import org.dalesweep.task.TaskDefinition;
import org.dalesweep.task.Tasks;
import org.junit.jupiter.api.Test;

class TasksCommandTest {

    @Test
    void listsEveryTaskWithEachParameterItsTypeDefaultAndMeaning() {
        CommandRun run = CommandRun.of(new TasksCommand());
        assertEquals(0, run.exitCode(), run.err());
        for (TaskDefinition def : Tasks.all()) {
            assertTrue(run.out().contains(def.name()) && run.out().contains(def.summary()), def.name());
            for (TaskParam p : def.params()) {
                assertTrue(run.out().contains("task." + p.key()), def.name() + " " + p.key());
                assertTrue(run.out().contains(p.doc()), p.doc());
            }
        }
        assertTrue(run.out().contains("[1, 2, 4, 8, 16]"), "lists show as lists");
        assertTrue(run.out().contains("data/fashion-mnist"));
    }
}
