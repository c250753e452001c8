package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

class PerceptualDmTest {

    @Test
    void epochsFallOnTheStepsTheirDurationsGiveAtEachDt() throws SpecException {
        for (double dt : new double[] {20, 10}) {
            Task task = TaskFixtures.task("perceptual_dm", Map.of("catch_prob", 0.0), dt);
            int fixation = (int) Math.round(100 / dt);
            int decisionStart = (int) Math.round(900 / dt);
            assertEquals((int) Math.round(1200 / dt), task.steps());
            Batch b = TaskFixtures.sample(task, 4, 1);
            for (int trial = 0; trial < 4; trial++) {
                assertEquals(1f, b.input(decisionStart - 1, trial, 2), "fixation on until the decision");
                assertEquals(0f, b.input(decisionStart, trial, 2), "fixation off at the decision: the go cue");
                assertEquals(0f, b.input(fixation - 1, trial, 0), "no evidence during fixation");
                assertTrue(b.input(fixation, trial, 0) > 0, "evidence from the stimulus onset");
                assertEquals(0f, b.input(decisionStart, trial, 0), "no evidence in the decision epoch");
                assertEquals(decisionStart, TaskFixtures.firstMasked(b, trial), "mask starts at the decision");
                int label = b.labels()[trial];
                assertEquals(1f, b.target(task.steps() - 1, trial, label));
                assertEquals(0.2f, b.target(task.steps() - 1, trial, 1 - label));
            }
        }
    }

    @Test
    void theLabelIsTheStrongerEvidenceChannelOnAverage() throws SpecException {
        Task task = TaskFixtures.task("perceptual_dm", Map.of("catch_prob", 0.0, "sigma_in", 1.0), 20);
        Batch b = TaskFixtures.sample(task, 2000, 7);
        int agree = 0;
        for (int trial = 0; trial < b.size(); trial++) {
            int label = b.labels()[trial];
            double chosen = TaskFixtures.mean(b, trial, label, 5, 45);
            double other = TaskFixtures.mean(b, trial, 1 - label, 5, 45);
            agree += chosen > other ? 1 : 0;
        }
        double fraction = agree / (double) b.size();
        assertTrue(fraction > 0.7 && fraction < 0.99, "noisy evidence favours the label mostly, not always: " + fraction);
    }

    @Test
    void inputNoiseScalesWithOneOverRootDtSoEvidencePerMsIsTheSame() throws SpecException {
        double std20 = evidenceNoise(20);
        double std5 = evidenceNoise(5);
        assertEquals(2.0, std5 / std20, 0.1, "std at dt 5 is twice that at dt 20");
        assertEquals(1.0 / Math.sqrt(20), std20, 0.01, "sigma_in 1 gives std 1/sqrt(dt)");
    }

    private static double evidenceNoise(double dt) throws SpecException {
        Task task = TaskFixtures.task("perceptual_dm", Map.of("catch_prob", 0.0, "sigma_in", 1.0,
                "coherences", java.util.List.of(0.0)), dt);
        Batch b = TaskFixtures.sample(task, 200, 11);
        int from = (int) Math.round(100 / dt);
        int to = (int) Math.round(900 / dt);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int trial = 0; trial < b.size(); trial++) {
            for (int t = from; t < to; t++) {
                double v = b.input(t, trial, 0) - 0.5;
                sum += v;
                sq += v * v;
                n++;
            }
        }
        return Math.sqrt(sq / n - (sum / n) * (sum / n));
    }

    @Test
    void catchTrialsHaveNoStimulusLowTargetsAndNoLabel() throws SpecException {
        Task task = TaskFixtures.task("perceptual_dm", Map.of("catch_prob", 1.0), 20);
        Batch b = TaskFixtures.sample(task, 10, 2);
        for (int trial = 0; trial < 10; trial++) {
            assertEquals(-1, b.labels()[trial]);
            assertEquals(0.0, TaskFixtures.mean(b, trial, 0, 0, task.steps()));
            assertEquals(0.2f, b.target(task.steps() - 1, trial, 0));
            assertEquals(0.2f, b.target(task.steps() - 1, trial, 1));
        }
        assertEquals(1.0, task.score(b, TaskFixtures.constant(b, 0.2f, 0.2f)), "withholding is right on catch trials");
        assertEquals(0.0, task.score(b, TaskFixtures.constant(b, 1f, 0.2f)), "responding is wrong on catch trials");
    }
}
