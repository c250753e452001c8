package org.dalesweep.spec;

/**
 * The positivity map f in W_dale = M * (f(R) D): abs, relu (Song et al. 2016) or softplus.
 * {@code none} removes the sign constraint (f(R) = R): W_dale starts as the same Dale matrix but
 * its entries may change sign in training. It is the map of the twin arm (DESIGN §5.2), the
 * null that shows what alpha does without Dale's law.
 */
public enum DaleMap {
    ABS,
    RELU,
    SOFTPLUS,
    NONE,
    ;

    /** True when W_dale's columns keep their sign in training. */
    public boolean constrainsSign() {
        return this != NONE;
    }

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
