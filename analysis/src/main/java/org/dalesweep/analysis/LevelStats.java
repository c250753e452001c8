package org.dalesweep.analysis;

import java.util.List;

/**
 * Alpha statistics of the learned-alpha runs at one level of a factor (or one cell of a pair of
 * factors). {@code runs} counts every run by status; the alpha figures use the {@code n}
 * COMPLETED runs with a finite alpha_final: their mean, sample standard deviation, and how many
 * ended with alpha_final ≥ 0.9 ({@code nearDale}) or ≤ 0.1 ({@code nearFree}).
 */
public record LevelStats(List<String> levels, long runs, long completed, long diverged, long failed, long n,
                         double mean, double sd, long nearDale, long nearFree) {

    /** Threshold for "alpha → 1". */
    public static final double DALE_THRESHOLD = 0.9;
    /** Threshold for "alpha → 0". */
    public static final double FREE_THRESHOLD = 0.1;

    public LevelStats {
        levels = List.copyOf(levels);
        if (n > completed || completed + diverged + failed > runs || nearDale + nearFree > n) {
            throw new IllegalArgumentException("inconsistent counts for " + levels + ": runs=" + runs
                    + " completed=" + completed + " diverged=" + diverged + " failed=" + failed + " n=" + n
                    + " nearDale=" + nearDale + " nearFree=" + nearFree);
        }
    }

    /** Lower end of the 95 % t-interval of the mean (NaN when n < 2). */
    public double ciLow() {
        return mean - Stats.tHalfWidth95(n, sd);
    }

    /** Upper end of the 95 % t-interval of the mean (NaN when n < 2). */
    public double ciHigh() {
        return mean + Stats.tHalfWidth95(n, sd);
    }

    /** P(alpha_final ≥ 0.9) among the n runs (NaN when n = 0). */
    public double pNearDale() {
        return n == 0 ? Double.NaN : (double) nearDale / n;
    }

    /** P(alpha_final ≤ 0.1) among the n runs (NaN when n = 0). */
    public double pNearFree() {
        return n == 0 ? Double.NaN : (double) nearFree / n;
    }
}
