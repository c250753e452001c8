package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

class ContextDmTest {

    @Test
    void theLabelFollowsTheCuedModalityAndIgnoresTheOther() throws SpecException {
        ContextDm task = (ContextDm) TaskFixtures.task("context_dm", Map.of("catch_prob", 0.0, "sigma_in", 0.0), 20);
        Batch b = TaskFixtures.sample(task, 1000, 4);
        int stimulusStep = 5 + 10;
        int otherAgrees = 0;
        for (int trial = 0; trial < b.size(); trial++) {
            int context = b.input(0, trial, ContextDm.CONTEXT) == 1f ? 0 : 1;
            assertEquals(1f, b.input(0, trial, ContextDm.CONTEXT + context), "cue on from the first step");
            assertEquals(1f, b.input(task.steps() - 1, trial, ContextDm.CONTEXT + context), "cue on to the last step");
            assertEquals(0f, b.input(task.steps() - 1, trial, ContextDm.CONTEXT + 1 - context), "one-hot cue");
            int cued = context == 0 ? ContextDm.MOTION : ContextDm.COLOUR;
            int other = context == 0 ? ContextDm.COLOUR : ContextDm.MOTION;
            int cuedChoice = b.input(stimulusStep, trial, cued) > b.input(stimulusStep, trial, cued + 1) ? 0 : 1;
            int otherChoice = b.input(stimulusStep, trial, other) > b.input(stimulusStep, trial, other + 1) ? 0 : 1;
            assertEquals(cuedChoice, b.labels()[trial], "trial " + trial + ": the answer is the cued modality's");
            otherAgrees += otherChoice == b.labels()[trial] ? 1 : 0;
        }
        double agreement = otherAgrees / (double) b.size();
        assertTrue(Math.abs(agreement - 0.5) < 0.06, "the uncued modality is independent of the answer: " + agreement);
    }

    @Test
    void evidenceUsesPycogsScaleOfFive() throws SpecException {
        Task task = TaskFixtures.task("context_dm", Map.of("catch_prob", 0.0, "sigma_in", 0.0,
                "coherences", java.util.List.of(10.0)), 20);
        Batch b = TaskFixtures.sample(task, 20, 1);
        for (int trial = 0; trial < 20; trial++) {
            float a = b.input(10, trial, ContextDm.MOTION);
            float c = b.input(10, trial, ContextDm.MOTION + 1);
            assertEquals(0.75, Math.max(a, c), 1e-6);
            assertEquals(0.25, Math.min(a, c), 1e-6);
        }
    }
}
