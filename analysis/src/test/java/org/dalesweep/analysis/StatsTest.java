package org.dalesweep.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void tQuantilesMatchPublishedTables() {
        assertEquals(12.706204736174698, Stats.tQuantile(0.975, 1), 1e-8);
        assertEquals(3.182446305284263, Stats.tQuantile(0.975, 3), 1e-9);
        assertEquals(2.228138851986274, Stats.tQuantile(0.975, 10), 1e-9);
        assertEquals(1.983971518523552, Stats.tQuantile(0.975, 100), 1e-9);
        assertEquals(-Stats.tQuantile(0.9, 7), Stats.tQuantile(0.1, 7), 1e-10);
    }

    @Test
    void normalQuantileAndPValuesMatchTheStandardNormal() {
        assertEquals(1.959963984540054, Stats.normalQuantile(0.975), 1e-6);
        assertEquals(0.05, Stats.twoSidedP(1.959963984540054), 1e-6);
        assertEquals(0.5, Stats.normalCdf(0), 1e-7);
    }

    @Test
    void wilsonIntervalOfEightOfTenMatchesTheFormula() {
        // p = 0.8, z = 1.96: centre = (0.8 + z²/20)/(1 + z²/10), half = z·sqrt(0.016 + z²/400)/(1 + z²/10)
        double z = 1.959963984540054;
        double denom = 1 + z * z / 10;
        double centre = (0.8 + z * z / 20) / denom;
        double half = z * Math.sqrt(0.8 * 0.2 / 10 + z * z / 400) / denom;
        assertArrayEquals(new double[] {centre - half, centre + half}, Stats.wilson95(8, 10), 1e-12);
    }

    @Test
    void halfWidthIsUndefinedForASingleValue() {
        assertEquals(Double.NaN, Stats.tHalfWidth95(1, 0.3));
        assertEquals(3.182446305284263 * 0.5 / 2, Stats.tHalfWidth95(4, 0.5), 1e-9);
    }
}
