package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.dalesweep.linalg.VectorWidth;
import org.junit.jupiter.api.Test;

/**
 * The Box-Muller sampler against N(0, 1) (moments, Kolmogorov-Smirnov, tail and bin counts),
 * against the transform computed in float64 from the same bits, its determinism, and the same
 * bits from the vector kernel, the scalar one and a JVM without the Vector API.
 */
class NormalSamplerTest {

    private static final int COUNT = 2_000_000;

    private static double[] draw(long seed, int count) {
        double[] x = new double[count];
        NormalSampler s = NormalSampler.from(new SplittableRandom(seed));
        // in uneven chunks, as the network fills one block per step
        for (int from = 0, chunk = 1; from < count; from += chunk, chunk = chunk * 3 + 1) {
            s.fill(x, from, Math.min(chunk, count - from));
        }
        return x;
    }

    @Test
    void momentsAreThoseOfTheStandardNormal() {
        double[] x = draw(1, COUNT);
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            double v2 = v * v;
            m1 += v;
            m2 += v2;
            m3 += v2 * v;
            m4 += v2 * v2;
        }
        m1 /= COUNT;
        m2 /= COUNT;
        m3 /= COUNT;
        m4 /= COUNT;
        // standard errors at n = 2e6: mean 7.1e-4, E x^2 1.0e-3, E x^3 2.7e-3, E x^4 6.9e-3; allow 5 of them
        assertEquals(0, m1, 5 * 7.1e-4, "mean");
        assertEquals(1, m2, 5 * 1.0e-3, "second moment");
        assertEquals(0, m3, 5 * 2.7e-3, "third moment");
        assertEquals(3, m4, 5 * 6.9e-3, "fourth moment");
    }

    @Test
    void kolmogorovSmirnovAgainstTheNormalCdf() {
        for (long seed : new long[] {2, 3}) {
            double[] x = draw(seed, COUNT);
            Arrays.sort(x);
            double d = 0;
            for (int i = 0; i < x.length; i++) {
                double f = normalCdf(x[i]);
                d = Math.max(d, Math.max(f - (double) i / x.length, (i + 1.0) / x.length - f));
            }
            // critical value at p = 0.001: 1.95 / sqrt(n)
            assertTrue(d * Math.sqrt(x.length) < 1.95, "KS sqrt(n) D = " + d * Math.sqrt(x.length));
        }
    }

    @Test
    void chiSquareOverBinsIncludingTheTails() {
        // 64 equiprobable bins between -3.654 and 3.654, plus the two tails beyond
        double[] edges = new double[65];
        edges[0] = -3.6541528853610088;
        edges[64] = 3.6541528853610088;
        double lo = normalCdf(edges[0]);
        for (int b = 1; b < 64; b++) {
            edges[b] = inverse(lo + (1 - 2 * lo) * b / 64.0);
        }
        int n = 4_000_000;
        double[] x = draw(4, n);
        long[] counts = new long[66];
        for (double v : x) {
            int b = Arrays.binarySearch(edges, v);
            counts[b >= 0 ? b + 1 : -b - 1]++;
        }
        double chi2 = 0;
        for (int b = 0; b < 66; b++) {
            double p = b == 0 ? normalCdf(edges[0])
                    : b == 65 ? 1 - normalCdf(edges[64])
                    : normalCdf(edges[b]) - normalCdf(edges[b - 1]);
            double expected = p * n;
            chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
        }
        // 65 degrees of freedom: the 0.999 quantile is 106.0
        assertTrue(chi2 < 106.0, "chi-square " + chi2 + " over 66 bins");
        assertTrue(counts[0] > 400 && counts[65] > 400, "both tails are sampled: " + counts[0] + ", " + counts[65]);
    }

    @Test
    void sameSourceStateGivesTheSameNormals() {
        assertArrayEquals(draw(5, 10_000), draw(5, 10_000));
        assertFalse(Arrays.equals(draw(5, 10_000), draw(6, 10_000)));
        NormalSampler one = NormalSampler.from(new SplittableRandom(7));
        NormalSampler other = NormalSampler.from(new SplittableRandom(7));
        double[] filled = new double[1000];
        other.fill(filled, 0, filled.length);
        for (double v : filled) {
            assertEquals(v, one.next());
        }
        SplittableRandom source = new SplittableRandom(8);
        NormalSampler s = NormalSampler.from(source);
        SplittableRandom copy = new SplittableRandom(8);
        copy.nextLong();
        assertEquals(copy.nextLong(), source.nextLong(), "reseeding takes exactly one nextLong()");
        s.reseed(new SplittableRandom(7));
        assertEquals(NormalSampler.from(new SplittableRandom(7)).next(), s.next());
    }

    @Test
    void theBuildUsesTheVectorKernelAndItGivesTheScalarKernelsBits() {
        assertTrue(NormalBlocks.vectorModuleResolved(), "surefire and the launcher pass --add-modules jdk.incubator.vector");
        // on a CPU without 256-bit vectors the scalar kernel draws by design (the Vector API would emulate them)
        assumeTrue(VectorWidth.usable(), "this CPU has no 256-bit vectors: the scalar kernel draws");
        NormalBlocks fastest = NormalBlocks.fastest();
        assertEquals("vector", fastest.name(), "the vector kernel where the module and the lanes are there");
        NormalSampler vector = new NormalSampler(fastest);
        NormalSampler scalar = new NormalSampler(new NormalBlocks.Scalar());
        float[] a = new float[1 << 18];
        float[] b = new float[a.length];
        for (long seed : new long[] {0, 1, -1, 0x5DEECE66DL}) {
            vector.setState(seed);
            scalar.setState(seed);
            vector.fill(a, 0, a.length);
            scalar.fill(b, 0, b.length);
            for (int e = 0; e < a.length; e++) {
                assertEquals(Float.floatToRawIntBits(b[e]), Float.floatToRawIntBits(a[e]), "seed " + seed + ", value " + e);
            }
        }
    }

    @Test
    void valuesAreTheTransformOfTheirUniformsToAboutAnUlp() {
        // xoshiro128** written out plainly, with its multiplications, and Box-Muller in float64
        long z = 99;
        int[][] lanes = new int[8][4];
        for (int[] lane : lanes) {
            long low = mix(z += 0x9E3779B97F4A7C15L);
            long high = mix(z += 0x9E3779B97F4A7C15L);
            lane[0] = (int) low;
            lane[1] = (int) (low >>> 32);
            lane[2] = (int) high;
            lane[3] = (int) (high >>> 32);
        }
        NormalSampler s = new NormalSampler();
        s.setState(99);
        float[] got = new float[16];
        double worst = 0;
        for (int block = 0; block < 200_000; block++) {
            s.fill(got, 0, 16);
            for (int l = 0; l < 8; l++) {
                int u1Bits = xoshiro128StarStar(lanes[l]);
                int u2Bits = xoshiro128StarStar(lanes[l]);
                double radius = Math.sqrt(-2 * Math.log(((u1Bits >>> 8) + 1) * 0x1.0p-24));
                double theta = 2 * Math.PI * ((u2Bits >>> 8) * 0x1.0p-24);
                double[] expected = {radius * Math.cos(theta), radius * Math.sin(theta)};
                for (int half = 0; half < 2; half++) {
                    double e = expected[half];
                    double error = Math.abs(got[half * 8 + l] - e) / Math.ulp((float) Math.max(Math.abs(e), 1e-3));
                    worst = Math.max(worst, error);
                }
            }
        }
        assertTrue(worst < 4, "largest error " + worst + " ulp (values below 1e-3 against the ulp of 1e-3)");
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int xoshiro128StarStar(int[] s) {
        int result = Integer.rotateLeft(s[1] * 5, 7) * 9;
        int t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = Integer.rotateLeft(s[3], 11);
        return result;
    }

    @Test
    void noValueLiesBeyondWhatTwentyFourBitUniformsReach() {
        double bound = Math.sqrt(48 * Math.log(2));
        double largest = 0;
        for (double v : draw(9, COUNT)) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest <= bound && largest > 4.5, "largest |z| " + largest + " of " + COUNT);
    }

    @Test
    void aJvmWithoutTheVectorApiDrawsTheSameBits() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Print.class.getName())
                .redirectErrorStream(true).start();
        String[] printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(0, child.waitFor(), String.join("\n", printed));
        assertEquals(Print.line(new NormalSampler()).replace("vector", "scalar"), printed[0]);
        assertTrue(printed[0].startsWith("scalar "), printed[0]);
        assertTrue(printed[1].startsWith("scalar kernel (") && printed[1].contains("--add-modules jdk.incubator.vector"),
                "tells the user what to change: " + printed[1]);
    }

    /** Prints the kernel and the bits of the first normals of a fixed seed, then the kernel's description (run without --add-modules). */
    public static final class Print {
        public static void main(String[] args) {
            NormalSampler s = new NormalSampler();
            System.out.println(line(s));
            System.out.println(s.kernelDescription());
        }

        static String line(NormalSampler s) {
            s.setState(12345);
            float[] x = new float[200];
            s.fill(x, 0, 3);
            s.fill(x, 3, x.length - 3);
            StringBuilder b = new StringBuilder(s.kernel());
            for (float v : x) {
                b.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
            }
            return b.toString();
        }
    }

    /** Phi(x) = erfc(-x / sqrt 2) / 2. */
    private static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** erfc: the Taylor series of erf below 3 (~1e-13 absolute), Laplace's continued fraction above. */
    private static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 3) {
            double sum = 0;
            double term = x;
            for (int k = 0; k < 200; k++) {
                double add = term / (2 * k + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
                term *= -x * x / (k + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        // Lentz: erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** Phi^-1 by bisection (tests only). */
    private static double inverse(double p) {
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (normalCdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
