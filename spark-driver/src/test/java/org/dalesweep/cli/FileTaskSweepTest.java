package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.dalesweep.spark.OutputCheck;
import org.dalesweep.task.TrialFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example sweep over a trial file ({@code examples/file_task.yaml}, the committed 200-trial
 * perceptual_dm .npz beside it) runs end to end on local Spark: every run completes with the file's
 * absolute path and SHA-256 in its row, and {@code analyze} writes the same report as for a built-in
 * task. Costs about 100 s on a loaded 2-core machine (18 runs of 40 iterations, then analyze).
 */
@Tag("spark")
class FileTaskSweepTest {

    @TempDir
    Path dir;

    @Test
    void theExampleFileSweepTrainsOnSparkAndReportsLikeAnyOther() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path sweep = root.resolve("examples/file_task.yaml");
        Path trials = root.resolve("examples/trials/perceptual_dm.npz");
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of(new RunCommand(), sweep.toString(), "--out", out.toString(),
                "--set", "training.iterations=40", "--set", "training.eval_every=20", "--conf", "spark.ui.enabled=false");
        assertEquals(0, run.exitCode(), run.out() + run.err());

        List<Group> rows = OutputCheck.runRows(out);
        assertEquals(18, rows.size(), "2 alpha_init x 3 seeds, frozen at 0 and 1, twins");
        String sha = TrialFiles.sha256(trials);
        for (Group g : rows) {
            assertEquals("COMPLETED", g.getString("status", 0), g.getString("message", 0));
            assertEquals(trials.toString(), g.getString("task_path", 0));
            assertEquals(sha, g.getString("task_sha256", 0));
            assertEquals(20.0, g.getDouble("task_dt_ms", 0));
            double accuracy = g.getDouble("accuracy", 0);
            assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        }
        assertEquals(Set.of("learned", "frozen", "twin"), rows.stream().map(g -> g.getString("arm", 0)).collect(Collectors.toSet()));
        assertTrue(Files.isDirectory(out.resolve("runs/task=file")), "partitioned like any task");

        CommandRun analyze = CommandRun.of(new AnalyzeCommand(), "--in", out.toString());
        assertEquals(0, analyze.exitCode(), analyze.out() + analyze.err());
        String md = Files.readString(out.resolve("report/report.md"));
        for (String section : List.of("What this sweep says", "alpha_init", "Learned alpha against the frozen controls")) {
            assertTrue(md.contains(section), section + " in " + md);
        }
        assertTrue(Files.exists(out.resolve("report/report.html")));
    }

    @Test
    void aSweepWhoseTrialFileDoesNotFitIsRefusedBeforeSparkAndWritesNothing() throws Exception {
        Path bad = dir.resolve("bad.npz");
        new org.dalesweep.npz.NpzWriter().floats("inputs", new float[24], 2, 3, 4)
                .longs("targets", new long[12], 2, 3, 2).write(bad, true);
        Path sweep = dir.resolve("s.yaml");
        Files.writeString(sweep, "sweep: bad\nbase:\n  task: {name: file, path: bad.npz, dt_ms: 20}\n");
        Path out = dir.resolve("out");
        for (Object command : List.of(new ValidateCommand(), new RunCommand())) {
            CommandRun r = command instanceof RunCommand
                    ? CommandRun.of(command, sweep.toString(), "--out", out.toString())
                    : CommandRun.of(command, sweep.toString());
            assertEquals(2, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().contains("task.path: " + bad + ": array 'targets': dtype <i8, expected float32 or float64"),
                    r.err());
        }
        assertTrue(Files.notExists(out), "nothing written");
    }
}
