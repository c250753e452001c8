package org.dalesweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dalesweep.model.AlphaPressure;
import org.junit.jupiter.api.Test;

/** The pressure's statistics: windows, late quarter, and a standard error that survives autocorrelation. */
class PressureLogTest {

    private static double[] ar1(int n, double phi, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double prev = 0;
        for (int k = 0; k < n; k++) {
            prev = phi * prev + rng.nextGaussian() * Math.sqrt(1 - phi * phi);
            x[k] = prev;
        }
        return x;
    }

    /**
     * Over 400 replicates of 2,000 AR(1) steps (phi 0.9, unit variance), the spread of the mean is
     * sqrt((1 + phi) / (1 - phi) / n) = 4.4 times the naive sd/sqrt(n); the batch-means standard
     * error must find it (within 15 %), where the naive one would be off by that factor.
     */
    @Test
    void batchMeansStandardErrorMatchesTheSpreadOfCorrelatedMeans() {
        int n = 2000;
        double phi = 0.9;
        double sumSe = 0;
        double sumMean = 0;
        double sumMeanSq = 0;
        int reps = 400;
        for (int r = 0; r < reps; r++) {
            double[] x = ar1(n, phi, 100 + r);
            double m = PressureLog.mean(x, 0, n);
            sumMean += m;
            sumMeanSq += m * m;
            sumSe += PressureLog.batchMeansSe(x, 0, n);
        }
        double spread = Math.sqrt(sumMeanSq / reps - Math.pow(sumMean / reps, 2));
        double theory = Math.sqrt((1 + phi) / (1 - phi) / n);
        assertEquals(theory, spread, 0.15 * theory, "the replicates' own spread");
        assertEquals(spread, sumSe / reps, 0.15 * spread, "mean batch-means standard error");
        assertTrue(sumSe / reps > 3 * Math.sqrt(1.0 / n), "far above the naive standard error");
    }

    @Test
    void windowsSplitAtEachEvaluationAndTheSummaryCoversTheRunAndItsLastQuarter() {
        PressureLog log = new PressureLog();
        assertEquals(PressureWindow.NONE, log.closeWindow(), "no step before the first evaluation");
        // 30 steps toward free, then 10 toward Dale: the last quarter is the Dale part
        for (int k = 0; k < 40; k++) {
            double p = k < 30 ? -1 - 0.01 * (k % 3) : 2 + 0.01 * (k % 3);
            log.add(new AlphaPressure(p, 0.75 * p, 0.25 * p, Double.NaN, Double.NaN));
            if (k == 19) {
                PressureWindow w = log.closeWindow();
                assertEquals(-1.0095, w.mean(), 1e-3);
                assertEquals(0.0, w.fracDale(), 0.0);
                assertEquals(0.75 * w.mean(), w.taskMean(), 1e-12);
                assertEquals(0.25 * w.mean(), w.regMean(), 1e-12);
                assertTrue(w.se() > 0 && w.se() < 0.01, "se " + w.se());
            }
        }
        PressureWindow second = log.closeWindow();
        assertEquals(0.5, second.fracDale(), 0.0, "10 of the last 20 steps toward Dale");
        PressureSummary s = log.summary();
        assertEquals(10 / 40.0, s.fracDale(), 0.0);
        assertEquals((-1.0 * 30 - 0.01 * 30 + 2 * 10 + 0.01 * 9) / 40, s.mean(), 1e-2);
        assertTrue(s.lateMean() > 2 && s.lateT() > 10, "late quarter toward Dale: " + s);
        assertTrue(Double.isNaN(second.eMean()), "no E/I split at network granularity");
    }

    @Test
    void aRunWithoutStepsHasNoPressure() {
        assertEquals(PressureSummary.NONE, new PressureLog().summary());
    }
}
