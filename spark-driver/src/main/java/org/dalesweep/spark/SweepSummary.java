package org.dalesweep.spark;

import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a sweep's output after a {@code run}: how many of its runs are present, how many
 * this invocation trained, and per status the run count and mean final alpha (NaN when none).
 */
public record SweepSummary(String output, int planned, int trainedNow, int present,
                           Map<String, Integer> statusCounts, Map<String, Double> meanAlphaFinal) {

    public SweepSummary {
        statusCounts = Map.copyOf(new TreeMap<>(statusCounts));
        meanAlphaFinal = Map.copyOf(new TreeMap<>(meanAlphaFinal));
    }

    /** True when every planned run is in the output. */
    public boolean complete() {
        return present == planned;
    }
}
