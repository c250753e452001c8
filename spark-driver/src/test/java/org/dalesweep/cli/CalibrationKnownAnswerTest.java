package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reduced calibration sweep (conf/calibration.yaml: the teacher task) trained for real, analysed
 * by {@code analyze}, and the known direction read back from the report's own table: a pure-Dale
 * student (frozen alpha = 1) of a sign-mixed teacher (teacher_daleness 0) feels late pressure
 * toward free, below that of a student of a Dale teacher (daleness 1). Reduced to 32 units,
 * 400 iterations, 3 seeds and the frozen arm (measured 2026-12-02: late pressure −0.061, −0.028,
 * −0.090 against +0.003, −0.003, −0.001), about half a minute of training.
 */
@Tag("spark")
class CalibrationKnownAnswerTest {

    @TempDir
    Path dir;

    private static final String REDUCED = """
            sweep: calibration-reduced
            seeds: 3
            base:
              task: {name: teacher}
              network: {units: 32}
              training: {iterations: 400, eval_every: 50}
            grid:
              task.teacher_daleness: [0.0, 1.0]
              alpha.init: [0.5]
            controls: [frozen]
            """;

    @Test
    void theReportShowsTheFrozenDaleStudentOfANonDaleTeacherPushedTowardFree() throws Exception {
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.sweep(new RunCommand(), dir.resolve("calibration-reduced.yaml"), REDUCED, out, 5);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        CommandRun analyze = CommandRun.of(new AnalyzeCommand(), "--in", out.toString());
        assertEquals(0, analyze.exitCode(), analyze.out() + analyze.err());
        List<String> lines = Files.readAllLines(out.resolve("report/report.md"));
        double nonDale = latePressure(lines, "task_teacher_daleness = 0.0");
        double dale = latePressure(lines, "task_teacher_daleness = 1.0");
        assertTrue(nonDale < 0, "frozen alpha = 1, sign-mixed teacher: late pressure toward free, got " + nonDale);
        assertTrue(nonDale < dale, "more toward free than with a Dale teacher: " + nonDale + " vs " + dale);
    }

    /** The mean late pressure of the frozen alpha = 1 row for {@code condition} in the controls' table. */
    private static double latePressure(List<String> lines, String condition) {
        Optional<String> row = lines.stream()
                .filter(l -> l.startsWith("| alpha = 1 | " + condition + " |")).findFirst();
        assertTrue(row.isPresent(), "a frozen alpha = 1 row for " + condition + " in:\n" + String.join("\n", lines));
        // | frozen at | condition | n | pressure_mean [CI] | late pressure [CI] | p | reading |
        String late = row.get().split("\\|")[5].trim();
        return Double.parseDouble(late.substring(0, late.indexOf(' ')));
    }
}
