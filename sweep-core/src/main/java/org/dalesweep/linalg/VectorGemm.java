package org.dalesweep.linalg;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.FMA;

/**
 * Float32 products of the small matrices of a training step, register-blocked with the
 * incubating Vector API, for the ensemble's fast path (issue 21). OpenBLAS (as ND4J ships it,
 * with the Haswell kernels this machine kind is pinned to) runs a 68 x 67 x 32 product well below
 * its peak: every call packs both operands again. Here the weights are read in place from one heap
 * array at every time step, and a tile of 3 (or 2, or 1) vectors of rows by 8 columns of the
 * result stays in registers over the inner dimension (a long one, the weight gradient's over every
 * step and trial, in slices that stay in cache). Operands are float32 arrays on the heap
 * ({@link NativeArray#heapFloats}): vector loads from native memory through a {@code ByteBuffer}
 * ran ten times slower on Java 17. The row count of the vectorised operand must be a multiple of
 * {@link #lanes()}: callers pad their leading dimension.
 *
 * <p>The vectors are {@link VectorWidth#BITS} wide, the width the recurrent noise's kernel uses
 * too: 512 bits on a CPU with AVX-512 (this kernel alone ran 2-2.2x OpenBLAS there), 256 bits
 * otherwise. With both shapes in one JVM, C2 on Java 17 saw two vector classes at the Vector
 * API's shared call sites, boxed every vector, and the products ran 20-40 times slower.
 * Each element of C is one chain of fused multiply-adds in the inner dimension's order, whatever
 * the tile or the width: the same bits at 256 and 512 bits.
 *
 * <p>Sums run in another order than OpenBLAS's, so results differ from {@link Blas#gemm} in the
 * last bits: only code that may differ from a solo run (the ensemble) uses this. Only usable
 * where {@link #usable()}; the vector code lives in a nested class that is loaded only then.
 */
public final class VectorGemm {
    /** How runs record that their products ran here (the {@code blas_library} column's prefix). */
    public static final String NAME = "VectorGemm " + VectorWidth.BITS + "-bit";

    private VectorGemm() {
    }

    /**
     * Whether the Vector API is resolved in this JVM and the CPU has vectors of 256 bits or more
     * (on narrower hardware the API emulates them in plain Java, far slower than OpenBLAS):
     * {@link VectorWidth#usable()}.
     */
    public static boolean usable() {
        return VectorWidth.usable();
    }

    /**
     * Runs the kernel on small operands, once per JVM (the first caller waits, the others wait for
     * it), until C2 has compiled it: until then the Vector API runs in its fallback code, which
     * boxes every vector and runs 10-40 times slower. Without this an executor's first ensembles
     * trained for 4-5 s at that speed (JFR of {@code bench --sweep --ensemble 4}: 20 % of the
     * executor threads' samples). Stops when a batch of calls takes a tenth of the slowest one,
     * or after {@value WarmUp#LIMIT_SECONDS} s.
     */
    public static void warmUp() {
        WarmUp.done();
    }

    /**
     * This core's rate of fused multiply-adds at this JVM's vector width, in GFLOP/s (two per lane
     * and FMA): twelve independent chains in registers, no memory traffic, the best of five timed
     * batches of about 0.1 s after a warm-up. The ceiling any product on this core can reach; a
     * benchmark's yardstick, not a figure a run uses. Only where {@link #usable()}.
     */
    public static double fmaPeakGflops() {
        if (!usable()) {
            throw new IllegalStateException("no usable vectors of 256 bits or more: no vector FMA rate to measure");
        }
        return Kernel.fmaPeakGflops();
    }

    /** Float lanes of one vector: the multiple the rows of the vectorised operand must come in. */
    public static int lanes() {
        return Kernel.LANES;
    }

