package org.dalesweep.spec;

/** Input weights unconstrained, or non-negative (through the Dale positivity map). */
public enum InputSign {
    FREE,
    NONNEG,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
