package org.dalesweep.sweep;

import java.util.Locale;

/**
 * A control arm a sweep adds to every learned grid point (DESIGN §5.2): {@code frozen}, the same
 * point with alpha frozen at 0 and at 1 (pure free and pure Dale), and {@code twin}, the same point
 * and seed with W_dale's sign constraint removed ({@code network.dale_map: none}), the null arm.
 */
public enum Control {
    FROZEN,
    TWIN,
    ;

    /** The name used in sweep files: lower case. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
