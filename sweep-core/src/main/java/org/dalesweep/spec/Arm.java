package org.dalesweep.spec;

import java.util.Locale;

/**
 * The arm of the study a run is in (DESIGN §5.2), read off its spec by {@link RunSpec#arm}:
 * {@code learned} (alpha trains, W_dale is sign-constrained), {@code frozen} (a control: alpha
 * does not train) or {@code twin} (alpha trains, but W_dale's map is {@code none}, so it is not
 * sign-constrained: what alpha does without Dale's law).
 */
public enum Arm {
    LEARNED,
    FROZEN,
    TWIN,
    ;

    /** The rule, in this one place: frozen alpha first, then an unconstrained W_dale. */
    static Arm of(RunSpec spec) {
        if (!spec.alpha().trainable()) {
            return FROZEN;
        }
        return spec.network().daleMap() == DaleMap.NONE ? TWIN : LEARNED;
    }

    /** The name in the {@code arm} column: lower case. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
