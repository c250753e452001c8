package org.dalesweep.task;

/** Converts task timings in ms to whole Euler steps of the network's dt. */
public final class Timing {
    private Timing() {
    }

    /** {@code round(ms / dt)} steps; a 0 ms epoch has no steps. */
    public static int steps(double ms, double dtMs) {
        return (int) Math.round(ms / dtMs);
    }
}
