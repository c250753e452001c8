package org.dalesweep.analysis;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * Logistic regression on grouped binomial data (one row per covariate pattern: {@code trials},
 * {@code successes}), fitted by iteratively reweighted least squares (Newton's method) with an
 * optional ridge penalty {@code ½·ridge·‖β‖²} on every coefficient but the intercept (column 0).
 * Standard errors come from the inverse of the (penalised) Fisher information. The linear algebra
 * (Cholesky solves and the inverse) is commons-math3's; nothing on the classpath fits grouped
 * binomial IRLS with a ridge, so the iteration itself is written out here.
 *
 * <p>Grouping is what makes this scale: a sweep of a million runs over a handful of categorical
 * factors has at most a few thousand covariate patterns, aggregated by Spark beforehand.
 */
public final class LogisticRegression {

    /** Largest |coefficient| (log odds) taken as finite; beyond it the data are (quasi-)separated. */
    static final double SEPARATION_LOG_ODDS = 12;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private LogisticRegression() {
    }

    /**
     * A fitted model: coefficients, their standard errors, whether Newton converged, the
     * penalty used, and the iterations taken.
     */
    public record Fit(double[] coefficients, double[] standardErrors, boolean converged, double ridge,
                      int iterations) {

        public Fit {
            coefficients = coefficients.clone();
            standardErrors = standardErrors.clone();
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        @Override
        public double[] standardErrors() {
            return standardErrors.clone();
        }

        /** True when the fit looks separated: no convergence or a coefficient beyond ±12 log odds. */
        public boolean separated() {
            if (!converged) {
                return true;
            }
            for (int j = 1; j < coefficients.length; j++) {
                if (!Double.isFinite(coefficients[j]) || Math.abs(coefficients[j]) > SEPARATION_LOG_ODDS
                        || !Double.isFinite(standardErrors[j])) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Fits the model. {@code x[i]} is the covariate row of pattern i (column 0 the intercept,
     * all ones), with {@code trials[i]} runs of which {@code successes[i]} were successes.
     *
     * @throws ArithmeticException when the information matrix is singular (collinear columns
     *         without a penalty)
     */
    public static Fit fit(double[][] x, double[] trials, double[] successes, double ridge) {
        int rows = x.length;
        int p = x[0].length;
        if (trials.length != rows || successes.length != rows) {
            throw new IllegalArgumentException("x, trials and successes need the same number of rows: "
                    + rows + ", " + trials.length + ", " + successes.length);
        }
        double[] beta = new double[p];
        double total = 0;
        double hits = 0;
        for (int i = 0; i < rows; i++) {
            total += trials[i];
            hits += successes[i];
        }
        double base = Math.min(Math.max(hits / total, 1e-6), 1 - 1e-6);
        beta[0] = Math.log(base / (1 - base));
        boolean converged = false;
        int iteration = 0;
        double[][] info = null;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            info = new double[p][p];
            double[] score = new double[p];
            for (int i = 0; i < rows; i++) {
                if (trials[i] == 0) {
                    continue;
                }
                double eta = dot(x[i], beta);
                double mu = 1 / (1 + Math.exp(-eta));
                double w = trials[i] * mu * (1 - mu);
                double r = successes[i] - trials[i] * mu;
                for (int a = 0; a < p; a++) {
                    score[a] += x[i][a] * r;
                    for (int b = 0; b <= a; b++) {
                        info[a][b] += w * x[i][a] * x[i][b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < a; b++) {
                    info[b][a] = info[a][b];
                }
                if (a > 0) {
                    info[a][a] += ridge;
                    score[a] -= ridge * beta[a];
                }
            }
            double[] step = solve(info, score);
            double biggest = 0;
            for (int a = 0; a < p; a++) {
                beta[a] += step[a];
                biggest = Math.max(biggest, Math.abs(step[a]));
            }
            if (!Double.isFinite(biggest)) {
                break;
            }
            if (biggest < TOLERANCE) {
                converged = true;
                break;
            }
            if (Arrays.stream(beta).anyMatch(b -> Math.abs(b) > 50)) {
                break;
            }
        }
        double[] se = new double[p];
        double[][] covariance = invert(information(x, trials, beta, ridge));
        for (int a = 0; a < p; a++) {
            se[a] = Math.sqrt(covariance[a][a]);
        }
        return new Fit(beta, se, converged, ridge, iteration);
    }

    private static double[][] information(double[][] x, double[] trials, double[] beta, double ridge) {
        int p = beta.length;
        double[][] info = new double[p][p];
        for (int i = 0; i < x.length; i++) {
            double mu = 1 / (1 + Math.exp(-dot(x[i], beta)));
            double w = trials[i] * mu * (1 - mu);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b <= a; b++) {
                    info[a][b] += w * x[i][a] * x[i][b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                info[b][a] = info[a][b];
            }
        }
        for (int a = 1; a < p; a++) {
            info[a][a] += ridge;
        }
        return info;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Solves A·s = b for symmetric positive definite A by Cholesky. */
    static double[] solve(double[][] a, double[] b) {
        return cholesky(a).getSolver().solve(new ArrayRealVector(b, false)).toArray();
    }

    /** Inverse of a symmetric positive definite matrix. */
    static double[][] invert(double[][] a) {
        return cholesky(a).getSolver().getInverse().getData();
    }

    /**
     * commons-math3's Cholesky decomposition of a symmetric matrix, singular when a pivot falls to
     * 1e-12 of the largest diagonal entry or below.
     *
     * @throws ArithmeticException naming the column where it does
     */
    private static CholeskyDecomposition cholesky(double[][] a) {
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(a, true), 0,
                    1e-12 * Math.max(scale, 1e-300));
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new ArithmeticException("information matrix is singular at column " + e.getRow()
                    + " (collinear or empty factor levels)");
        }
    }
}
