package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.dalesweep.linalg.NativeArray;
import org.dalesweep.linalg.VectorGemm;
import org.dalesweep.linalg.VectorWidth;
import org.junit.jupiter.api.Test;

/**
 * The noise's vector kernels at both widths give the scalar kernel's bits, one width serves
 * every vector kernel of a JVM (the noise and the ensemble's products): the widest the CPU has,
 * or 256 bits when {@code dalesweep.vector.bits=256} asks for it; and the products give the same
 * bits at either width (so an ensemble's runs do not depend on the CPU's vector width).
 */
class VectorKernelWidthsTest {

    @Test
    void bothWidthsDrawTheScalarKernelsBits() {
        assumeTrue(VectorWidth.usable(), "no 256-bit vectors here: the scalar kernel draws");
        NormalSampler scalar = new NormalSampler(new NormalBlocks.Scalar());
        NormalSampler narrow = new NormalSampler(new VectorNormalBlocks());
        // both shapes in one JVM: slow (C2 boxes the vectors), but the values are what is checked here
        NormalSampler wide = new NormalSampler(new WideNormalBlocks());
        float[] expected = new float[40_000];
        float[] got = new float[expected.length];
        for (long seed : new long[] {3, -7, 0x5DEECE66DL}) {
            scalar.setState(seed);
            scalar.fill(expected, 0, expected.length);
            for (NormalSampler s : new NormalSampler[] {narrow, wide}) {
                s.setState(seed);
                // uneven pieces: whole blocks and chunks of CHUNK blocks, partial blocks through the spare one
                for (int from = 0, piece = 5; from < got.length; from += piece, piece = piece * 2 + 3) {
                    s.fill(got, from, Math.min(piece, got.length - from));
                }
                for (int e = 0; e < got.length; e++) {
                    assertEquals(Float.floatToRawIntBits(expected[e]), Float.floatToRawIntBits(got[e]),
                            "seed " + seed + ", value " + e);
                }
            }
        }
    }

    @Test
    void theNoiseAndTheProductsUseOneWidthTheWidestTheCpuHas() throws Exception {
        assumeTrue(VectorWidth.usable(), "no 256-bit vectors here: the scalar kernel draws");
        int preferred = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertEquals(preferred >= 512 ? 512 : 256, VectorWidth.BITS);
        assertEquals(VectorWidth.wide() ? "WideNormalBlocks" : "VectorNormalBlocks",
                NormalBlocks.fastest().getClass().getSimpleName());
        assertEquals(VectorWidth.BITS / 32, VectorGemm.lanes());
        assertEquals("VectorGemm " + VectorWidth.BITS + "-bit", VectorGemm.NAME);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-D" + VectorWidth.PROPERTY + "=256",
                "-cp", System.getProperty("java.class.path"), Print.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        List<String> printed = output.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals("256 VectorNormalBlocks 8 VectorGemm 256-bit", printed.get(0), output);
        assertEquals(NormalSamplerTest.Print.line(new NormalSampler()), printed.get(1),
                "the 256-bit noise kernel's bits are those of this JVM's");
        assertEquals(productBits(), printed.get(2), "the 256-bit products' bits are those of this JVM's");
    }

    /** Prints the width, the noise kernel's class, the products' lanes and name, then the first normals' bits and the products'. */
    public static final class Print {
        public static void main(String[] args) {
            System.out.println(VectorWidth.BITS + " " + NormalBlocks.fastest().getClass().getSimpleName() + " "
                    + VectorGemm.lanes() + " " + VectorGemm.NAME);
            System.out.println(NormalSamplerTest.Print.line(new NormalSampler()));
            System.out.println(productBits());
        }
    }

    /**
     * A CRC of the bits of two products of the ensemble's shapes (the forward one and the weight
     * gradient's long one): each element is one chain of fused multiply-adds whatever the width.
     */
    static String productBits() {
        SplittableRandom rnd = new SplittableRandom(11);
        int m = 64;
        int k = 67;
        int n = 600;
        NativeArray a = NativeArray.heapFloats(m * k);
        NativeArray b = NativeArray.heapFloats(k * n);
        for (NativeArray x : new NativeArray[] {a, b}) {
            for (int i = 0; i < x.length(); i++) {
                x.set(i, rnd.nextDouble(-1, 1));
            }
        }
        NativeArray forward = NativeArray.heapFloats(m * n);
        VectorGemm.gemm(false, m, n, k, a, 0, m, b, 0, k, forward, 0, m);
        NativeArray gradient = NativeArray.heapFloats(m * k);
        VectorGemm.gemm(true, m, k, n, forward, 0, m, b, 0, k, gradient, 0, m);
        CRC32 crc = new CRC32();
        for (NativeArray x : new NativeArray[] {forward, gradient}) {
            for (int i = 0; i < x.length(); i++) {
                int bits = Float.floatToRawIntBits((float) x.get(i));
                crc.update(new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
            }
        }
        return Long.toHexString(crc.getValue());
    }
}
