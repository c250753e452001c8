package org.dalesweep.spark;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a sweep's output after a {@code run}: how many of its runs are present, how many
 * this invocation trained, per status (in name order) the run count and mean final alpha (NaN when
 * none), and the training seconds the present runs recorded, summed (measured inside their tasks).
 */
public record SweepSummary(String output, int planned, int trainedNow, int present,
                           Map<String, Integer> statusCounts, Map<String, Double> meanAlphaFinal,
                           double trainingSeconds) {

    public SweepSummary {
        statusCounts = Collections.unmodifiableSortedMap(new TreeMap<>(statusCounts));
        meanAlphaFinal = Collections.unmodifiableSortedMap(new TreeMap<>(meanAlphaFinal));
    }

    /** True when every planned run is in the output. */
    public boolean complete() {
        return present == planned;
    }
}
