package org.dalesweep.sweep;

import java.util.Objects;
import org.dalesweep.spec.RunSpec;

/**
 * One run of an expanded sweep: its id (the hash of its canonical spec), the resolved spec, and
 * whether it is a frozen-alpha control added by {@code controls: true}.
 */
public record PlannedRun(String runId, RunSpec spec, boolean control) {

    public PlannedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(spec, "spec");
    }
}
