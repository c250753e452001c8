package org.dalesweep.model;

import org.dalesweep.spec.Integrator;
import org.dalesweep.spec.NetworkSpec;

/**
 * The per-unit coefficients of one time step (DESIGN §1.2), in the form every step uses,
 * {@code v += gain_i (h + noise_i xi - v)}, with {@code k_i = dt / tau_i}:
 *
 * <pre>
 *   exact:  gain_i = 1 - e^{-k_i},  gain_i noise_i = sigma_rec sqrt(1 - e^{-2 k_i})
 *   euler:  gain_i = k_i,           gain_i noise_i = sigma_rec sqrt(2 k_i)
 * </pre>
 *
 * <p>Under {@code exact} an isolated unit (h = 0) has stationary variance sigma_rec^2 whatever its
 * time constant; under {@code euler} 2 sigma_rec^2 / (2 - k_i). The backward pass of BPTT uses the
 * same gains, so both integrators have exact gradients.
 */
record UnitDynamics(double[] gain, double[] noise) {

    /** The coefficients of a network's units: the first {@link NetworkSpec#excitatory()} have tau_E, the rest tau_I. */
    static UnitDynamics of(NetworkSpec net) {
        int n = net.units();
        double[] gain = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            double k = net.dtMs() / (i < net.excitatory() ? net.tauEMs() : net.tauIMs());
            if (net.integrator() == Integrator.EXACT) {
                gain[i] = -Math.expm1(-k);
                noise[i] = net.sigmaRec() * Math.sqrt(-Math.expm1(-2 * k)) / gain[i];
            } else {
                gain[i] = k;
                noise[i] = net.sigmaRec() * Math.sqrt(2 / k);
            }
        }
        return new UnitDynamics(gain, noise);
    }
}
