package org.dalesweep.spark;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.dalesweep.sweep.Refine;
import org.dalesweep.boundary.Bracket;
import org.dalesweep.boundary.Tally;

/**
 * The probes of one search (one grid point and arm) as a pure function of what the previous rounds
 * found (DESIGN §5.4): how many seeds (seeds 1..k) each value gets. The first round is the coarse
 * grid; each later round adds the value between the bracket's ends and, at an end whose outcome is
 * mixed, {@code seeds_per_point} more seeds (up to three times as many). Nothing here is stored:
 * a resumed refine re-derives every round from the runs on disk.
 */
public final class Probes {

    /** Most seeds at one value, as a multiple of {@code seeds_per_point}. */
    static final int MAX_SEED_MULTIPLE = 3;

    private Probes() {
    }

    /** The first round: every coarse value with {@code seeds_per_point} seeds. */
    public static NavigableMap<Double, Integer> firstRound(Refine refine) {
        NavigableMap<Double, Integer> planned = new TreeMap<>();
        refine.coarseValues().forEach(v -> planned.put(v, refine.seedsPerPoint()));
        return planned;
    }

    /**
     * The next round's additions (value → the total number of seeds it should now have), empty
     * when the search is done: no completed run yet, censored, or the bracket narrow enough.
     */
    public static NavigableMap<Double, Integer> next(Refine refine, NavigableMap<Double, Integer> planned,
                                                     NavigableMap<Double, Tally> tallies) {
        NavigableMap<Double, Integer> add = new TreeMap<>();
        Bracket b = Bracket.of(tallies);
        if (b == null || b.censored() != null || refine.narrow(b.low(), b.high())) {
            return add;
        }
        double mid = refine.between(b.low(), b.high());
        if (mid > b.low() && mid < b.high() && !planned.containsKey(mid)) {
            add.put(mid, refine.seedsPerPoint());
        }
        int most = MAX_SEED_MULTIPLE * refine.seedsPerPoint();
        for (double end : new double[] {b.low(), b.high()}) {
            Tally t = tallies.get(end);
            int have = planned.getOrDefault(end, 0);
            if (t != null && t.mixed() && have < most) {
                add.put(end, Math.min(most, have + refine.seedsPerPoint()));
            }
        }
        return add;
    }

    /** {@code planned} with the additions merged in (a copy). */
    public static NavigableMap<Double, Integer> merge(NavigableMap<Double, Integer> planned, Map<Double, Integer> add) {
        NavigableMap<Double, Integer> out = new TreeMap<>(planned);
        add.forEach((v, k) -> out.merge(v, k, Math::max));
        return out;
    }
}
