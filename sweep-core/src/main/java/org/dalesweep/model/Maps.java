package org.dalesweep.model;

import org.dalesweep.spec.DaleMap;
import org.dalesweep.spec.Phi;

/**
 * The scalar functions of the network: the rate nonlinearity phi with its derivative expressed
 * through the rate itself (so BPTT stores rates only), and the positivity map f of W_dale and
 * non-negative inputs with its derivative and inverse.
 */
final class Maps {
    private Maps() {
    }

    static double phi(Phi phi, double v) {
        return switch (phi) {
            case RELU -> v > 0 ? v : 0;
            case TANH -> tanh(v);
            case SOFTPLUS -> softplus(v);
        };
    }

    /** phi'(v) written in terms of r = phi(v): relu 1[r > 0], tanh 1 - r^2, softplus 1 - e^-r. */
    static double phiPrimeOfRate(Phi phi, double r) {
        return switch (phi) {
            case RELU -> r > 0 ? 1 : 0;
            case TANH -> 1 - r * r;
            case SOFTPLUS -> oneMinusExpNeg(r);
        };
    }

    static double positive(DaleMap map, double x) {
        return switch (map) {
            case ABS -> Math.abs(x);
            case RELU -> x > 0 ? x : 0;
            case SOFTPLUS -> softplus(x);
            case NONE -> x;
        };
    }

    static double positivePrime(DaleMap map, double x) {
        return switch (map) {
            case ABS -> Math.signum(x);
            case RELU -> x > 0 ? 1 : 0;
            case SOFTPLUS -> sigmoid(x);
            case NONE -> 1;
        };
    }

    /** The map of non-negative inputs: the Dale map, or abs when the Dale map is none (the twin keeps its input constraint). */
    static DaleMap inputMap(DaleMap daleMap) {
        return daleMap.constrainsSign() ? daleMap : DaleMap.ABS;
    }

    /** A raw value x with positive(x) = m, for a magnitude m > 0 ({@code none}: m itself). */
    static double positiveInverse(DaleMap map, double m) {
        if (map != DaleMap.SOFTPLUS) {
            return m;
        }
        return m > 20 ? m + Math.log(-Math.expm1(-m)) : Math.log(Math.expm1(m));
    }

    /*
     * The hot functions use Math.exp and Math.log (JIT intrinsics) rather than tanh, log1p and
     * expm1 (StrictMath calls, several times slower); each is accurate to a few ulps of its
     * result or to ~1e-16 absolute, and its derivative above is that of the same formula.
     */

    /** tanh(x) = sign(x) (1 - e) / (1 + e), e = exp(-2|x|); odd-order series near 0. */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < 0x1p-5) {
            double x2 = x * x;
            return x * (1 - x2 * (1.0 / 3 - x2 * (2.0 / 15 - x2 * (17.0 / 315 - x2 * (62.0 / 2835)))));
        }
        double e = Math.exp(-2 * ax);
        return Math.copySign((1 - e) / (1 + e), x);
    }

    /** softplus(x) = max(x, 0) + ln(1 + exp(-|x|)). */
    static double softplus(double x) {
        return Math.max(x, 0) + log1pSmall(Math.exp(-Math.abs(x)));
    }

    /** ln(1 + e) for e in [0, 1], with Goldberg's correction for the rounding of 1 + e. */
    private static double log1pSmall(double e) {
        double u = 1 + e;
        return u == 1 ? e : Math.log(u) * (e / (u - 1));
    }

    /** 1 - exp(-r) for r >= 0: the sigmoid of v written through r = softplus(v). */
    private static double oneMinusExpNeg(double r) {
        if (r < 0x1p-12) {
            return r * (1 - r * (0.5 - r * (1.0 / 6)));
        }
        return 1 - Math.exp(-r);
    }

    /** The inverse of {@link #sigmoid}, for p in (0, 1). */
    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
