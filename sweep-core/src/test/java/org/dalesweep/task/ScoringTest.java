package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoringTest {

    /** Two steps, three trials, one output; the last step is masked. */
    private static Batch regression(float... lastTargets) {
        int size = lastTargets.length;
        float[] y = new float[2 * size];
        float[] m = new float[2 * size];
        for (int b = 0; b < size; b++) {
            y[size + b] = lastTargets[b];
            m[size + b] = 1;
        }
        return new Batch(2, size, 1, 1, new float[2 * size], y, m, new int[size]);
    }

    @Test
    void rSquaredIsOneForPerfectZeroForTheMeanAndIgnoresUnmaskedSteps() {
        Batch b = regression(0.5f, 1.0f, 1.5f);
        assertEquals(1.0, Scoring.rSquared(b, new float[] {99, 99, 99, 0.5f, 1.0f, 1.5f}), 1e-9);
        assertEquals(0.0, Scoring.rSquared(b, new float[] {0, 0, 0, 1, 1, 1}), 1e-9);
        assertEquals(1 - (0.25 * 3) / 0.5, Scoring.rSquared(b, new float[] {0, 0, 0, 1, 1.5f, 2}), 1e-6);
        assertTrue(Double.isNaN(Scoring.rSquared(regression(1f, 1f), new float[] {0, 0, 1, 1})), "no variance, no R²");
    }

    @Test
    void argmaxOfTheMeanOverTheMaskedWindowDecides() {
        // 2 steps, 1 trial, 2 outputs, both steps masked; output 1 wins on average though not at step 0
        float[] y = {0, 0, 0, 0};
        float[] m = {1, 1, 1, 1};
        Batch b = new Batch(2, 1, 1, 2, new float[2], y, m, new int[] {1});
        assertEquals(1.0, Scoring.meanOverMaskArgmax(b, new float[] {0.6f, 0.5f, 0.1f, 0.9f}, 0.6));
        assertEquals(0.0, Scoring.meanOverMaskArgmax(b, new float[] {0.9f, 0.5f, 0.6f, 0.2f}, 0.6));
    }
}
