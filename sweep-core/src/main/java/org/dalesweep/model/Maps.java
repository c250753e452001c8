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
            case TANH -> Math.tanh(v);
            case SOFTPLUS -> softplus(v);
        };
    }

    /** phi'(v) written in terms of r = phi(v): relu 1[r > 0], tanh 1 - r^2, softplus 1 - e^-r. */
    static double phiPrimeOfRate(Phi phi, double r) {
        return switch (phi) {
            case RELU -> r > 0 ? 1 : 0;
            case TANH -> 1 - r * r;
            case SOFTPLUS -> -Math.expm1(-r);
        };
    }

    static double positive(DaleMap map, double x) {
        return switch (map) {
            case ABS -> Math.abs(x);
            case RELU -> x > 0 ? x : 0;
            case SOFTPLUS -> softplus(x);
        };
    }

    static double positivePrime(DaleMap map, double x) {
        return switch (map) {
            case ABS -> Math.signum(x);
            case RELU -> x > 0 ? 1 : 0;
            case SOFTPLUS -> sigmoid(x);
        };
    }

    /** A raw value x with positive(x) = m, for a magnitude m > 0. */
    static double positiveInverse(DaleMap map, double m) {
        if (map != DaleMap.SOFTPLUS) {
            return m;
        }
        return m > 20 ? m + Math.log(-Math.expm1(-m)) : Math.log(Math.expm1(m));
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
