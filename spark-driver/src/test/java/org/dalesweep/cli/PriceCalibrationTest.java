package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reduced conf/price-calibration.yaml refined for real on Spark and the known answer read from
 * {@code boundaries/}: the cost of wrong-sign terminals at which the student's W_rec comes to obey
 * Dale's law is lower with a Dale teacher (teacher_daleness 1) than with a sign-mixed one (0).
 * Reduced to the learned arm and the first (coarse) round, 3 seeds at 0.001 … 0.1: 32 runs of 600
 * iterations at 32 units, about a minute on 2 cores. Measured on the full file (6 seeds, 5 rounds):
 * crossings near 0.006–0.0075 (Dale teacher) and 0.013–0.018 (sign-mixed).
 */
@Tag("spark")
class PriceCalibrationTest {

    @TempDir
    Path dir;

    private static final String REDUCED = """
            sweep: price-calibration-reduced
            seeds: 1
            base:
              task: {name: teacher}
              network: {units: 32}
              training: {iterations: 600, eval_every: 100}
            grid:
              task.teacher_daleness: [0.0, 1.0]
            refine:
              axis: loss.mixed_cost
              range: [0.001, 0.1]
              scale: log
              until: daleness_final >= 0.95
              seeds_per_point: 3
              max_rounds: 1
            """;

    @Test
    void aDaleTeacherMakesDaleCheaperThanASignMixedTeacher() throws Exception {
        Path out = dir.resolve("out");
        CommandRun refine = CommandRun.sweep(new RefineCommand(), dir.resolve("price-calibration-reduced.yaml"), REDUCED,
                out, 30);
        assertEquals(0, refine.exitCode(), refine.out() + refine.err());
        assertTrue(refine.out().contains("refine round 1"), refine.out());
        CommandRun sql = CommandRun.of(new SqlCommand(), "--in", out.toString(), "--format", "csv",
                "SELECT task_teacher_daleness, arm, estimate, ci_low, ci_high, censored, n_runs FROM boundaries ORDER BY 1");
        assertEquals(0, sql.exitCode(), sql.out() + sql.err());
        Map<Double, String[]> byTeacher = new HashMap<>();
        List<String> lines = sql.out().lines().filter(l -> !l.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            byTeacher.put(Double.parseDouble(f[0]), f);
        }
        assertEquals(2, byTeacher.size(), sql.out());
        String[] mixed = byTeacher.get(0.0);
        String[] dale = byTeacher.get(1.0);
        assertEquals("learned", dale[1]);
        assertEquals("15", dale[6], "5 values x 3 seeds: " + sql.out());
        assertTrue(dale[5].isEmpty() && mixed[5].isEmpty(), "both bracketed inside [0.001, 0.1]: " + sql.out());
        double daleCost = Double.parseDouble(dale[2]);
        double mixedCost = Double.parseDouble(mixed[2]);
        assertTrue(daleCost < mixedCost, "the Dale teacher's price is the lower: " + sql.out());
        assertTrue(Double.parseDouble(dale[3]) <= daleCost && daleCost <= Double.parseDouble(dale[4]), sql.out());
    }
}
