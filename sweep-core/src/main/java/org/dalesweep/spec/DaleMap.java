package org.dalesweep.spec;

/** The positivity map f in W_dale = M * (f(R) D): abs, relu (Song et al. 2016) or softplus. */
public enum DaleMap {
    ABS,
    RELU,
    SOFTPLUS,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
