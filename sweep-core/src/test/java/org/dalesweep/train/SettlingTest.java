package org.dalesweep.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** When a run counts as settled: neither alpha's drift nor the loss's improvement distinguishable from zero. */
class SettlingTest {

    private static List<TrajectoryPoint> points(int count, IntToDoubleFunction alpha, IntToDoubleFunction loss) {
        List<TrajectoryPoint> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int it = 50 * k;
            out.add(new TrajectoryPoint(it, 0, alpha.applyAsDouble(k), 0, 0, 0, loss.applyAsDouble(k), 0, 0.8, 0, 0,
                    PressureWindow.NONE));
        }
        return out;
    }

    @Test
    void jitteringFlatAlphaAndLossHaveSettled() {
        // jitter far larger than the tolerances, no trend
        double[] jitter = {1, -1, -1, 1, 1, -1, 1, -1};
        assertTrue(Settling.settled(points(8, k -> 0.5 + 0.03 * jitter[k], k -> 0.3 + 0.05 * jitter[k]), 5));
    }

    @Test
    void aSteadilyDriftingAlphaHasNotSettled() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] noise = rng.doubles(8).map(x -> 0.002 * (x - 0.5)).toArray();
        assertFalse(Settling.settled(points(8, k -> 0.3 + 0.01 * k + noise[k], k -> 0.3), 5),
                "0.04 over the window, far beyond its noise");
        assertTrue(Settling.settled(points(8, k -> 0.3 + 0.001 * k + noise[k], k -> 0.3), 5),
                "0.004 over the window: below the tolerance");
    }

    @Test
    void aStillImprovingLossHasNotSettled() {
        assertFalse(Settling.settled(points(8, k -> 0.5, k -> 1.0 / (1 + k)), 5));
    }

    @Test
    void fewerPointsThanTheWindowNeverSettle() {
        assertFalse(Settling.settled(points(4, k -> 0.5, k -> 0.3), 5));
    }
}
