package org.dalesweep.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Matrix products on {@link NativeArray}s, straight into OpenBLAS's {@code cblas_?gemm} (the
 * OpenBLAS that ND4J ships) on native memory: no per-op dispatch, no copies. Matrices are
 * column-major; an operand is an array, an element offset and a leading dimension, so a block
 * of columns of a larger matrix is an operand too. OpenBLAS takes its thread count from
 * {@code OMP_NUM_THREADS}/{@code OPENBLAS_NUM_THREADS} when it loads.
 */
public final class Blas {
    private Blas() {
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with {@code op(A)} m x k, {@code op(B)} k x n,
     * C m x n; all three arrays of the same width.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            NativeArray a, int aOffset, int lda,
                            NativeArray b, int bOffset, int ldb,
                            double beta, NativeArray c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        checkBounds("A", a, aOffset, lda, transA ? k : m, transA ? m : k);
        checkBounds("B", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        checkBounds("C", c, cOffset, ldc, m, n);
        int ta = transA ? openblas.CblasTrans : openblas.CblasNoTrans;
        int tb = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (a instanceof NativeArray.Floats fa && b instanceof NativeArray.Floats fb
                && c instanceof NativeArray.Floats fc) {
            openblas.cblas_sgemm(openblas.CblasColMajor, ta, tb, m, n, k, (float) alpha,
                    fa.at(0, aOffset), lda, fb.at(1, bOffset), ldb,
                    (float) beta, fc.at(2, cOffset), ldc);
        } else if (a instanceof NativeArray.Doubles da && b instanceof NativeArray.Doubles db
                && c instanceof NativeArray.Doubles dc) {
            openblas.cblas_dgemm(openblas.CblasColMajor, ta, tb, m, n, k, alpha,
                    da.at(0, aOffset), lda, db.at(1, bOffset), ldb,
                    beta, dc.at(2, cOffset), ldc);
        } else {
            throw new IllegalArgumentException("gemm operands must share one width");
        }
    }

    /** A stored rows x cols column-major operand must fit its array: native code does not check. */
    private static void checkBounds(String name, NativeArray x, int offset, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (ld < Math.max(1, rows) || offset < 0
                || offset + (long) ld * (cols - 1) + rows > x.length()) {
            throw new IndexOutOfBoundsException("gemm operand " + name + ": " + rows + "x" + cols
                    + " at offset " + offset + " with leading dimension " + ld + " does not fit "
                    + x.length() + " elements");
        }
    }
}