    /**
     * {@code C = A B} (or {@code A B^T} with {@code transB}): A m x k, op(B) k x n, C m x n,
     * column-major heap float32 arrays with their offsets and leading dimensions; m a multiple of
     * {@link #lanes()}. Every one of C's m rows is written.
     */
    public static void gemm(boolean transB, int m, int n, int k, NativeArray a, int aOffset, int lda,
                            NativeArray b, int bOffset, int ldb, NativeArray c, int cOffset, int ldc) {
        if (m % Kernel.LANES != 0) {
            throw new IllegalArgumentException("rows " + m + " are not a multiple of the " + Kernel.LANES
                    + " lanes of a vector");
        }
        if (m == 0 || n == 0) {
            return;
        }
        check("A", a, aOffset, lda, m, k);
        check("B", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        check("C", c, cOffset, ldc, m, n);
        int pStride = transB ? ldb : 1;
        int jStride = transB ? 1 : ldb;
        Kernel.gemm(m, n, k, heap(a), aOffset, lda, heap(b), bOffset, pStride, jStride, heap(c), cOffset, ldc);
    }

    private static float[] heap(NativeArray x) {
        if (x instanceof NativeArray.Floats f) {
            return f.heapArray();
        }
        throw new IllegalArgumentException("the vector products are float32 only");
    }

    private static void check(String name, NativeArray x, int offset, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (ld < rows || offset < 0 || offset + (long) ld * (cols - 1) + rows > x.length()) {
            throw new IndexOutOfBoundsException("operand " + name + ": " + rows + "x" + cols + " at offset " + offset
                    + " with leading dimension " + ld + " does not fit " + x.length() + " elements");
        }
    }

    /** {@link #warmUp()}: the work runs in the class's initialisation, which the JVM does once, every other caller waiting. */
    private static final class WarmUp {
        static final int LIMIT_SECONDS = 5;
        private static final int CALLS = 200;

        static {
            run();
        }

        private WarmUp() {
        }

        static void done() {
            // the initialisation above did the work
        }

        private static void run() {
            int l = Kernel.LANES;
            int n = 9; // a tile of eight columns and one left over (two tiles of four and one for one- and five-vector rows)
            int k = 8;
            float[] a = new float[5 * l * k];
            float[] b = new float[k * n];
            float[] c = new float[5 * l * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (i % 7) * 0.125f;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (i % 5) * 0.25f;
            }
            long start = System.nanoTime();
            long slowest = 0;
            while (System.nanoTime() - start < LIMIT_SECONDS * 1_000_000_000L) {
                long t0 = System.nanoTime();
                for (int call = 0; call < CALLS; call++) {
                    for (int rows = 1; rows <= 5; rows += rows == 3 ? 2 : 1) { // the tiles of one, two, three and five vectors of rows
                        Kernel.gemm(rows * l, n, k, a, 0, rows * l, b, 0, 1, k, c, 0, rows * l);
                        Kernel.gemm(rows * l, n, k, a, 0, rows * l, b, 0, n, 1, c, 0, rows * l);
                    }
                }
                long took = System.nanoTime() - t0;
                slowest = Math.max(slowest, took);
                if (took * 10 < slowest) {
                    return;
                }
            }
        }
    }

    /**
     * The vector code, loaded only once {@link #usable()} said yes. The tiles are unrolled by hand,
     * each accumulator a local variable, so that C2 keeps them in registers: the three tile widths
     * repeat one pattern.
     */
    private static final class Kernel {
        private static final VectorSpecies<Float> S = VectorWidth.wide() ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
        static final int LANES = S.length();

        private Kernel() {
        }

        /** {@link VectorGemm#fmaPeakGflops()}. */
        static double fmaPeakGflops() {
            long iterations = 200_000;
            chains(iterations); // compiled by C2 before the timed batches
            chains(iterations);
            long t0 = System.nanoTime();
            chains(iterations);
            double seconds = (System.nanoTime() - t0) / 1e9;
            iterations = Math.max(iterations, (long) (iterations * 0.1 / Math.max(seconds, 1e-6)));
            double best = 0;
            for (int batch = 0; batch < 5; batch++) {
                long start = System.nanoTime();
                float sink = chains(iterations);
                double took = (System.nanoTime() - start) / 1e9;
                if (Float.isNaN(sink)) {
                    throw new IllegalStateException("the FMA chains diverged"); // keeps the sum live
                }
                best = Math.max(best, iterations * 12.0 * LANES * 2 / took / 1e9);
            }
            return best;
        }

        /** Twelve independent FMA chains of {@code iterations} steps each, contracting toward 1, summed. */
        private static float chains(long iterations) {
            FloatVector y = FloatVector.broadcast(S, 0.5f);
            FloatVector x = FloatVector.broadcast(S, 0.5f);
            FloatVector a0 = x;
            FloatVector a1 = x.add(0.01f);
            FloatVector a2 = x.add(0.02f);
            FloatVector a3 = x.add(0.03f);
            FloatVector a4 = x.add(0.04f);
            FloatVector a5 = x.add(0.05f);
            FloatVector a6 = x.add(0.06f);
            FloatVector a7 = x.add(0.07f);
            FloatVector a8 = x.add(0.08f);
            FloatVector a9 = x.add(0.09f);
            FloatVector a10 = x.add(0.10f);
            FloatVector a11 = x.add(0.11f);
            for (long i = 0; i < iterations; i++) {
                a0 = a0.lanewise(FMA, y, x);
                a1 = a1.lanewise(FMA, y, x);
                a2 = a2.lanewise(FMA, y, x);
                a3 = a3.lanewise(FMA, y, x);
                a4 = a4.lanewise(FMA, y, x);
                a5 = a5.lanewise(FMA, y, x);
                a6 = a6.lanewise(FMA, y, x);
                a7 = a7.lanewise(FMA, y, x);
                a8 = a8.lanewise(FMA, y, x);
                a9 = a9.lanewise(FMA, y, x);
                a10 = a10.lanewise(FMA, y, x);
                a11 = a11.lanewise(FMA, y, x);
            }
            return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                    .reduceLanes(ADD);
        }

        /**
         * Steps of the inner dimension taken at once: a long product (the weight gradient's, over
         * every time step and trial) goes in slices whose operands stay in cache while every tile
         * of C passes over them, each tile adding its slice's share to what C holds.
         */
        private static final int SLICE = 256;

        /**
         * B's element (p, j) is {@code b[bOff + p * ps + j * js]}. C is zeroed first and every
         * tile adds to it: a branch between a zero and a loaded start made C2 box the vectors
         * (ten times slower).
         */
        static void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ps, int js,
                         float[] c, int cOff, int ldc) {
            if (ldc == m) {
                Arrays.fill(c, cOff, cOff + m * n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    Arrays.fill(c, cOff + j * ldc, cOff + j * ldc + m, 0f);
                }
            }
            for (int p0 = 0; p0 < k; p0 += SLICE) {
                int kc = Math.min(SLICE, k - p0);
                for (int r = 0; r < m; ) {
                    int vectors = (m - r) / LANES;
                    // five vectors left go as one tile of five; otherwise three-vector tiles, but four vectors
                    // left go as two of two (one of one would stream B alone)
                    if (vectors == 5) {
                        rows5(n, kc, a, aOff + r + p0 * lda, lda, b, bOff + p0 * ps, ps, js, c, cOff + r, ldc);
                        r += 5 * LANES;
                    } else if (vectors == 3 || vectors >= 6) {
                        rows3(n, kc, a, aOff + r + p0 * lda, lda, b, bOff + p0 * ps, ps, js, c, cOff + r, ldc);
                        r += 3 * LANES;
                    } else if (vectors >= 2) {
                        rows2(n, kc, a, aOff + r + p0 * lda, lda, b, bOff + p0 * ps, ps, js, c, cOff + r, ldc);
                        r += 2 * LANES;
                    } else {
                        rows1(n, kc, a, aOff + r + p0 * lda, lda, b, bOff + p0 * ps, ps, js, c, cOff + r, ldc);
                        r += LANES;
                    }
                }
            }
        }

        /**
         * Five vectors of rows of A from {@code aOff}, every column: a 5 x 4 tile of vectors in registers,
         * for a leading dimension of exactly five vectors (a 64-unit network's 67 stacked rows, padded to 80
         * at 512 bits), which three- and two-vector tiles would cover in two passes over B.
         */
        private static void rows5(int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ps, int js,
                                  float[] c, int cOff, int ldc) {
            int l = LANES;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int o = cOff + j * ldc;
                FloatVector c00 = FloatVector.fromArray(S, c, o);
                FloatVector c10 = FloatVector.fromArray(S, c, o + l);
                FloatVector c20 = FloatVector.fromArray(S, c, o + 2 * l);
                FloatVector c30 = FloatVector.fromArray(S, c, o + 3 * l);
                FloatVector c40 = FloatVector.fromArray(S, c, o + 4 * l);
                FloatVector c01 = FloatVector.fromArray(S, c, o + ldc);
                FloatVector c11 = FloatVector.fromArray(S, c, o + ldc + l);
                FloatVector c21 = FloatVector.fromArray(S, c, o + ldc + 2 * l);
                FloatVector c31 = FloatVector.fromArray(S, c, o + ldc + 3 * l);
                FloatVector c41 = FloatVector.fromArray(S, c, o + ldc + 4 * l);
                FloatVector c02 = FloatVector.fromArray(S, c, o + 2 * ldc);
                FloatVector c12 = FloatVector.fromArray(S, c, o + 2 * ldc + l);
                FloatVector c22 = FloatVector.fromArray(S, c, o + 2 * ldc + 2 * l);
                FloatVector c32 = FloatVector.fromArray(S, c, o + 2 * ldc + 3 * l);
                FloatVector c42 = FloatVector.fromArray(S, c, o + 2 * ldc + 4 * l);
                FloatVector c03 = FloatVector.fromArray(S, c, o + 3 * ldc);
                FloatVector c13 = FloatVector.fromArray(S, c, o + 3 * ldc + l);
                FloatVector c23 = FloatVector.fromArray(S, c, o + 3 * ldc + 2 * l);
                FloatVector c33 = FloatVector.fromArray(S, c, o + 3 * ldc + 3 * l);
                FloatVector c43 = FloatVector.fromArray(S, c, o + 3 * ldc + 4 * l);
                int bp = bOff + j * js;
                for (int p = 0, at = aOff; p < k; p++, at += lda, bp += ps) {
                    FloatVector a0 = FloatVector.fromArray(S, a, at);
                    FloatVector a1 = FloatVector.fromArray(S, a, at + l);
                    FloatVector a2 = FloatVector.fromArray(S, a, at + 2 * l);
                    FloatVector a3 = FloatVector.fromArray(S, a, at + 3 * l);
                    FloatVector a4 = FloatVector.fromArray(S, a, at + 4 * l);
                    FloatVector x = FloatVector.broadcast(S, b[bp]);
                    c00 = a0.lanewise(FMA, x, c00);
                    c10 = a1.lanewise(FMA, x, c10);
                    c20 = a2.lanewise(FMA, x, c20);
                    c30 = a3.lanewise(FMA, x, c30);
                    c40 = a4.lanewise(FMA, x, c40);
                    x = FloatVector.broadcast(S, b[bp + js]);
                    c01 = a0.lanewise(FMA, x, c01);
                    c11 = a1.lanewise(FMA, x, c11);
                    c21 = a2.lanewise(FMA, x, c21);
                    c31 = a3.lanewise(FMA, x, c31);
                    c41 = a4.lanewise(FMA, x, c41);
                    x = FloatVector.broadcast(S, b[bp + 2 * js]);
                    c02 = a0.lanewise(FMA, x, c02);
                    c12 = a1.lanewise(FMA, x, c12);
                    c22 = a2.lanewise(FMA, x, c22);
                    c32 = a3.lanewise(FMA, x, c32);
                    c42 = a4.lanewise(FMA, x, c42);
                    x = FloatVector.broadcast(S, b[bp + 3 * js]);
                    c03 = a0.lanewise(FMA, x, c03);
                    c13 = a1.lanewise(FMA, x, c13);
                    c23 = a2.lanewise(FMA, x, c23);
                    c33 = a3.lanewise(FMA, x, c33);
                    c43 = a4.lanewise(FMA, x, c43);
                }
                c00.intoArray(c, o);
                c10.intoArray(c, o + l);
                c20.intoArray(c, o + 2 * l);
                c30.intoArray(c, o + 3 * l);
                c40.intoArray(c, o + 4 * l);
                c01.intoArray(c, o + ldc);
                c11.intoArray(c, o + ldc + l);
                c21.intoArray(c, o + ldc + 2 * l);
                c31.intoArray(c, o + ldc + 3 * l);
                c41.intoArray(c, o + ldc + 4 * l);
                c02.intoArray(c, o + 2 * ldc);
                c12.intoArray(c, o + 2 * ldc + l);
                c22.intoArray(c, o + 2 * ldc + 2 * l);
                c32.intoArray(c, o + 2 * ldc + 3 * l);
                c42.intoArray(c, o + 2 * ldc + 4 * l);
                c03.intoArray(c, o + 3 * ldc);
                c13.intoArray(c, o + 3 * ldc + l);
                c23.intoArray(c, o + 3 * ldc + 2 * l);
                c33.intoArray(c, o + 3 * ldc + 3 * l);
                c43.intoArray(c, o + 3 * ldc + 4 * l);
            }
            for (; j < n; j++) {
                int o = cOff + j * ldc;
                FloatVector c0 = FloatVector.fromArray(S, c, o);
                FloatVector c1 = FloatVector.fromArray(S, c, o + l);
                FloatVector c2 = FloatVector.fromArray(S, c, o + 2 * l);
                FloatVector c3 = FloatVector.fromArray(S, c, o + 3 * l);
                FloatVector c4 = FloatVector.fromArray(S, c, o + 4 * l);
                int bp = bOff + j * js;
                for (int p = 0, at = aOff; p < k; p++, at += lda, bp += ps) {
                    FloatVector x = FloatVector.broadcast(S, b[bp]);
                    c0 = FloatVector.fromArray(S, a, at).lanewise(FMA, x, c0);
                    c1 = FloatVector.fromArray(S, a, at + l).lanewise(FMA, x, c1);
                    c2 = FloatVector.fromArray(S, a, at + 2 * l).lanewise(FMA, x, c2);
                    c3 = FloatVector.fromArray(S, a, at + 3 * l).lanewise(FMA, x, c3);
                    c4 = FloatVector.fromArray(S, a, at + 4 * l).lanewise(FMA, x, c4);
                }
                c0.intoArray(c, o);
                c1.intoArray(c, o + l);
                c2.intoArray(c, o + 2 * l);
                c3.intoArray(c, o + 3 * l);
                c4.intoArray(c, o + 4 * l);
            }
        }

