package org.dalesweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void tHalfWidthsUseTheQuantilesOfPublishedTables() {
        // with sd = sqrt(n) the half-width is t(0.975, n - 1) itself
        assertEquals(12.706204736174698, Stats.tHalfWidth95(2, Math.sqrt(2)), 1e-12);
        assertEquals(3.182446305284263, Stats.tHalfWidth95(4, 2), 1e-12);
        assertEquals(2.228138851986274, Stats.tHalfWidth95(11, Math.sqrt(11)), 1e-12);
        assertEquals(1.983971518523552, Stats.tHalfWidth95(101, Math.sqrt(101)), 1e-12);
        assertEquals(3.182446305284263 * 0.5 / 2, Stats.tHalfWidth95(4, 0.5), 1e-12);
    }

    @Test
    void halfWidthIsUndefinedForASingleValue() {
        assertEquals(Double.NaN, Stats.tHalfWidth95(1, 0.3));
        assertEquals(Double.NaN, Stats.tHalfWidth95(5, Double.NaN));
    }

    @Test
    void normalQuantileAndPValuesMatchTheStandardNormal() {
        assertEquals(1.959963984540054, Stats.Z95, 1e-15);
        assertEquals(0.05, Stats.twoSidedP(1.959963984540054), 1e-15);
        assertEquals(0.05, Stats.twoSidedP(-1.959963984540054), 1e-15);
        assertEquals(1, Stats.twoSidedP(0), 0);
        // 2·(1 − Φ(3)) = 0.00269979606326019 and 2·(1 − Φ(6)) = 1.9731752900754e-9
        assertEquals(0.00269979606326019, Stats.twoSidedP(3), 1e-15);
        assertEquals(1.9731752900754e-9, Stats.twoSidedP(6), 1e-20);
    }

    @Test
    void wilsonIntervalsMatchNewcombesPublishedExamples() {
        // Newcombe, Statistics in Medicine 17:857-872 (1998), Table II, method 3 (score, no
        // continuity correction), to the four decimals printed there
        assertWilson(81, 263, 0.2553, 0.3662);
        assertWilson(15, 148, 0.0624, 0.1605);
        assertWilson(0, 20, 0.0000, 0.1611);
        assertWilson(1, 29, 0.0061, 0.1718);
        assertEquals(Double.NaN, Stats.wilson95(0, 0)[0]);
    }

    private static void assertWilson(long k, long n, double low, double high) {
        double[] ci = Stats.wilson95(k, n);
        assertEquals(low, ci[0], 5e-5, k + "/" + n + " lower");
        assertEquals(high, ci[1], 5e-5, k + "/" + n + " upper");
    }
}
