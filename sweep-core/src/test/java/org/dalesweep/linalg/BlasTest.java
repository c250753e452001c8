package org.dalesweep.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlasTest {

    /** Reference product on plain arrays, column-major, with transposes and offsets. */
    private static double[] naive(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int ao, int lda,
                                  double[] b, int bo, int ldb, double beta, double[] c, int co, int ldc) {
        double[] out = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[ao + i * lda + p] : a[ao + p * lda + i];
                    double y = tb ? b[bo + p * ldb + j] : b[bo + j * ldb + p];
                    s += x * y;
                }
                out[co + j * ldc + i] = alpha * s + beta * c[co + j * ldc + i];
            }
        }
        return out;
    }

    private static NativeArray load(NativeArray proto, double[] v) {
        NativeArray x = proto.like(v.length);
        x.write(0, v, 0, v.length);
        return x;
    }

    @Test
    void gemmMatchesTheDefinitionForEveryTransposeAndOffsetInBothWidths() {
        SplittableRandom rng = new SplittableRandom(1);
        int m = 5;
        int n = 4;
        int k = 3;
        for (NativeArray proto : new NativeArray[] {NativeArray.floats(0), NativeArray.doubles(0)}) {
            double tol = proto.isDouble() ? 1e-12 : 1e-5;
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int lda = (ta ? k : m) + 1;
                    int ldb = (tb ? n : k) + 2;
                    int ldc = m + 1;
                    double[] a = rng.doubles(7 + lda * (ta ? m : k)).toArray();
                    double[] b = rng.doubles(3 + ldb * (tb ? k : n)).toArray();
                    double[] c = rng.doubles(2 + ldc * n).toArray();
                    double[] expected = naive(ta, tb, m, n, k, 0.7, a, 7, lda, b, 3, ldb, 0.5, c, 2, ldc);
                    NativeArray nc = load(proto, c);
                    Blas.gemm(ta, tb, m, n, k, 0.7, load(proto, a), 7, lda, load(proto, b), 3, ldb, 0.5, nc, 2, ldc);
                    for (int i = 0; i < c.length; i++) {
                        assertEquals(expected[i], nc.get(i), tol, "ta=" + ta + " tb=" + tb + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void gemmRefusesOperandsThatDoNotFitOrMixWidths() {
        NativeArray a = NativeArray.floats(6);
        NativeArray c = NativeArray.floats(4);
        assertThrows(IndexOutOfBoundsException.class,
                () -> Blas.gemm(false, false, 2, 2, 3, 1, a, 1, 2, a, 0, 3, 0, c, 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(false, false, 2, 2, 1, 1, a, 0, 2, NativeArray.doubles(2), 0, 1, 0, c, 0, 2));
    }

    @Test
    void floatArraysRoundToFloatAndDoubleArraysDoNot() {
        NativeArray f = NativeArray.floats(1);
        NativeArray d = NativeArray.doubles(1);
        f.set(0, 0.1);
        d.set(0, 0.1);
        assertEquals((double) 0.1f, f.get(0), 0.0);
        assertEquals(0.1, d.get(0), 0.0);
    }

    @Test
    void bulkReadAndWriteCopyABlockAtAnOffset() {
        for (NativeArray x : new NativeArray[] {NativeArray.floats(10), NativeArray.doubles(10)}) {
            x.write(3, new double[] {7, 0.1, 2, -3, 99}, 1, 3);
            assertEquals(0.0, x.get(2), 0.0);
            assertEquals(x.isDouble() ? 0.1 : (double) 0.1f, x.get(3), 0.0);
            assertEquals(-3.0, x.get(5), 0.0);
            assertEquals(0.0, x.get(6), 0.0, "only count values are written");
            double[] back = new double[5];
            x.read(2, back, 1, 4);
            assertEquals(0.0, back[0], 0.0, "before the destination offset");
            assertEquals(0.0, back[1], 0.0);
            assertEquals(2.0, back[3], 0.0);
            assertEquals(-3.0, back[4], 0.0);
        }
    }
}
