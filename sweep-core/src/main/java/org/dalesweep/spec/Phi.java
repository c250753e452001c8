package org.dalesweep.spec;

/** The rate nonlinearity phi(v). */
public enum Phi {
    RELU,
    TANH,
    SOFTPLUS,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
