package org.dalesweep.spec;

/** Initial magnitudes of R: pycog's Gamma(2), PsychRNN's Gaussian, or Li et al.'s ColEI exponential; all balanced and scaled to rho0. */
public enum DaleInit {
    GAMMA_BALANCED,
    GAUSSIAN_BALANCED,
    COLEI,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
