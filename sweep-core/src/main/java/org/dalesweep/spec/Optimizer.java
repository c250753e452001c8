package org.dalesweep.spec;

/**
 * The weights' optimiser: Adam (Kingma &amp; Ba, as PyTorch implements it) or SGD with optional
 * momentum (PyTorch's form), both after global-norm clipping. alpha always has its own Adam
 * ({@code alpha.learning_rate}), outside the weights' clipping.
 */
public enum Optimizer {
    ADAM,
    SGD,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
