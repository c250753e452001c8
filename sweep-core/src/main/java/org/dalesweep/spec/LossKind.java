package org.dalesweep.spec;

/** The task loss: masked mean squared error, or cross-entropy on the response steps. */
public enum LossKind {
    MSE,
    CROSS_ENTROPY,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
