package org.dalesweep.task;

import org.dalesweep.spec.TaskParam;

/** Converts task timings in ms to whole Euler steps of the network's dt, and noise densities to per-step stds. */
public final class Timing {
    private Timing() {
    }

    /** {@code round(ms / dt)} steps; a 0 ms epoch has no steps. */
    public static int steps(double ms, double dtMs) {
        return (int) Math.round(ms / dtMs);
    }

    /**
     * The per-step std of white input noise of density {@code sigma} (units·sqrt(ms)), NeuroGym's
     * convention {@code sigma / sqrt(dt)}: the noise of an integral over a fixed time does not depend
     * on dt, so a task is equally hard at every step size.
     */
    public static double noiseStd(double sigma, double dtMs) {
        return sigma / Math.sqrt(dtMs);
    }

    /** {@code task.sigma_in}: the density {@link #noiseStd} converts, on the input channels {@code where} names. */
    static TaskParam sigmaIn(double defaultValue, String where) {
        return TaskParam.number("sigma_in", defaultValue,
                "input noise density: per-step std sigma_in/sqrt(dt/ms) on " + where, 0, 100);
    }
}
