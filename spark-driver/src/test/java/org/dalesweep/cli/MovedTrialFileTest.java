package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.dalesweep.npz.NpzWriter;
import org.dalesweep.spark.OutputCheck;
import org.dalesweep.task.TrialFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study over trial files keeps its run ids when it moves (another checkout, an output copied off
 * a cluster): {@code run --only task.path=} takes the path as the sweep file names it, the moved
 * sweep resumes the copied output, and {@code export} finds a moved trial file with
 * {@code --trials}, checked by its SHA-256. Costs about 40 s (two local Spark sessions, four runs of
 * 10 iterations, one run trained again by export).
 */
@Tag("spark")
class MovedTrialFileTest {

    @TempDir
    Path dir;

    @Test
    void aStudyMovedToAnotherDirectoryResumesSelectsByRelativePathAndExportsWithTheMovedFile() throws Exception {
        Path study = Files.createDirectories(dir.resolve("checkout/study"));
        Files.copy(Path.of("").toAbsolutePath().getParent().resolve("examples/trials/perceptual_dm.npz"), study.resolve("a.npz"));
        writeOtherTrials(study.resolve("b.npz"));
        Files.writeString(study.resolve("s.yaml"), """
                sweep: moved
                seeds: 2
                base:
                  task: {name: file, dt_ms: 20}
                  network: {units: 8}
                  training: {iterations: 10, eval_every: 5, batch_size: 8, eval_batch: 16}
                grid:
                  task.path: [a.npz, b.npz]
                """);
        String shaA = TrialFiles.sha256(study.resolve("a.npz"));
        Path out = dir.resolve("cluster-out");
        CommandRun first = CommandRun.of(new RunCommand(), study.resolve("s.yaml").toString(), "--out", out.toString(),
                "--only", "task.path=a.npz", "--conf", "spark.ui.enabled=false");
        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertTrue(first.out().contains(": 2 of the 4 runs"), "task.path as the sweep file names it selects\n" + first.out());
        List<Group> rows = OutputCheck.runRows(out);
        assertEquals(Set.of(study.resolve("a.npz").toString()), rows.stream().map(g -> g.getString("task_path", 0))
                .collect(Collectors.toSet()));
        String runA = rows.get(0).getString("run_id", 0);

        // the checkout restored elsewhere, the output copied off the cluster: the old paths are gone
        Path clone = dir.resolve("fresh/clone");
        Files.createDirectories(clone.getParent());
        Files.move(dir.resolve("checkout"), clone);
        Path copied = dir.resolve("copied-out");
        Files.move(out, copied);
        Path moved = clone.resolve("study");
        CommandRun resume = CommandRun.of(new RunCommand(), moved.resolve("s.yaml").toString(), "--out", copied.toString(),
                "--conf", "spark.ui.enabled=false");
        assertEquals(0, resume.exitCode(), resume.out() + resume.err());
        assertTrue(resume.out().contains("2 already done, 2 to train"), "the same run ids: a resume\n" + resume.out());
        Map<String, String> pathById = OutputCheck.runRows(copied).stream()
                .collect(Collectors.toMap(g -> g.getString("run_id", 0), g -> g.getString("task_path", 0)));
        assertEquals(4, pathById.size());
        assertEquals(study.resolve("a.npz").toString(), pathById.get(runA), "a done run keeps the path it trained on");
        assertEquals(2, pathById.values().stream().filter(p -> p.equals(moved.resolve("b.npz").toString())).count());

        Path to = dir.resolve("net.npz");
        CommandRun stale = CommandRun.of(new ExportCommand(), "--in", copied.toString(), "--run", runA, "--to", to.toString());
        assertEquals(2, stale.exitCode(), stale.err());
        assertEquals("dalesweep export: --run " + runA + ": its trial file " + study.resolve("a.npz") + " does not exist here"
                + " (SHA-256 " + shaA + "); give the file where it lies now with --trials FILE", stale.err().strip());
        CommandRun wrong = CommandRun.of(new ExportCommand(), "--in", copied.toString(), "--run", runA, "--to", to.toString(),
                "--trials", moved.resolve("b.npz").toString());
        assertEquals(2, wrong.exitCode(), wrong.err());
        assertTrue(wrong.err().contains("not the run's trials (SHA-256 " + shaA), wrong.err());
        assertTrue(Files.notExists(to), "nothing written");

        CommandRun found = CommandRun.of(new ExportCommand(), "--in", copied.toString(), "--run", runA, "--to", to.toString(),
                "--trials", moved.resolve("a.npz").toString());
        assertEquals(0, found.exitCode(), found.out() + found.err());
        Map<String, ExportCommandTest.Array> z = ExportCommandTest.readNpz(to);
        assertEquals(runA, z.get("run_id").text(), "the run keeps its id read from the moved file");
        assertTrue(z.get("spec_json").text().contains(moved.resolve("a.npz").toString()), z.get("spec_json").text());
    }

    /** 40 random trials of 60 steps, 3 inputs and 2 outputs, no labels: another trial file. */
    private static void writeOtherTrials(Path file) throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        new NpzWriter().doubles("inputs", rng.doubles(40 * 60 * 3).toArray(), 40, 60, 3)
                .doubles("targets", rng.doubles(40 * 60 * 2).toArray(), 40, 60, 2).write(file, true);
    }
}
