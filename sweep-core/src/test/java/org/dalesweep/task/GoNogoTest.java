package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

class GoNogoTest {

    /** NeuroGym's noiseless one-hot cue, which the defaults replace by a noisy graded stimulus. */
    static final Map<String, Object> ONE_HOT = Map.of("coherences", List.of(100.0), "coherence_scale", 1.0, "sigma_in", 0.0);

    @Test
    void theCueNamesTheAnswerAndNoGoTrialsAskToHold() throws SpecException {
        Task task = TaskFixtures.task("go_nogo", ONE_HOT, 20);
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
    void theDefaultStimulusIsNoisyEvidenceFavouringTheNamedChannelByItsCoherence() throws SpecException {
        Task task = TaskFixtures.task("go_nogo", Map.of("coherences", List.of(16.0)), 20);
        Batch b = TaskFixtures.sample(task, 2000, 7);
        double favoured = 0;
        double other = 0;
        double spread = 0;
        for (int trial = 0; trial < b.size(); trial++) {
            int label = b.labels()[trial];
            favoured += TaskFixtures.mean(b, trial, label, 0, 25);
            other += TaskFixtures.mean(b, trial, 1 - label, 0, 25);
            double x = b.input(3, trial, label) - 0.5 * (1 + 3.2 * 0.16);
            spread += x * x;
            assertEquals(0f, b.input(25, trial, label), "stimulus off in the delay");
        }
        assertEquals(0.5 * (1 + 3.2 * 0.16), favoured / b.size(), 0.01, "(1 + scale·coh/100)/2 on the named channel");
        assertEquals(0.5 * (1 - 3.2 * 0.16), other / b.size(), 0.01, "(1 − scale·coh/100)/2 on the other");
        assertEquals(1 / Math.sqrt(20), Math.sqrt(spread / b.size()), 0.01, "per-step noise sigma_in/sqrt(dt), NeuroGym's 1");
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
