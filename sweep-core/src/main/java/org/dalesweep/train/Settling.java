package org.dalesweep.train;

import java.util.List;

/**
 * When a run has settled (DESIGN §4.3): over the last {@code window} evaluations, alpha's drift and
 * the held-out loss's improvement are both indistinguishable from zero. Each is an ordinary
 * least-squares line through the window's points against the iteration:
 *
 * <ul>
 *   <li>alpha (the mean over neurons) has settled when the line's change over the window is below
 *       {@value #ALPHA_TOLERANCE} in absolute value, or its slope's t statistic is below
 *       {@value #T_LIMIT} in absolute value;</li>
 *   <li>the held-out loss has settled when its line does not fall significantly (slope t above
 *       -{@value #T_LIMIT}), or falls by less than {@value #LOSS_TOLERANCE} of the loss's mean over
 *       the window.</li>
 * </ul>
 *
 * <p>|t| &lt; 2 is about the 5 % two-sided level for the window sizes used (t with window - 2 degrees
 * of freedom is wider: with 5 points, 2 is the 86 % level; the tolerance keeps a tiny but steady
 * crawl from holding a run forever).
 */
final class Settling {
    static final double ALPHA_TOLERANCE = 0.01;
    static final double LOSS_TOLERANCE = 0.01;
    static final double T_LIMIT = 2;

    private Settling() {
    }

    /** True when the last {@code window} points show neither alpha drifting nor the loss improving. */
    static boolean settled(List<TrajectoryPoint> points, int window) {
        if (points.size() < window) {
            return false;
        }
        List<TrajectoryPoint> w = points.subList(points.size() - window, points.size());
        double[] x = new double[window];
        double[] alpha = new double[window];
        double[] loss = new double[window];
        for (int k = 0; k < window; k++) {
            x[k] = w.get(k).iteration();
            alpha[k] = w.get(k).alphaMean();
            loss[k] = w.get(k).evalLoss();
        }
        double span = x[window - 1] - x[0];
        Line a = Line.fit(x, alpha);
        Line l = Line.fit(x, loss);
        boolean alphaSettled = Math.abs(a.slope * span) < ALPHA_TOLERANCE || Math.abs(a.t()) < T_LIMIT;
        double meanLoss = PressureLog.mean(loss, 0, window);
        boolean lossSettled = l.t() > -T_LIMIT || -l.slope * span < LOSS_TOLERANCE * Math.abs(meanLoss);
        return alphaSettled && lossSettled;
    }

    /** An OLS line y = intercept + slope x with the slope's standard error. */
    record Line(double slope, double se) {
        /** slope / se; 0 for a flat line through exact points, infinite for a sloped one. */
        double t() {
            if (se > 0) {
                return slope / se;
            }
            return slope == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, slope);
        }

        static Line fit(double[] x, double[] y) {
            int n = x.length;
            double mx = PressureLog.mean(x, 0, n);
            double my = PressureLog.mean(y, 0, n);
            double sxx = 0;
            double sxy = 0;
            for (int k = 0; k < n; k++) {
                sxx += (x[k] - mx) * (x[k] - mx);
                sxy += (x[k] - mx) * (y[k] - my);
            }
            double slope = sxx > 0 ? sxy / sxx : 0;
            double sse = 0;
            for (int k = 0; k < n; k++) {
                double r = y[k] - my - slope * (x[k] - mx);
                sse += r * r;
            }
            double se = n > 2 && sxx > 0 ? Math.sqrt(sse / (n - 2) / sxx) : Double.NaN;
            return new Line(slope, se);
        }
    }
}
