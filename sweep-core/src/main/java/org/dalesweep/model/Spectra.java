package org.dalesweep.model;

import org.dalesweep.linalg.Lapack;

/**
 * Spectral and sign measures of a recurrent matrix, given as rows {@code w[i][j]} (row i =
 * postsynaptic unit, column j = presynaptic unit), computed in float64 with LAPACK.
 */
public final class Spectra {
    private Spectra() {
    }

    /** Largest eigenvalue modulus of a square matrix. */
    public static double spectralRadius(double[][] w) {
        int n = requireSquare(w);
        double[][] ev = Lapack.eigenvalues(columnMajor(w, n, n), n);
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.hypot(ev[0][i], ev[1][i]));
        }
        return max;
    }

    /**
     * Normalised SVD entropy (Li et al. 2023): with singular values s_i and p_i = s_i / sum(s)
     * (singular values, not their squares), {@code -sum p_i ln p_i / ln n} over the n = min(rows,
     * cols) singular values; 1 for equal singular values, 0 for rank one. NaN for the zero matrix
     * (no distribution) and for n = 1 (no normalisation).
     */
    public static double svdEntropy(double[][] w) {
        int m = w.length;
        int n = m == 0 ? 0 : w[0].length;
        requireRectangular(w, n);
        double[] s = Lapack.singularValues(columnMajor(w, m, n), m, n);
        double total = 0;
        for (double v : s) {
            total += v;
        }
        if (s.length < 2 || total == 0) {
            return Double.NaN;
        }
        double h = 0;
        for (double v : s) {
            double p = v / total;
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(s.length);
    }

    /**
     * Fraction of columns whose nonzero entries all share one sign: 1 for any Dale matrix. A
     * column with no nonzero entry counts as single-signed.
     */
    public static double daleness(double[][] w) {
        int n = w.length == 0 ? 0 : w[0].length;
        requireRectangular(w, n);
        if (n == 0) {
            return Double.NaN;
        }
        int single = 0;
        for (int j = 0; j < n; j++) {
            single += columnSign(w, j) != 0 || allZero(w, j) ? 1 : 0;
        }
        return (double) single / n;
    }

    /** The sign column j's nonzero entries share: +1, -1, or 0 when they are mixed or there are none. */
    public static int columnSign(double[][] w, int j) {
        boolean pos = false;
        boolean neg = false;
        for (double[] row : w) {
            pos |= row[j] > 0;
            neg |= row[j] < 0;
        }
        return pos == neg ? 0 : pos ? 1 : -1;
    }

    private static boolean allZero(double[][] w, int j) {
        for (double[] row : w) {
            if (row[j] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A column-major n x n matrix as rows. */
    static double[][] rows(double[] colMajor, int n) {
        double[][] out = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                out[i][j] = colMajor[j * n + i];
            }
        }
        return out;
    }

    private static int requireSquare(double[][] w) {
        int n = w.length;
        requireRectangular(w, n);
        return n;
    }

    private static void requireRectangular(double[][] w, int cols) {
        for (int i = 0; i < w.length; i++) {
            if (w[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + w[i].length + " entries, expected " + cols);
            }
        }
    }

    private static double[] columnMajor(double[][] w, int m, int n) {
        double[] a = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[j * m + i] = w[i][j];
            }
        }
        return a;
    }
}