        /** Three vectors of rows of A from {@code aOff}, every column: a 3 x 8 tile of vectors in registers. */
        private static void rows3(int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ps, int js,
                                  float[] c, int cOff, int ldc) {
            int l = LANES;
            int j = 0;
            for (; j + 8 <= n; j += 8) {
                int o = cOff + j * ldc;
                FloatVector c00 = FloatVector.fromArray(S, c, o);
                FloatVector c10 = FloatVector.fromArray(S, c, o + l);
                FloatVector c20 = FloatVector.fromArray(S, c, o + 2 * l);
                FloatVector c01 = FloatVector.fromArray(S, c, o + ldc);
                FloatVector c11 = FloatVector.fromArray(S, c, o + ldc + l);
                FloatVector c21 = FloatVector.fromArray(S, c, o + ldc + 2 * l);
                FloatVector c02 = FloatVector.fromArray(S, c, o + 2 * ldc);
                FloatVector c12 = FloatVector.fromArray(S, c, o + 2 * ldc + l);
                FloatVector c22 = FloatVector.fromArray(S, c, o + 2 * ldc + 2 * l);
                FloatVector c03 = FloatVector.fromArray(S, c, o + 3 * ldc);
                FloatVector c13 = FloatVector.fromArray(S, c, o + 3 * ldc + l);
                FloatVector c23 = FloatVector.fromArray(S, c, o + 3 * ldc + 2 * l);
                FloatVector c04 = FloatVector.fromArray(S, c, o + 4 * ldc);
                FloatVector c14 = FloatVector.fromArray(S, c, o + 4 * ldc + l);
                FloatVector c24 = FloatVector.fromArray(S, c, o + 4 * ldc + 2 * l);
                FloatVector c05 = FloatVector.fromArray(S, c, o + 5 * ldc);
                FloatVector c15 = FloatVector.fromArray(S, c, o + 5 * ldc + l);
                FloatVector c25 = FloatVector.fromArray(S, c, o + 5 * ldc + 2 * l);
                FloatVector c06 = FloatVector.fromArray(S, c, o + 6 * ldc);
                FloatVector c16 = FloatVector.fromArray(S, c, o + 6 * ldc + l);
                FloatVector c26 = FloatVector.fromArray(S, c, o + 6 * ldc + 2 * l);
                FloatVector c07 = FloatVector.fromArray(S, c, o + 7 * ldc);
                FloatVector c17 = FloatVector.fromArray(S, c, o + 7 * ldc + l);
                FloatVector c27 = FloatVector.fromArray(S, c, o + 7 * ldc + 2 * l);
                int bp = bOff + j * js;
                for (int p = 0, at = aOff; p < k; p++, at += lda, bp += ps) {
                    FloatVector a0 = FloatVector.fromArray(S, a, at);
                    FloatVector a1 = FloatVector.fromArray(S, a, at + l);
                    FloatVector a2 = FloatVector.fromArray(S, a, at + 2 * l);
                    FloatVector x = FloatVector.broadcast(S, b[bp]);
                    c00 = a0.lanewise(FMA, x, c00);
                    c10 = a1.lanewise(FMA, x, c10);
                    c20 = a2.lanewise(FMA, x, c20);
                    x = FloatVector.broadcast(S, b[bp + js]);
                    c01 = a0.lanewise(FMA, x, c01);
                    c11 = a1.lanewise(FMA, x, c11);
                    c21 = a2.lanewise(FMA, x, c21);
                    x = FloatVector.broadcast(S, b[bp + 2 * js]);
                    c02 = a0.lanewise(FMA, x, c02);
                    c12 = a1.lanewise(FMA, x, c12);
                    c22 = a2.lanewise(FMA, x, c22);
                    x = FloatVector.broadcast(S, b[bp + 3 * js]);
                    c03 = a0.lanewise(FMA, x, c03);
                    c13 = a1.lanewise(FMA, x, c13);
                    c23 = a2.lanewise(FMA, x, c23);
                    x = FloatVector.broadcast(S, b[bp + 4 * js]);
                    c04 = a0.lanewise(FMA, x, c04);
                    c14 = a1.lanewise(FMA, x, c14);
                    c24 = a2.lanewise(FMA, x, c24);
                    x = FloatVector.broadcast(S, b[bp + 5 * js]);
                    c05 = a0.lanewise(FMA, x, c05);
                    c15 = a1.lanewise(FMA, x, c15);
                    c25 = a2.lanewise(FMA, x, c25);
                    x = FloatVector.broadcast(S, b[bp + 6 * js]);
                    c06 = a0.lanewise(FMA, x, c06);
                    c16 = a1.lanewise(FMA, x, c16);
                    c26 = a2.lanewise(FMA, x, c26);
                    x = FloatVector.broadcast(S, b[bp + 7 * js]);
                    c07 = a0.lanewise(FMA, x, c07);
                    c17 = a1.lanewise(FMA, x, c17);
                    c27 = a2.lanewise(FMA, x, c27);
                }
                c00.intoArray(c, o);
                c10.intoArray(c, o + l);
                c20.intoArray(c, o + 2 * l);
                c01.intoArray(c, o + ldc);
                c11.intoArray(c, o + ldc + l);
                c21.intoArray(c, o + ldc + 2 * l);
                c02.intoArray(c, o + 2 * ldc);
                c12.intoArray(c, o + 2 * ldc + l);
                c22.intoArray(c, o + 2 * ldc + 2 * l);
                c03.intoArray(c, o + 3 * ldc);
                c13.intoArray(c, o + 3 * ldc + l);
                c23.intoArray(c, o + 3 * ldc + 2 * l);
                c04.intoArray(c, o + 4 * ldc);
                c14.intoArray(c, o + 4 * ldc + l);
                c24.intoArray(c, o + 4 * ldc + 2 * l);
                c05.intoArray(c, o + 5 * ldc);
                c15.intoArray(c, o + 5 * ldc + l);
                c25.intoArray(c, o + 5 * ldc + 2 * l);
                c06.intoArray(c, o + 6 * ldc);
                c16.intoArray(c, o + 6 * ldc + l);
                c26.intoArray(c, o + 6 * ldc + 2 * l);
                c07.intoArray(c, o + 7 * ldc);
                c17.intoArray(c, o + 7 * ldc + l);
                c27.intoArray(c, o + 7 * ldc + 2 * l);
            }
            for (; j < n; j++) {
                int o = cOff + j * ldc;
                FloatVector c0 = FloatVector.fromArray(S, c, o);
                FloatVector c1 = FloatVector.fromArray(S, c, o + l);
                FloatVector c2 = FloatVector.fromArray(S, c, o + 2 * l);
                int bp = bOff + j * js;
                for (int p = 0, at = aOff; p < k; p++, at += lda, bp += ps) {
                    FloatVector x = FloatVector.broadcast(S, b[bp]);
                    c0 = FloatVector.fromArray(S, a, at).lanewise(FMA, x, c0);
                    c1 = FloatVector.fromArray(S, a, at + l).lanewise(FMA, x, c1);
                    c2 = FloatVector.fromArray(S, a, at + 2 * l).lanewise(FMA, x, c2);
                }
                c0.intoArray(c, o);
                c1.intoArray(c, o + l);
                c2.intoArray(c, o + 2 * l);
            }
        }

