package org.dalesweep.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The rate network of DESIGN §1: size, E/I split, time constants ({@code k = dt/tau} per unit),
 * noise, nonlinearity, how W_dale and W_free are built and started, input/readout constraints,
 * and how a step integrates the leak and the noise.
 */
public record NetworkSpec(
        int units,
        double eFraction,
        @JsonProperty("tau_e_ms") double tauEMs,
        double tauRatio,
        double dtMs,
        double sigmaRec,
        Phi phi,
        DaleMap daleMap,
        DaleInit daleInit,
        double rho0,
        FreeInit freeInit,
        ConnectivitySpec connectivity,
        InputSign inputSign,
        ReadoutFrom readoutFrom,
        Integrator integrator) {

    public NetworkSpec {
        Checks c = new Checks("network")
                .require(units >= 2, "units", units, "must be an integer >= 2")
                .within("e_fraction", eFraction, 0, 1)
                .positive("tau_e_ms", tauEMs)
                .positive("tau_ratio", tauRatio)
                .positive("dt_ms", dtMs)
                .nonNegative("sigma_rec", sigmaRec)
                .positive("rho0", rho0)
                .notNull("phi", phi)
                .notNull("dale_map", daleMap)
                .notNull("dale_init", daleInit)
                .notNull("free_init", freeInit)
                .notNull("connectivity", connectivity)
                .notNull("input_sign", inputSign)
                .notNull("readout_from", readoutFrom)
                .notNull("integrator", integrator);
        if (tauEMs > 0 && tauRatio > 0 && dtMs > 0) {
            c.require(dtMs <= Math.min(tauEMs, tauEMs * tauRatio), "dt_ms", dtMs,
                    "must not exceed the shorter time constant (k = dt/tau <= 1), tau_e_ms = "
                            + SpecValues.number(tauEMs) + ", tau_i = " + SpecValues.number(tauEMs * tauRatio));
        }
        if (units >= 2 && eFraction >= 0 && eFraction <= 1) {
            int nE = (int) Math.round(eFraction * units);
            c.require(nE >= 1, "e_fraction", eFraction, "must leave at least one excitatory unit");
            if (readoutFrom == ReadoutFrom.EXCITATORY) {
                c.require(nE >= 1, "readout_from", readoutFrom, "needs excitatory units");
            }
        }
        c.done();
    }

    /** This network with another positivity map: {@code none} gives the twin arm's network. */
    public NetworkSpec withDaleMap(DaleMap map) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, map, daleInit, rho0, freeInit,
                connectivity, inputSign, readoutFrom, integrator);
    }

    /** Number of excitatory units: the first {@code round(e_fraction * units)}. */
    public int excitatory() {
        return (int) Math.round(eFraction * units);
    }

    /** Inhibitory time constant in ms. */
    public double tauIMs() {
        return tauEMs * tauRatio;
    }
}
