package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

class GoNogoTest {

    @Test
    void theCueNamesTheAnswerAndNoGoTrialsAskToHold() throws SpecException {
        Task task = TaskFixtures.task("go_nogo", Map.of(), 20);
        assertEquals(75, task.steps());
        Batch b = TaskFixtures.sample(task, 200, 5);
        for (int trial = 0; trial < b.size(); trial++) {
            int label = b.labels()[trial];
            assertEquals(1f, b.input(0, trial, label), "cue from the first step (fixation epoch is 0 ms)");
            assertEquals(0f, b.input(0, trial, 1 - label));
            assertEquals(0f, b.input(25, trial, label), "cue off in the delay");
            assertEquals(1f, b.input(49, trial, 2), "fixation on through the delay");
            assertEquals(0f, b.input(50, trial, 2), "fixation off at the decision");
            assertEquals(50, TaskFixtures.firstMasked(b, trial));
            assertEquals(1f, b.target(60, trial, label), "the right answer is high");
            assertEquals(0.2f, b.target(60, trial, 1 - label));
        }
    }

    @Test
    void alwaysGoingIsRightOnGoTrialsOnly() throws SpecException {
        Task task = TaskFixtures.task("go_nogo", Map.of("go_prob", 0.3), 20);
        Batch b = TaskFixtures.sample(task, 2000, 6);
        long go = Arrays.stream(b.labels()).filter(l -> l == GoNogo.GO).count();
        assertEquals(0.3, go / 2000.0, 0.04);
        assertEquals(go / 2000.0, task.score(b, TaskFixtures.constant(b, 0.2f, 1f)), 1e-12);
        assertEquals(1 - go / 2000.0, task.score(b, TaskFixtures.constant(b, 1f, 0.2f)), 1e-12);
    }
}
