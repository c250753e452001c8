package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

class AddingTest {

    @Test
    void exactlyTwoStepsAreMarkedOneInEachHalfAndTheTargetIsTheirSum() throws SpecException {
        Task task = TaskFixtures.task("adding", Map.of("length", 30), 20);
        assertEquals(30, task.steps());
        Batch b = TaskFixtures.sample(task, 300, 2);
        for (int trial = 0; trial < b.size(); trial++) {
            int marks = 0;
            double sum = 0;
            for (int t = 0; t < 30; t++) {
                float v = b.input(t, trial, 0);
                assertTrue(v >= 0 && v < 1);
                if (b.input(t, trial, 1) == 1f) {
                    marks++;
                    sum += v;
                    assertEquals(marks == 1, t < 15, "first mark in the first half, second in the second");
                }
                assertEquals(t == 29 ? 1f : 0f, b.mask(t, trial, 0), "only the last step is scored");
            }
            assertEquals(2, marks);
            assertEquals(sum, b.target(29, trial, 0), 1e-6);
            assertEquals(-1, b.labels()[trial]);
        }
    }

    @Test
    void predictingOneHasMseNearOneSixthAndRSquaredNearZero() throws SpecException {
        Task task = TaskFixtures.task("adding");
        Batch b = TaskFixtures.sample(task, 5000, 3);
        float[] ones = TaskFixtures.constant(b, 1f);
        double mse = 0;
        for (int trial = 0; trial < b.size(); trial++) {
            double d = 1 - b.target(b.steps() - 1, trial, 0);
            mse += d * d;
        }
        mse /= b.size();
        assertEquals(1.0 / 6, mse, 0.01);
        assertEquals(0.0, task.score(b, ones), 0.02);
        assertTrue(task.score(b, TaskFixtures.constant(b, 2f)) < -1, "a worse constant scores below 0");
    }

    @Test
    void dtDoesNotChangeTheSequence() throws SpecException {
        Task at20 = TaskFixtures.task("adding", Map.of(), 20);
        Task at5 = TaskFixtures.task("adding", Map.of(), 5);
        assertEquals(at20.steps(), at5.steps());
        assertTrue(at20.stepMs().isEmpty());
    }
}
