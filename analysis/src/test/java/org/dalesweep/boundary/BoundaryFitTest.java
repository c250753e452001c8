package org.dalesweep.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The crossing of P(until) = 1/2 and its profile-likelihood interval (DESIGN §5.4). */
class BoundaryFitTest {

    private static final boolean LOG = true;

    @Test
    void separatedOutcomesGiveAnEstimateInsideTheGapAndAnIntervalAboutIt() {
        NavigableMap<Double, Tally> t = new TreeMap<>();
        t.put(0.0, new Tally(3, 0));
        t.put(0.001, new Tally(3, 0));
        t.put(0.01, new Tally(3, 0));
        t.put(0.1, new Tally(3, 3));
        t.put(1.0, new Tally(3, 3));
        BoundaryFit.Estimate e = BoundaryFit.fit(LOG, t);
        assertTrue(e.estimate() > 0.01 && e.estimate() < 0.1, "inside the gap: " + e);
        assertEquals(Math.sqrt(0.001), e.estimate(), 0.2 * Math.sqrt(0.001), "the gap's middle on the log axis: " + e);
        assertTrue(e.ciLow() < e.estimate() && e.ciHigh() > e.estimate(), e.toString());
        assertTrue(e.ciLow() > 0.001 && e.ciHigh() < 1, "about the gap: " + e);
    }

    @Test
    void aKnownLogisticCurveIsRecoveredWithinItsInterval() {
        double truth = Math.log10(0.02);
        SplittableRandom rng = new SplittableRandom(5);
        NavigableMap<Double, Tally> t = new TreeMap<>();
        for (double x = -4; x <= 0; x += 0.25) {
            double p = 1 / (1 + Math.exp(-3 * (x - truth)));
            int hits = 0;
            for (int i = 0; i < 40; i++) {
                hits += rng.nextDouble() < p ? 1 : 0;
            }
            t.put(Math.pow(10, x), new Tally(40, hits));
        }
        BoundaryFit.Estimate e = BoundaryFit.fit(LOG, t);
        assertTrue(e.ciLow() < 0.02 && e.ciHigh() > 0.02, "the interval covers the truth: " + e);
        assertEquals(truth, Math.log10(e.estimate()), 0.15, e.toString());
        assertTrue(Math.log10(e.ciHigh()) - Math.log10(e.ciLow()) < 0.6, "informative with 680 runs: " + e);
    }

    @Test
    void theCrossingTestTellsSeparatedBoundariesFromOneBoundary() {
        NavigableMap<Double, Tally> low = new TreeMap<>();
        NavigableMap<Double, Tally> high = new TreeMap<>();
        NavigableMap<Double, Tally> same = new TreeMap<>();
        for (double x = -4; x <= 0; x += 0.5) {
            low.put(Math.pow(10, x), new Tally(6, x >= -3 ? 6 : 0));
            same.put(Math.pow(10, x), new Tally(6, x >= -3 ? 6 : 0));
            high.put(Math.pow(10, x), new Tally(6, x >= -1 ? 6 : 0));
        }
        assertTrue(BoundaryFit.crossingStatistic(LOG, low, high) > 20, "two decades apart");
        assertTrue(BoundaryFit.crossingStatistic(LOG, low, same) < 0.01, "the same outcomes");
    }

    @Test
    void aCensoredSearchHasNoEstimate() {
        NavigableMap<Double, Tally> t = new TreeMap<>();
        t.put(0.0, new Tally(3, 0));
        t.put(1.0, new Tally(3, 1));
        assertNull(BoundaryFit.fit(LOG, t));
    }
}
