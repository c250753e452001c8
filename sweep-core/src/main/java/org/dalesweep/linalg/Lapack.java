package org.dalesweep.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Dense eigenvalues and singular values in float64 through OpenBLAS's LAPACKE, on copies (the
 * inputs are never modified). Used for the spectral measures of recurrent matrices.
 */
public final class Lapack {
    private Lapack() {
    }

    /**
     * Eigenvalues of the square column-major {@code n x n} matrix {@code a}: {@code [0]} real
     * parts, {@code [1]} imaginary parts.
     */
    public static double[][] eigenvalues(double[] a, int n) {
        requireLength(a, n, n);
        double[] work = a.clone();
        double[] re = new double[n];
        double[] im = new double[n];
        double[] unused = new double[1];
        int info = openblas.LAPACKE_dgeev(openblas.LAPACK_COL_MAJOR, (byte) 'N', (byte) 'N', n, work,
                Math.max(1, n), re, im, unused, 1, unused, 1);
        if (info != 0) {
            throw new ArithmeticException("LAPACKE_dgeev failed on a " + n + "x" + n + " matrix, info = " + info);
        }
        return new double[][] {re, im};
    }

    /** Singular values, in descending order, of the column-major {@code m x n} matrix {@code a}. */
    public static double[] singularValues(double[] a, int m, int n) {
        requireLength(a, m, n);
        double[] work = a.clone();
        double[] s = new double[Math.min(m, n)];
        double[] unused = new double[1];
        int info = openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR, (byte) 'N', m, n, work,
                Math.max(1, m), s, unused, 1, unused, 1);
        if (info != 0) {
            throw new ArithmeticException("LAPACKE_dgesdd failed on a " + m + "x" + n + " matrix, info = " + info);
        }
        return s;
    }

    private static void requireLength(double[] a, int m, int n) {
        if (a.length != m * n) {
            throw new IllegalArgumentException("expected " + m + "x" + n + " = " + (m * n)
                    + " values, got " + a.length);
        }
    }
}