        /** Two vectors of rows of A from {@code aOff}, every column: a 2 x 8 tile (the rows three-vector tiles leave). */
        private static void rows2(int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ps, int js,
                                  float[] c, int cOff, int ldc) {
            int l = LANES;
            int j = 0;
            for (; j + 8 <= n; j += 8) {
                int o = cOff + j * ldc;
                FloatVector c00 = FloatVector.fromArray(S, c, o);
                FloatVector c10 = FloatVector.fromArray(S, c, o + l);
                FloatVector c01 = FloatVector.fromArray(S, c, o + ldc);
                FloatVector c11 = FloatVector.fromArray(S, c, o + ldc + l);
                FloatVector c02 = FloatVector.fromArray(S, c, o + 2 * ldc);
                FloatVector c12 = FloatVector.fromArray(S, c, o + 2 * ldc + l);
                FloatVector c03 = FloatVector.fromArray(S, c, o + 3 * ldc);
                FloatVector c13 = FloatVector.fromArray(S, c, o + 3 * ldc + l);
                FloatVector c04 = FloatVector.fromArray(S, c, o + 4 * ldc);
                FloatVector c14 = FloatVector.fromArray(S, c, o + 4 * ldc + l);
                FloatVector c05 = FloatVector.fromArray(S, c, o + 5 * ldc);
                FloatVector c15 = FloatVector.fromArray(S, c, o + 5 * ldc + l);
                FloatVector c06 = FloatVector.fromArray(S, c, o + 6 * ldc);
                FloatVector c16 = FloatVector.fromArray(S, c, o + 6 * ldc + l);
                FloatVector c07 = FloatVector.fromArray(S, c, o + 7 * ldc);
                FloatVector c17 = FloatVector.fromArray(S, c, o + 7 * ldc + l);
                int bp = bOff + j * js;
                for (int p = 0, at = aOff; p < k; p++, at += lda, bp += ps) {
                    FloatVector a0 = FloatVector.fromArray(S, a, at);
                    FloatVector a1 = FloatVector.fromArray(S, a, at + l);
                    FloatVector x = FloatVector.broadcast(S, b[bp]);
                    c00 = a0.lanewise(FMA, x, c00);
                    c10 = a1.lanewise(FMA, x, c10);
                    x = FloatVector.broadcast(S, b[bp + js]);
                    c01 = a0.lanewise(FMA, x, c01);
                    c11 = a1.lanewise(FMA, x, c11);
                    x = FloatVector.broadcast(S, b[bp + 2 * js]);
                    c02 = a0.lanewise(FMA, x, c02);
                    c12 = a1.lanewise(FMA, x, c12);
                    x = FloatVector.broadcast(S, b[bp + 3 * js]);
                    c03 = a0.lanewise(FMA, x, c03);
                    c13 = a1.lanewise(FMA, x, c13);
                    x = FloatVector.broadcast(S, b[bp + 4 * js]);
                    c04 = a0.lanewise(FMA, x, c04);
                    c14 = a1.lanewise(FMA, x, c14);
                    x = FloatVector.broadcast(S, b[bp + 5 * js]);
                    c05 = a0.lanewise(FMA, x, c05);
                    c15 = a1.lanewise(FMA, x, c15);
                    x = FloatVector.broadcast(S, b[bp + 6 * js]);
                    c06 = a0.lanewise(FMA, x, c06);
                    c16 = a1.lanewise(FMA, x, c16);
                    x = FloatVector.broadcast(S, b[bp + 7 * js]);
                    c07 = a0.lanewise(FMA, x, c07);
                    c17 = a1.lanewise(FMA, x, c17);
                }
                c00.intoArray(c, o);
                c10.intoArray(c, o + l);
                c01.intoArray(c, o + ldc);
                c11.intoArray(c, o + ldc + l);
                c02.intoArray(c, o + 2 * ldc);
                c12.intoArray(c, o + 2 * ldc + l);
                c03.intoArray(c, o + 3 * ldc);
                c13.intoArray(c, o + 3 * ldc + l);
                c04.intoArray(c, o + 4 * ldc);
                c14.intoArray(c, o + 4 * ldc + l);
                c05.intoArray(c, o + 5 * ldc);
                c15.intoArray(c, o + 5 * ldc + l);
                c06.intoArray(c, o + 6 * ldc);
                c16.intoArray(c, o + 6 * ldc + l);
                c07.intoArray(c, o + 7 * ldc);
                c17.intoArray(c, o + 7 * ldc + l);
            }
            for (; j < n; j++) {
                int o = cOff + j * ldc;
                FloatVector c0 = FloatVector.fromArray(S, c, o);
                FloatVector c1 = FloatVector.fromArray(S, c, o + l);
                int bp = bOff + j * js;
                for (int p = 0, at = aOff; p < k; p++, at += lda, bp += ps) {
                    FloatVector x = FloatVector.broadcast(S, b[bp]);
                    c0 = FloatVector.fromArray(S, a, at).lanewise(FMA, x, c0);
                    c1 = FloatVector.fromArray(S, a, at + l).lanewise(FMA, x, c1);
                }
                c0.intoArray(c, o);
                c1.intoArray(c, o + l);
            }
        }

