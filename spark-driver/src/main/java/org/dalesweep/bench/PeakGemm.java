package org.dalesweep.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * This machine's single-precision GEMM rate through the OpenBLAS that dalesweep trains with: the
 * best of several square products, the denominator of "fraction of peak".
 */
final class PeakGemm {
    private PeakGemm() {
    }

    /** Best GFLOP/s over {@code repeats} products of n x n matrices. */
    static double gflops(int n, int repeats) {
        try (FloatPointer a = new FloatPointer((long) n * n);
             FloatPointer b = new FloatPointer((long) n * n);
             FloatPointer c = new FloatPointer((long) n * n)) {
            for (long i = 0; i < (long) n * n; i++) {
                a.put(i, (float) ((i * 7919 % 1000) / 1000.0));
                b.put(i, (float) ((i * 104729 % 1000) / 1000.0));
            }
            double best = 0;
            for (int r = 0; r < repeats + 1; r++) {
                long t0 = System.nanoTime();
                openblas.cblas_sgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, n, n, n,
                        1f, a, n, b, n, 0f, c, n);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) {
                    best = Math.max(best, 2.0 * n * (double) n * n / s / 1e9);
                }
            }
            return best;
        }
    }
}
