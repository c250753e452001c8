package org.dalesweep.spec;

/**
 * How F starts (DESIGN §1.3). {@code matched}: a Gaussian F with the Frobenius norm of W_dale, then
 * both scaled together so that W_rec(0) = alpha_init W_dale + (1 - alpha_init) W_free has spectral
 * radius rho0 whatever alpha_init; {@code independent}: a Gaussian scaled on its own to rho0 (W_dale
 * likewise), so W_rec(0)'s radius and the two matrices' norms depend on alpha_init and the seed;
 * {@code copy}: F starts equal to W_dale (W_rec(0) does not depend on alpha_init).
 */
public enum FreeInit {
    MATCHED,
    INDEPENDENT,
    COPY,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
