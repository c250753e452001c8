package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ziggurat sampler against N(0, 1): moments, Kolmogorov-Smirnov, tail and bin counts; and its determinism. */
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
        // 64 equiprobable bins between -R and R, plus the two tails beyond the ziggurat's R = 3.654
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
        assertTrue(counts[0] > 400 && counts[65] > 400, "both tails beyond R are sampled: " + counts[0] + ", " + counts[65]);
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
    void zigguratLayersAllHaveTheAreaVAndTheTopOneEndsAtTheMode() {
        double[] x = NormalSampler.X;
        int n = NormalSampler.LAYERS;
        double tail = Math.sqrt(Math.PI / 2) * erfc(NormalSampler.R / Math.sqrt(2));
        assertEquals(NormalSampler.V, NormalSampler.R * f(NormalSampler.R) + tail, 1e-13, "V = R f(R) + tail (erfc here good to ~1e-13)");
        assertEquals(NormalSampler.V, x[0] * f(NormalSampler.R), 1e-15, "base layer");
        for (int i = 1; i < n - 1; i++) {
            assertEquals(NormalSampler.V, x[i] * (f(x[i + 1]) - f(x[i])), 1e-13, "layer " + i);
        }
        assertEquals(1, NormalSampler.V / x[n - 1] + f(x[n - 1]), 1e-12, "the top layer reaches f = 1");
    }

    private static double f(double x) {
        return Math.exp(-0.5 * x * x);
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
