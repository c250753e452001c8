package org.dalesweep.analysis;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * The few distribution functions the report needs: t-intervals of means, Wald p-values and
 * Wilson intervals of proportions. The distributions and special functions are commons-math3's
 * (the version Spark brings, declared in the poms), not written out here.
 */
public final class Stats {

    /** Accuracy asked of commons-math3's t quantiles (its default, 1e-9, is coarser than the tables). */
    private static final double QUANTILE_ACCURACY = 1e-14;

    /** The two-sided 95 % normal quantile z(0.975) = 1.959963984540054. */
    public static final double Z95 = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.975);

    private Stats() {
    }

    /** Two-sided p-value of a Wald statistic {@code z}: erfc(|z| / sqrt 2). */
    public static double twoSidedP(double z) {
        return Erf.erfc(Math.abs(z) / Math.sqrt(2));
    }

    /**
     * Half-width of the two-sided 95 % t-interval of a mean from {@code n} values with sample
     * standard deviation {@code sd}: t(0.975, n − 1)·sd/√n; NaN when {@code n < 2}.
     */
    public static double tHalfWidth95(long n, double sd) {
        if (n < 2 || Double.isNaN(sd)) {
            return Double.NaN;
        }
        double t = new TDistribution(null, n - 1, QUANTILE_ACCURACY).inverseCumulativeProbability(0.975);
        return t * sd / Math.sqrt(n);
    }

    /** Wilson score 95 % interval {lower, upper} of a proportion {@code k/n}; NaNs when n = 0. */
    public static double[] wilson95(long k, long n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = Z95;
        double p = (double) k / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
