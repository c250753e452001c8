package org.dalesweep.spark;

import java.util.List;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;

/** Results the sweep makes itself, when a run could not produce its own. */
final class RunResults {
    private RunResults() {
    }

    /** A FAILED run with nothing measured: every figure NaN, no trajectory, no parameters. */
    static RunResult failed(String runId, RunSpec spec, String toolVersion, String message, double seconds) {
        double nan = Double.NaN;
        return new RunResult(runId, spec, toolVersion, RunStatus.FAILED, message, "failed", 0, seconds,
                spec.alpha().init(), nan, nan, nan, nan, nan, List.of(), nan, nan, nan, nan, nan, nan, nan,
                nan, nan, nan, nan, List.of(), List.of(), org.dalesweep.train.PressureSummary.NONE, nan);
    }

    /** A throwable as one line: its class, message and the first cause. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            sb.append(": ").append(t.getMessage());
        }
        if (t.getCause() != null && t.getCause() != t) {
            sb.append(" (caused by ").append(t.getCause().getClass().getSimpleName());
            if (t.getCause().getMessage() != null) {
                sb.append(": ").append(t.getCause().getMessage());
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
