package org.dalesweep.model;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.ConnectivitySpec;
import org.dalesweep.spec.FreeInit;
import org.dalesweep.spec.InputSign;
import org.dalesweep.spec.NetworkSpec;

/**
 * The initialisation of DESIGN §1.3, filling a network's tensors from its init stream. Each
 * stage draws from the stream, so {@link RateRnn} calls them in the order of §1.3: {@link #mask},
 * {@link #recurrent} (W_dale magnitudes, then F), {@link #input}, {@link #readout}, then
 * {@link #alpha} (which draws nothing). Matrices are N x N column-major, as in {@link RateRnn}.
 */
final class Initialiser {
    private final NetworkSpec net;
    private final int units;
    private final int excitatory;
    private final RandomGenerator rng;

    Initialiser(NetworkSpec net, RandomGenerator rng) {
        this.net = net;
        this.units = net.units();
        this.excitatory = net.excitatory();
        this.rng = rng;
    }

    /** The connectivity mask M (1 or 0) by the connection probabilities; no autapses unless allowed. */
    void mask(double[] mask) {
        int n = units;
        ConnectivitySpec conn = net.connectivity();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double p = probability(conn, i, j);
                boolean present = p >= 1 || (p > 0 && rng.nextDouble() < p);
                mask[j * n + i] = present && (i != j || conn.autapses()) ? 1 : 0;
            }
        }
    }

    /**
     * R (the raw W_dale, through f^-1 of the magnitudes) and F on {@code mask}: magnitudes of
     * {@code dale_init}, balanced per postsynaptic type and scaled to rho0, then F by
     * {@code free_init}; with {@code matched}, both scaled at the end so that the mixture at
     * {@code alphaInit} has radius rho0.
     */
    void recurrent(double[] mask, double alphaInit, double[] wDaleRaw, double[] wFree) {
        int n = units;
        ConnectivitySpec conn = net.connectivity();
        // W_dale magnitudes, balanced per postsynaptic type, masked, scaled to rho0.
        double[] iScale = {balance(conn, true), balance(conn, false)};
        double[] magnitude = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int idx = j * n + i;
                if (mask[idx] == 0) {
                    continue;
                }
                double m = switch (net.daleInit()) {
                    case GAMMA_BALANCED -> rng.nextExponential() + rng.nextExponential();
                    case GAUSSIAN_BALANCED -> Math.abs(rng.nextGaussian());
                    case COLEI -> rng.nextExponential();
                };
                magnitude[idx] = j < excitatory ? m : m * iScale[i < excitatory ? 0 : 1];
            }
        }
        double[] signed = new double[n * n];
        for (int idx = 0; idx < n * n; idx++) {
            signed[idx] = magnitude[idx] * (idx / n < excitatory ? 1 : -1);
        }
        double daleScale = scaleTo(signed, net.rho0());
        for (int idx = 0; idx < n * n; idx++) {
            magnitude[idx] *= daleScale;
            signed[idx] *= daleScale;
        }
        raw(magnitude, wDaleRaw);

        if (net.freeInit() == FreeInit.COPY) {
            System.arraycopy(signed, 0, wFree, 0, n * n);
        } else {
            for (int idx = 0; idx < n * n; idx++) {
                wFree[idx] = mask[idx] == 0 ? 0 : rng.nextGaussian();
            }
            double freeScale = net.freeInit() == FreeInit.MATCHED
                    ? frobenius(signed) / frobenius(wFree)
                    : scaleTo(wFree, net.rho0());
            for (int idx = 0; idx < n * n; idx++) {
                wFree[idx] *= freeScale;
            }
        }
        if (net.freeInit() == FreeInit.MATCHED) {
            // W_dale at rho0 and F at its norm: now scale both so that the mixture starts at rho0
            double[] mixed = new double[n * n];
            for (int idx = 0; idx < n * n; idx++) {
                mixed[idx] = alphaInit * signed[idx] + (1 - alphaInit) * wFree[idx];
            }
            double together = scaleTo(mixed, net.rho0());
            for (int idx = 0; idx < n * n; idx++) {
                magnitude[idx] *= together;
                wFree[idx] *= together;
            }
            raw(magnitude, wDaleRaw);
        }
    }

    /** R = f^-1 of the magnitudes where they are positive, 0 elsewhere. */
    private void raw(double[] magnitude, double[] wDaleRaw) {
        for (int idx = 0; idx < magnitude.length; idx++) {
            wDaleRaw[idx] = magnitude[idx] > 0 ? Maps.positiveInverse(net.daleMap(), magnitude[idx]) : 0;
        }
    }

    /** W_in, N x n_in: N(0, 1/n_in), non-negative inputs as f^-1 of the magnitude. */
    void input(double[] wIn, int inputCount) {
        double inGain = 1 / Math.sqrt(inputCount);
        boolean nonneg = net.inputSign() == InputSign.NONNEG;
        for (int idx = 0; idx < wIn.length; idx++) {
            double g = rng.nextGaussian() * inGain;
            wIn[idx] = nonneg ? Maps.positiveInverse(Maps.inputMap(net.daleMap()), Math.abs(g)) : g;
        }
    }

    /** W_out, n_out x N: N(0, 1/n_seen) on the units {@code readout} sees (1), 0 elsewhere. */
    void readout(double[] readout, double[] wOut, int outputCount) {
        int seen = 0;
        for (double r : readout) {
            seen += (int) r;
        }
        double outGain = 1 / Math.sqrt(seen);
        for (int j = 0; j < units; j++) {
            for (int c = 0; c < outputCount; c++) {
                wOut[j * outputCount + c] = readout[j] == 0 ? 0 : rng.nextGaussian() * outGain;
            }
        }
    }

    /** Every alpha entry at alpha_init: theta = logit(alpha_init) for a trained sigmoid, alpha_init itself otherwise. */
    static void alpha(double[] alphaParam, double alphaInit, boolean sigmoid) {
        Arrays.fill(alphaParam, sigmoid ? Maps.logit(alphaInit) : alphaInit);
    }

    /** Connection probability from presynaptic j to postsynaptic i. */
    private double probability(ConnectivitySpec c, int i, int j) {
        boolean postE = i < excitatory;
        boolean preE = j < excitatory;
        if (postE) {
            return preE ? c.pEE() : c.pEI();
        }
        return preE ? c.pIE() : c.pII();
    }

    /**
     * Factor on inhibitory magnitudes into a postsynaptic unit of the given type so that its
     * expected E input equals its expected I input: (expected E partners) / (expected I partners),
     * counting the missing autapse. 1 when either count is zero (nothing to balance).
     */
    private double balance(ConnectivitySpec c, boolean postExcitatory) {
        int inhibitory = units - excitatory;
        boolean noAutapse = !c.autapses();
        double ePartners = (excitatory - (postExcitatory && noAutapse ? 1 : 0)) * (postExcitatory ? c.pEE() : c.pIE());
        double iPartners = (inhibitory - (!postExcitatory && noAutapse ? 1 : 0)) * (postExcitatory ? c.pEI() : c.pII());
        return ePartners > 0 && iPartners > 0 ? ePartners / iPartners : 1;
    }

    private static double frobenius(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Factor that brings the spectral radius of column-major {@code w} to {@code rho0} (1 if it is 0). */
    private double scaleTo(double[] w, double rho0) {
        double rho = Spectra.spectralRadius(Spectra.rows(w, units));
        return rho > 0 ? rho0 / rho : 1;
    }
}
