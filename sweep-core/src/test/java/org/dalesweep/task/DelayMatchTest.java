package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

class DelayMatchTest {

    @Test
    void epochsFollowNeuroGymsTimingAtDt20() throws SpecException {
        DelayMatch task = (DelayMatch) TaskFixtures.task("delay_match", Map.of("sigma_in", 0.0), 20);
        assertEquals(15 + 25 + 50 + 25 + 45, task.steps());
        assertEquals(90, task.testStart());
        assertEquals(115, task.decisionStart());
        Batch b = TaskFixtures.sample(task, 6, 3);
        for (int trial = 0; trial < 6; trial++) {
            assertEquals(0f, b.input(14, trial, 0) + b.input(14, trial, 1), "nothing during fixation");
            assertEquals(1f, b.input(15, trial, 0) + b.input(15, trial, 1), 1e-6, "sample on: cos code sums to 1 on a ring of 2");
            assertEquals(0f, b.input(40, trial, 0) + b.input(40, trial, 1), "nothing during the delay");
            assertEquals(1f, b.input(114, trial, 2), "fixation until the decision");
            assertEquals(0f, b.input(115, trial, 2));
            assertEquals(115, TaskFixtures.firstMasked(b, trial));
        }
    }

    @Test
    void matchLabelIsGivenExactlyWhenTheTestRepeatsTheSample() throws SpecException {
        Task task = TaskFixtures.task("delay_match", Map.of("sigma_in", 0.0, "ring_size", 4), 20);
        Batch b = TaskFixtures.sample(task, 300, 8);
        int matches = 0;
        for (int trial = 0; trial < b.size(); trial++) {
            boolean same = true;
            for (int j = 0; j < 4; j++) {
                same &= Math.abs(b.input(20, trial, j) - b.input(100, trial, j)) < 1e-6;
            }
            assertEquals(same ? 0 : 1, b.labels()[trial], "trial " + trial);
            matches += same ? 1 : 0;
        }
        assertEquals(0.5, matches / 300.0, 0.1);
    }
}
