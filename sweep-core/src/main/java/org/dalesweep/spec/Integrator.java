package org.dalesweep.spec;

/**
 * How a step of length dt integrates the leak and the recurrent noise (DESIGN §1.2).
 * {@code exact}: the leak and the noise of a step integrated exactly for a drive held constant
 * over the step (decay e^{-k}, drive gain 1 - e^{-k}, noise gain sigma sqrt(1 - e^{-2k})), so an
 * isolated unit's stationary variance is sigma^2 whatever its time constant. {@code euler}: the
 * forward Euler step of pycog and PsychRNN (decay 1 - k, noise sqrt(2k) sigma), whose stationary
 * variance 2 sigma^2 / (2 - k) grows with k = dt / tau.
 */
public enum Integrator {
    EXACT,
    EULER,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
