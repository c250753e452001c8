package org.dalesweep.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vector products against a float64 product of the same float32 operands, for the shapes a
 * training step uses and their edges: every row block (5, 3, 2 and single vectors), column
 * counts with and without a remainder of the 8- and 4-column tiles, an inner dimension longer than
 * one slice, B transposed or not, offsets and leading dimensions larger than the rows; and each
 * element against one chain of fused multiply-adds in the inner dimension's order, bit for bit.
 */
class VectorGemmTest {

    @BeforeEach
    void vectorsAvailable() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "surefire passes --add-modules jdk.incubator.vector");
        assumeTrue(VectorGemm.usable(), "this CPU has no 256-bit vectors: the ensemble multiplies with OpenBLAS");
    }

    @Test
    void productsMatchAFloat64ProductWithinFloat32Rounding() {
        int l = VectorGemm.lanes();
        int[] rowVectors = {1, 2, 3, 4, 5, 8, 9};
        int[] cols = {1, 3, 8, 13, 32, 67};
        int[] inner = {1, 5, 67, 300, 600};
        SplittableRandom rnd = new SplittableRandom(7);
        int checked = 0;
        for (boolean transB : new boolean[] {false, true}) {
            for (int rv : rowVectors) {
                for (int n : cols) {
                    for (int k : inner) {
                        int m = rv * l;
                        checkOne(transB, m, n, k, rnd);
                        checked++;
                    }
                }
            }
        }
        assertEquals(2 * 7 * 6 * 5, checked);
    }

    /**
     * Whatever tile covers it, an element of C is one chain of fused multiply-adds from zero in
     * the inner dimension's order (across slices too): what makes the products' bits independent
     * of the tiling and the vector width, so a change of tiles cannot move an ensemble's numbers.
     */
    @Test
    void everyTileGivesEachElementOneFusedChainInOrder() {
        int l = VectorGemm.lanes();
        SplittableRandom rnd = new SplittableRandom(13);
        for (boolean transB : new boolean[] {false, true}) {
            for (int rv : new int[] {1, 2, 3, 4, 5, 6, 8}) {
                for (int n : new int[] {1, 4, 5, 9, 13}) {
                    for (int k : new int[] {1, 67, 300}) {
                        int m = rv * l;
                        NativeArray a = filled(m * k, rnd);
                        NativeArray b = filled(k * n, rnd);
                        NativeArray c = filled(m * n, rnd);
                        int ldb = transB ? n : k;
                        VectorGemm.gemm(transB, m, n, k, a, 0, m, b, 0, ldb, c, 0, m);
                        for (int j = 0; j < n; j++) {
                            for (int i = 0; i < m; i++) {
                                float chain = 0f;
                                for (int p = 0; p < k; p++) {
                                    float y = (float) (transB ? b.get(p * ldb + j) : b.get(j * ldb + p));
                                    chain = Math.fma((float) a.get(p * m + i), y, chain);
                                }
                                assertEquals(Float.floatToRawIntBits(chain), Float.floatToRawIntBits((float) c.get(j * m + i)),
                                        (transB ? "A B^T " : "A B ") + m + "x" + n + "x" + k + " at (" + i + "," + j + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    private static void checkOne(boolean transB, int m, int n, int k, SplittableRandom rnd) {
        int lda = m + 3;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int ldb = bRows + 2;
        int ldc = m + 5;
        int aOff = 4;
        int bOff = 1;
        int cOff = 6;
        NativeArray a = filled(aOff + lda * k, rnd);
        NativeArray b = filled(bOff + ldb * bCols, rnd);
        NativeArray c = filled(cOff + ldc * n + 3, rnd);
        double before = c.get(cOff + ldc * n + 2);
        VectorGemm.gemm(transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double exact = 0;
                double bound = 0;
                for (int p = 0; p < k; p++) {
                    double x = a.get(aOff + p * lda + i);
                    double y = transB ? b.get(bOff + p * ldb + j) : b.get(bOff + j * ldb + p);
                    exact += x * y;
                    bound += Math.abs(x * y);
                }
                double got = c.get(cOff + j * ldc + i);
                // float32 accumulation: at most about k ulps of the absolute sum
                double allowed = 2 * (k + 2) * Math.ulp((float) bound);
                assertTrue(Math.abs(got - exact) <= allowed, (transB ? "A B^T " : "A B ") + m + "x" + n + "x" + k
                        + " at (" + i + "," + j + "): " + got + " against " + exact);
            }
        }
        assertEquals(before, c.get(cOff + ldc * n + 2), "nothing past C is written");
    }

    private static NativeArray filled(int length, SplittableRandom rnd) {
        NativeArray x = NativeArray.heapFloats(length);
        for (int i = 0; i < length; i++) {
            x.set(i, rnd.nextDouble(-1, 1));
        }
        return x;
    }

    @Test
    void rowsThatAreNotWholeVectorsAndNativeOperandsAreRefused() {
        int l = VectorGemm.lanes();
        NativeArray heap = NativeArray.heapFloats(64 * 64);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> VectorGemm.gemm(false, l + 1, 2, 2, heap, 0, l + 1, heap, 0, 2, heap, 0, l + 1));
        assertEquals("rows " + (l + 1) + " are not a multiple of the " + l + " lanes of a vector", rows.getMessage());
        NativeArray direct = NativeArray.floats(64 * 64);
        IllegalStateException onNative = assertThrows(IllegalStateException.class,
                () -> VectorGemm.gemm(false, l, 2, 2, direct, 0, l, heap, 0, 2, heap, 0, l));
        assertEquals("a native float32 array has no heap array", onNative.getMessage());
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class,
                () -> VectorGemm.gemm(false, l, 64, 64, heap, 0, l, heap, 0, 64, heap, 64 * 64 - 1, l));
        assertTrue(outside.getMessage().startsWith("operand C: "), outside.getMessage());
        IllegalStateException blas = assertThrows(IllegalStateException.class,
                () -> Blas.gemm(false, false, 2, 2, 2, 1, heap, 0, 2, heap, 0, 2, 0, heap, 0, 2));
        assertEquals("a heap float32 array is not a BLAS operand", blas.getMessage());
    }
}
