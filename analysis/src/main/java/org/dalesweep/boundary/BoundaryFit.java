package org.dalesweep.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The crossing of P(until) = 1/2 from a logistic curve over every probe of one search
 * (DESIGN §5.4): {@code logit P = b·(x − x0)}, x the value (log10 of it on a log axis), b ≥ 0
 * (P rises with the value), fitted by maximum likelihood over the binomial tallies. The estimate is
 * the x0 of largest profile likelihood; the 95 % interval is the profile-likelihood interval
 * {x0 : 2·(ℓmax − ℓ(x0)) ≤ 3.84}, each ℓ(x0) maximised over b. When the outcomes separate
 * perfectly (every run below some value fails, every run above succeeds), the likelihood is
 * largest with b at its bound and the interval is about the gap between them — the bracket. The
 * slope is capped at {@link #MAX_SLOPE} per unit of x so that the fit stays finite. On a log axis a
 * probe at 0 enters one decade below the lowest positive probe.
 */
public final class BoundaryFit {

    /** Largest slope b of the logit per unit of x (per decade on a log axis). */
    static final double MAX_SLOPE = 40;
    /** Half the 0.95 quantile of chi-square(1): the drop of the log-likelihood at the interval's ends. */
    static final double HALF_CHI2 = 3.841458820694124 / 2;
    private static final int GRID = 1601;

    /** An estimate with its profile-likelihood interval, in the axis's own units. */
    public record Estimate(double estimate, double ciLow, double ciHigh) {
    }

    private BoundaryFit() {
    }

    /**
     * The fit on a log ({@code log}) or linear axis, or null when fewer than two values have
     * completed runs or the search is censored.
     */
    public static Estimate fit(boolean log, NavigableMap<Double, Tally> tallies) {
        Bracket bracket = Bracket.of(tallies);
        if (bracket == null || bracket.censored() != null) {
            return null;
        }
        List<double[]> points = points(log, tallies, lowestPositive(tallies));
        if (points.size() < 2) {
            return null;
        }
        double xMin = points.get(0)[0];
        double xMax = points.get(points.size() - 1)[0];
        double span = Math.max(xMax - xMin, 1e-9);
        double from = xMin - 0.5 * span;
        double to = xMax + 0.5 * span;
        double[] grid = new double[GRID];
        double[] profile = new double[GRID];
        double best = Double.NEGATIVE_INFINITY;
        int at = 0;
        double slopeCap = MAX_SLOPE * (log ? 1 : 1 / span);
        for (int g = 0; g < GRID; g++) {
            grid[g] = from + (to - from) * g / (GRID - 1);
            profile[g] = maxOverSlope(points, grid[g], slopeCap);
            if (profile[g] > best) {
                best = profile[g];
                at = g;
            }
        }
        int lo = at;
        while (lo > 0 && best - profile[lo - 1] <= HALF_CHI2) {
            lo--;
        }
        int hi = at;
        while (hi < GRID - 1 && best - profile[hi + 1] <= HALF_CHI2) {
            hi++;
        }
        return new Estimate(back(grid[at], log), back(grid[lo], log), back(grid[hi], log));
    }

    /**
     * The likelihood-ratio statistic for "both searches cross at the same value" against "each at
     * its own" (each with its own slope): {@code 2·(ℓ_A(x̂_A) + ℓ_B(x̂_B) − max_x0 [ℓ_A(x0) + ℓ_B(x0)])}
     * with the profile likelihoods above, about chi-square with 1 degree of freedom under the null.
     * NaN when either search has fewer than two values with completed runs.
     */
    public static double crossingStatistic(boolean log, NavigableMap<Double, Tally> a, NavigableMap<Double, Tally> b) {
        double lowest = Math.min(orInfinity(lowestPositive(a)), orInfinity(lowestPositive(b)));
        List<double[]> pa = points(log, a, lowest);
        List<double[]> pb = points(log, b, lowest);
        if (pa.size() < 2 || pb.size() < 2) {
            return Double.NaN;
        }
        double xMin = Math.min(pa.get(0)[0], pb.get(0)[0]);
        double xMax = Math.max(pa.get(pa.size() - 1)[0], pb.get(pb.size() - 1)[0]);
        double span = Math.max(xMax - xMin, 1e-9);
        double cap = MAX_SLOPE * (log ? 1 : 1 / span);
        double bestA = Double.NEGATIVE_INFINITY;
        double bestB = Double.NEGATIVE_INFINITY;
        double bestShared = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < GRID; g++) {
            double x0 = xMin - 0.5 * span + 2 * span * g / (GRID - 1);
            double la = maxOverSlope(pa, x0, cap);
            double lb = maxOverSlope(pb, x0, cap);
            bestA = Math.max(bestA, la);
            bestB = Math.max(bestB, lb);
            bestShared = Math.max(bestShared, la + lb);
        }
        return Math.max(0, 2 * (bestA + bestB - bestShared));
    }

    private static double orInfinity(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static double lowestPositive(NavigableMap<Double, Tally> tallies) {
        for (Map.Entry<Double, Tally> e : tallies.entrySet()) {
            if (e.getKey() > 0 && e.getValue().n() > 0) {
                return e.getKey();
            }
        }
        return Double.NaN;
    }

    /** (x, n, hits) per value with completed runs; on a log axis 0 sits a decade below {@code lowestPositive}. */
    private static List<double[]> points(boolean log, NavigableMap<Double, Tally> tallies, double lowestPositive) {
        List<double[]> points = new ArrayList<>();
        for (Map.Entry<Double, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            double v = e.getKey();
            if (t.n() == 0 || (log && v <= 0 && !Double.isFinite(lowestPositive))) {
                continue;
            }
            double x = !log ? v : v > 0 ? Math.log10(v) : Math.log10(lowestPositive) - 1;
            points.add(new double[] {x, t.n(), t.hits()});
        }
        return points;
    }

    private static double back(double x, boolean log) {
        return log ? Math.pow(10, x) : x;
    }

    /** max over b in [0, cap] of the log-likelihood at crossing x0 (concave in b: golden section). */
    static double maxOverSlope(List<double[]> points, double x0, double cap) {
        double a = 0;
        double b = cap;
        double phi = (Math.sqrt(5) - 1) / 2;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = logLikelihood(points, x0, c);
        double fd = logLikelihood(points, x0, d);
        for (int i = 0; i < 80; i++) {
            if (fc >= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = logLikelihood(points, x0, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = logLikelihood(points, x0, d);
            }
        }
        return Math.max(Math.max(fc, fd), Math.max(logLikelihood(points, x0, 0), logLikelihood(points, x0, cap)));
    }

    static double logLikelihood(List<double[]> points, double x0, double slope) {
        double sum = 0;
        for (double[] p : points) {
            double eta = slope * (p[0] - x0);
            // log σ(η) = −log(1 + e^−η), log(1 − σ(η)) = −log(1 + e^η), both computed stably
            sum += p[2] * -softplus(-eta) + (p[1] - p[2]) * -softplus(eta);
        }
        return sum;
    }

    private static double softplus(double z) {
        return z > 30 ? z : Math.log1p(Math.exp(z));
    }
}
