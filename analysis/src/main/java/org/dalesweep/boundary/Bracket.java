package org.dalesweep.boundary;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Where the fraction satisfying {@code until} crosses one half among the probed values: {@code high}
 * the smallest value with a fraction ≥ 1/2, {@code low} the largest probed value below it.
 * {@code censored} is {@code below} when even the lowest probed value satisfies (no low),
 * {@code above} when no probed value does (no high: {@code low} is the highest probed), else null.
 */
public record Bracket(Double low, Double high, String censored) {

    public static final String BELOW = "below";
    public static final String ABOVE = "above";

    /** The bracket of a search's tallies (values without a completed run are ignored); null when there is none. */
    public static Bracket of(NavigableMap<Double, Tally> tallies) {
        Double first = null;
        Double last = null;
        Double high = null;
        for (Map.Entry<Double, Tally> e : tallies.entrySet()) {
            if (e.getValue().n() == 0) {
                continue;
            }
            first = first == null ? e.getKey() : first;
            last = e.getKey();
            if (high == null && e.getValue().fraction() >= 0.5) {
                high = e.getKey();
            }
        }
        if (first == null) {
            return null;
        }
        if (high == null) {
            return new Bracket(last, null, ABOVE);
        }
        if (high.equals(first)) {
            return new Bracket(null, high, BELOW);
        }
        Double low = null;
        for (Map.Entry<Double, Tally> e : tallies.headMap(high, false).descendingMap().entrySet()) {
            if (e.getValue().n() > 0) {
                low = e.getKey();
                break;
            }
        }
        return new Bracket(low, high, null);
    }
}
