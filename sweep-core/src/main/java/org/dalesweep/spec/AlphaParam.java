package org.dalesweep.spec;

/** How alpha is parametrised: alpha = sigmoid(theta), or alpha itself projected onto [0,1] after each step. */
public enum AlphaParam {
    SIGMOID,
    CLIP,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