        /** One vector of rows of A from {@code aOff}, every column. */
        private static void rows1(int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ps, int js,
                                  float[] c, int cOff, int ldc) {
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int o = cOff + j * ldc;
                FloatVector c0 = FloatVector.fromArray(S, c, o);
                FloatVector c1 = FloatVector.fromArray(S, c, o + ldc);
                FloatVector c2 = FloatVector.fromArray(S, c, o + 2 * ldc);
                FloatVector c3 = FloatVector.fromArray(S, c, o + 3 * ldc);
                int bp = bOff + j * js;
                for (int p = 0, at = aOff; p < k; p++, at += lda, bp += ps) {
                    FloatVector a0 = FloatVector.fromArray(S, a, at);
                    c0 = a0.lanewise(FMA, FloatVector.broadcast(S, b[bp]), c0);
                    c1 = a0.lanewise(FMA, FloatVector.broadcast(S, b[bp + js]), c1);
                    c2 = a0.lanewise(FMA, FloatVector.broadcast(S, b[bp + 2 * js]), c2);
                    c3 = a0.lanewise(FMA, FloatVector.broadcast(S, b[bp + 3 * js]), c3);
                }
                c0.intoArray(c, o);
                c1.intoArray(c, o + ldc);
                c2.intoArray(c, o + 2 * ldc);
                c3.intoArray(c, o + 3 * ldc);
            }
            for (; j < n; j++) {
                int o = cOff + j * ldc;
                FloatVector c0 = FloatVector.fromArray(S, c, o);
                int bp = bOff + j * js;
                for (int p = 0, at = aOff; p < k; p++, at += lda, bp += ps) {
                    c0 = FloatVector.fromArray(S, a, at).lanewise(FMA, FloatVector.broadcast(S, b[bp]), c0);
                }
                c0.intoArray(c, o);
            }
        }

    }
}
