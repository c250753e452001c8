package org.dalesweep.spec;

/** What the L2 weight penalty is taken on: the effective W_rec, or W_dale and W_free separately. */
public enum WeightL2On {
    EFFECTIVE,
    SEPARATE,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
