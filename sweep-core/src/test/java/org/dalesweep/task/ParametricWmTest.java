package org.dalesweep.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

class ParametricWmTest {

    @Test
    void trialsAreRightAlignedWithADelayDrawnPerTrialInItsRange() throws SpecException {
        ParametricWm task = (ParametricWm) TaskFixtures.task("parametric_wm", Map.of("catch_prob", 0.0, "sigma_in", 0.0), 20);
        assertEquals(5 + 25 + 175 + 25 + 15, task.steps(), "the batch fits the longest delay");
        Batch b = TaskFixtures.sample(task, 400, 6);
        Set<Integer> delays = new HashSet<>();
        for (int trial = 0; trial < b.size(); trial++) {
            int start = 0;
            while (b.input(start, trial, 2) == 0f) {
                assertEquals(0f, b.mask(start, trial, 0), "silent lead-in is not in the loss");
                start++;
            }
            int f1End = start + 5 + 25;
            int f2Start = task.decisionStart() - 25;
            assertTrue(b.input(f1End - 1, trial, 0) > 0 && b.input(f1End, trial, 0) == 0f, "f1 lasts 500 ms");
            assertTrue(b.input(f2Start - 1, trial, 0) == 0f && b.input(f2Start, trial, 0) > 0, "f2 right before the decision");
            int delay = f2Start - f1End;
            assertTrue(delay >= 125 && delay <= 175, "delay " + delay + " steps is within 2500-3500 ms");
            delays.add(delay);
            assertEquals(task.decisionStart(), TaskFixtures.firstMasked(b, trial), "the decision is the last 300 ms");
        }
        assertTrue(delays.size() > 20, "delays vary from trial to trial: " + delays.size() + " distinct");
    }

    @Test
    void theLabelSaysWhetherF1ExceedsF2AsTheInputsEncodeThem() throws SpecException {
        ParametricWm task = (ParametricWm) TaskFixtures.task("parametric_wm", Map.of("catch_prob", 0.0, "sigma_in", 0.0), 20);
        assertEquals(0.2, task.encodePlus(10), 1e-12);
        assertEquals(1.0, task.encodePlus(34), 1e-12);
        assertEquals(1.0, task.encodeMinus(10), 1e-12);
        Batch b = TaskFixtures.sample(task, 300, 12);
        int greater = 0;
        for (int trial = 0; trial < b.size(); trial++) {
            int start = 0;
            while (b.input(start, trial, 2) == 0f) {
                start++;
            }
            float f1 = b.input(start + 5, trial, 0);
            float f2 = b.input(task.decisionStart() - 1, trial, 0);
            assertEquals(f1 > f2 ? 0 : 1, b.labels()[trial], "trial " + trial);
            assertEquals(1.2f, b.input(start + 5, trial, 0) + b.input(start + 5, trial, 1), 1e-6, "mirror channels");
            greater += f1 > f2 ? 1 : 0;
        }
        assertEquals(0.5, greater / 300.0, 0.1);
    }

    @Test
    void inconsistentSettingsAreSpecProblemsNamingTheKey() {
        SpecException odd = assertThrows(SpecException.class, () -> TaskFixtures.task("parametric_wm",
                Map.of("frequency_pairs_hz", List.of(18.0, 10.0, 22.0)), 20));
        assertTrue(odd.getMessage().startsWith("task.frequency_pairs_hz"), odd.getMessage());
        SpecException range = assertThrows(SpecException.class, () -> TaskFixtures.task("parametric_wm",
                Map.of("delay_min_ms", 3000.0, "delay_max_ms", 1000.0), 20));
        assertTrue(range.getMessage().startsWith("task.delay_min_ms"), range.getMessage());
    }
}
