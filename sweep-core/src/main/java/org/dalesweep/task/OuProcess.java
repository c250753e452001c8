package org.dalesweep.task;

import java.util.random.RandomGenerator;

/**
 * A stationary Ornstein-Uhlenbeck process sampled at a fixed step: {@code dx = −x/τ dt + …},
 * discretised exactly, {@code x_{t+1} = e^{-dt/τ} x_t + std·sqrt(1 − e^{-2dt/τ}) ξ_t}, started from
 * its stationary law {@code x_0 ~ N(0, std²)}, so every step has mean 0 and standard deviation
 * {@code std} and the lag-one correlation is {@code e^{-dt/τ}} whatever dt.
 */
record OuProcess(double std, double decay) {

    OuProcess {
        if (!(std >= 0) || !(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("OU process: std " + std + ", decay " + decay
                    + " (need std >= 0 and decay in [0, 1))");
        }
    }

    /** The process of stationary std {@code std} and time constant {@code tauMs}, sampled every {@code dtMs}. */
    static OuProcess of(double std, double tauMs, double dtMs) {
        return new OuProcess(std, Math.exp(-dtMs / tauMs));
    }

    /** Fills {@code x[0..steps)} with one path drawn from {@code rng}. */
    void path(double[] x, int steps, RandomGenerator rng) {
        double innovation = std * Math.sqrt(1 - decay * decay);
        double v = std * rng.nextGaussian();
        for (int t = 0; t < steps; t++) {
            x[t] = v;
            v = decay * v + innovation * rng.nextGaussian();
        }
    }
}
