package org.dalesweep.spec;

/** How F starts: an independent Gaussian scaled to rho0, or a copy of W_dale (so W_rec(0) does not depend on alpha.init). */
public enum FreeInit {
    INDEPENDENT,
    COPY,
    ;

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
