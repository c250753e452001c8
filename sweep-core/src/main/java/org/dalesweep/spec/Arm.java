package org.dalesweep.spec;

/**
 * Which arm of a study a run belongs to (DESIGN §5.2): {@code learned} (alpha trained, W_dale
 * sign-constrained), {@code frozen} (a control with alpha fixed, at 0 or 1 when a sweep adds it),
 * or {@code twin} (alpha trained with W_dale's sign constraint removed, {@code dale_map: none}: the
 * null arm, where whatever alpha does comes from initialisation and optimisation, not from Dale's law).
 */
public enum Arm {
    LEARNED,
    FROZEN,
    TWIN,
    ;

    /** The arm of a resolved spec. */
    public static Arm of(RunSpec spec) {
        if (!spec.alpha().trainable()) {
            return FROZEN;
        }
        return spec.network().daleMap().constrainsSign() ? LEARNED : TWIN;
    }

    /** The name used in YAML, JSON and Parquet: lower snake case. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
