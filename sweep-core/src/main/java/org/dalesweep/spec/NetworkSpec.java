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

    /** Every default of the section, in this one place; {@code with…} gives a spec that differs in one key. */
    public static final NetworkSpec DEFAULT = new NetworkSpec(
            64,                        // units
            0.8,                       // e_fraction
            100,                       // tau_e_ms
            1.0,                       // tau_ratio
            20,                        // dt_ms
            0.15,                      // sigma_rec
            Phi.RELU,                  // phi
            DaleMap.ABS,               // dale_map
            DaleInit.GAMMA_BALANCED,   // dale_init
            1.5,                       // rho0
            FreeInit.MATCHED,          // free_init
            ConnectivitySpec.DEFAULT,  // connectivity
            InputSign.FREE,            // input_sign
            ReadoutFrom.ALL,           // readout_from
            Integrator.EXACT);         // integrator

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

    /** Number of excitatory units: the first {@code round(e_fraction * units)}. */
    public int excitatory() {
        return (int) Math.round(eFraction * units);
    }

    /** Inhibitory time constant in ms. */
    public double tauIMs() {
        return tauEMs * tauRatio;
    }

    public NetworkSpec withUnits(int value) {
        return new NetworkSpec(value, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, rho0,
                freeInit, connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withEFraction(double value) {
        return new NetworkSpec(units, value, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, rho0, freeInit,
                connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withTauEMs(double value) {
        return new NetworkSpec(units, eFraction, value, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, rho0,
                freeInit, connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withTauRatio(double value) {
        return new NetworkSpec(units, eFraction, tauEMs, value, dtMs, sigmaRec, phi, daleMap, daleInit, rho0, freeInit,
                connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withDtMs(double value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, value, sigmaRec, phi, daleMap, daleInit, rho0,
                freeInit, connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withSigmaRec(double value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, value, phi, daleMap, daleInit, rho0, freeInit,
                connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withPhi(Phi value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, value, daleMap, daleInit, rho0,
                freeInit, connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withDaleMap(DaleMap value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, value, daleInit, rho0, freeInit,
                connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withDaleInit(DaleInit value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, value, rho0, freeInit,
                connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withRho0(double value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, value,
                freeInit, connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withFreeInit(FreeInit value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, rho0, value,
                connectivity, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withConnectivity(ConnectivitySpec value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, rho0,
                freeInit, value, inputSign, readoutFrom, integrator);
    }

    public NetworkSpec withInputSign(InputSign value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, rho0,
                freeInit, connectivity, value, readoutFrom, integrator);
    }

    public NetworkSpec withReadoutFrom(ReadoutFrom value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, rho0,
                freeInit, connectivity, inputSign, value, integrator);
    }

    public NetworkSpec withIntegrator(Integrator value) {
        return new NetworkSpec(units, eFraction, tauEMs, tauRatio, dtMs, sigmaRec, phi, daleMap, daleInit, rho0,
                freeInit, connectivity, inputSign, readoutFrom, value);
    }
}
