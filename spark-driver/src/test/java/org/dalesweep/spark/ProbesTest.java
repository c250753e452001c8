package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.dalesweep.sweep.Refine;
import org.dalesweep.boundary.Bracket;
import org.dalesweep.boundary.Tally;
import org.junit.jupiter.api.Test;

/** How a search chooses its probes from what earlier rounds found (DESIGN §5.4). */
class ProbesTest {

    private static final Refine LOG = new Refine("loss.mixed_cost", 0, 1, Refine.Scale.LOG, "alpha_final >= 0.9", 0.2, 3, 6);

    private static NavigableMap<Double, Tally> tallies(double... valueHitsN) {
        NavigableMap<Double, Tally> t = new TreeMap<>();
        for (int i = 0; i < valueHitsN.length; i += 3) {
            t.put(valueHitsN[i], new Tally((int) valueHitsN[i + 2], (int) valueHitsN[i + 1]));
        }
        return t;
    }

    private static NavigableMap<Double, Integer> planned(NavigableMap<Double, Tally> t) {
        NavigableMap<Double, Integer> p = new TreeMap<>();
        t.forEach((v, x) -> p.put(v, x.n()));
        return p;
    }

    @Test
    void theFirstRoundIsTheCoarseGridWithSeedsPerPoint() {
        assertEquals(Map.of(0.0, 3, 0.001, 3, 0.01, 3, 0.1, 3, 1.0, 3), Probes.firstRound(LOG));
        Refine fromLow = new Refine("loss.mixed_cost", 0.001, 10, Refine.Scale.LOG, "x", 0.2, 2, 6);
        assertEquals(5, fromLow.coarseValues().size());
        assertEquals(0.01, fromLow.coarseValues().get(1), 1e-15);
        Refine linear = new Refine("network.tau_ratio", 0.5, 2.5, Refine.Scale.LINEAR, "x", 0.1, 2, 6);
        assertEquals(java.util.List.of(0.5, 1.0, 1.5, 2.0, 2.5), linear.coarseValues());
    }

    @Test
    void aBracketedCrossingIsBisectedOnTheLogAxis() {
        NavigableMap<Double, Tally> t = tallies(0, 0, 3, 0.001, 0, 3, 0.01, 0, 3, 0.1, 3, 3, 1, 3, 3);
        NavigableMap<Double, Integer> add = Probes.next(LOG, planned(t), t);
        assertEquals(1, add.size());
        assertEquals(Math.sqrt(0.01 * 0.1), add.firstKey(), 1e-15);
        assertEquals(3, add.firstEntry().getValue());
        assertEquals(new Bracket(0.01, 0.1, null), Bracket.of(t));
    }

    @Test
    void aMixedEndOfTheBracketGetsMoreSeeds() {
        NavigableMap<Double, Tally> t = tallies(0, 0, 3, 0.01, 1, 3, 0.1, 2, 3);
        NavigableMap<Double, Integer> add = Probes.next(LOG, planned(t), t);
        assertEquals(6, add.get(0.01));
        assertEquals(6, add.get(0.1));
        assertTrue(add.containsKey(Math.sqrt(0.001)));
        NavigableMap<Double, Integer> full = Probes.merge(planned(t), add);
        full.put(0.01, 9);
        assertTrue(!Probes.next(LOG, full, t).containsKey(0.01), "at most three times seeds_per_point");
    }

    @Test
    void aCensoredOrNarrowSearchIsDone() {
        NavigableMap<Double, Tally> above = tallies(0, 0, 3, 0.1, 0, 3, 1, 1, 3);
        assertEquals(new Bracket(1.0, null, Bracket.ABOVE), Bracket.of(above));
        assertTrue(Probes.next(LOG, planned(above), above).isEmpty());
        NavigableMap<Double, Tally> below = tallies(0, 2, 3, 0.1, 3, 3);
        assertEquals(new Bracket(null, 0.0, Bracket.BELOW), Bracket.of(below));
        assertTrue(Probes.next(LOG, planned(below), below).isEmpty());
        NavigableMap<Double, Tally> narrow = tallies(0.1, 0, 3, 0.11, 3, 3);
        assertTrue(Probes.next(LOG, planned(narrow), narrow).isEmpty(), "0.11/0.1 - 1 = 0.1 <= tolerance 0.2");
    }

    @Test
    void fromZeroOnALogAxisTheNextProbeIsADecadeBelow() {
        NavigableMap<Double, Tally> t = tallies(0, 0, 3, 0.001, 3, 3);
        assertEquals(1e-4, Probes.next(LOG, planned(t), t).firstKey(), 1e-18);
    }
}
