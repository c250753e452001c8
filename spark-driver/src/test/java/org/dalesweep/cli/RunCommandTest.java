package org.dalesweep.cli;

import org.dalesweep.spark.TinySweeps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.spark.FakeExecutors;
import org.dalesweep.spark.OutputCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dalesweep run} in-process on local Spark, with a stand-in trainer (the mechanics, not the training). */
@Tag("spark")
class RunCommandTest {

    @TempDir
    Path dir;

    private Path sweepFile(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static final String SWEEP = TinySweeps.yaml("mech", 2, 8, "0.1, 0.5, 0.9", "controls: true");

    private static String[] args(Path file, Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of(file.toString(), "--out", out.toString(), "--master", "local[2,3]",
                "--conf", "spark.ui.enabled=false", "--progress-seconds", "1"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static List<Path> allFiles(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void invalidSweepExitsTwoListsEveryProblemAndWritesNothing() throws Exception {
        Path f = sweepFile("bad.yaml", SWEEP.replace("[0.1, 0.5, 0.9]", "[0.1, 7]").replace("units: 8", "units: 8, unitz: 9")
                + "exclude: [{task.name: go_nogo}]\n");
        Path out = dir.resolve("out");
        CommandRun r = CommandRun.of(new org.dalesweep.cli.RunCommand(FakeExecutors.quick()), args(f, out));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("3 problems"), r.err());
        assertTrue(r.err().contains("alpha.init: must be in [0, 1], got 7"), r.err());
        assertTrue(r.err().contains("network.unitz: unknown key"), r.err());
        assertTrue(r.err().contains("exclude[0].task.name: not an axis"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void failedAndDivergedRunsAreRowsResumeTrainsNothingAndADifferentSweepIsRefused() throws Exception {
        Path f = sweepFile("mech.yaml", SWEEP);
        Path out = dir.resolve("out");
        // alpha.init 0.9 throws OutOfMemoryError inside training, 0.5 diverges
        CommandRun first = CommandRun.of(new RunCommand(FakeExecutors.failing(0.9, 0.5)), args(f, out));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("10 to train"), first.out());
        assertTrue(first.out().contains("[mech] 10/10 done"), first.out());
        assertTrue(first.out().contains("output: file:" + out.toAbsolutePath()), first.out());

        List<Group> rows = OutputCheck.runRows(out);
        assertEquals(10, rows.size(), "3 points x 2 seeds + 2 frozen values x 2 seeds");
        Map<String, Long> byStatus = rows.stream().collect(Collectors.groupingBy(g -> g.getString("status", 0), Collectors.counting()));
        assertEquals(Map.of("COMPLETED", 6L, "DIVERGED", 2L, "FAILED", 2L), byStatus);
        assertTrue(rows.stream().filter(g -> g.getString("status", 0).equals("FAILED"))
                .allMatch(g -> g.getString("message", 0).contains("OutOfMemoryError")));
        assertEquals(10, rows.stream().map(g -> g.getString("run_id", 0)).distinct().count());
        assertTrue(first.out().matches("(?s).*COMPLETED\\s+6 .*DIVERGED\\s+2 .*FAILED\\s+2 .*"), first.out());
        assertTrue(Files.exists(out.resolve("sweep.yaml")));
        assertTrue(Files.readString(out.resolve("sweep.yaml")).contains("tool_version:"));

        List<Path> before = allFiles(out);
        Map<Path, Long> times = new java.util.HashMap<>();
        for (Path p : before) {
            times.put(p, Files.getLastModifiedTime(p).toMillis());
        }
        CommandRun again = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("10 already done, 0 to train"), again.out());
        assertEquals(before, allFiles(out), "a second run writes nothing");
        for (Path p : before) {
            assertEquals(times.get(p), Files.getLastModifiedTime(p).toMillis(), p + " untouched");
        }

        Path other = sweepFile("other.yaml", SWEEP.replace("seeds: 2", "seeds: 3"));
        CommandRun refused = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(other, out));
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("different sweep"), refused.err());
        assertEquals(before, allFiles(out), "a refused run writes nothing");

        CommandRun appended = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(other, out, "--append"));
        assertEquals(0, appended.exitCode(), appended.err());
        assertTrue(appended.out().contains("10 already done, 5 to train"), appended.out());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().matches("sweep-[0-9a-f]{16}\\.yaml")).count());
        }

        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> runs = spark.read().parquet(out.resolve("runs").toString());
            assertEquals(15, runs.count());
            assertEquals(15, runs.select("run_id").distinct().count());
            assertEquals(List.of("perceptual_dm"), runs.select("task").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
            assertEquals(0, runs.where("alpha_final < 0 OR alpha_final > 1 OR alpha_init < 0 OR alpha_init > 1").count());
            assertEquals(4, runs.where("status = 'FAILED' OR status = 'DIVERGED'").count());
            Dataset<Row> traj = spark.read().parquet(out.resolve("trajectories").toString());
            // every run that trained has its trajectory; a run that threw before its first evaluation has none
            assertEquals(new HashSet<>(runs.where("status <> 'FAILED'").select("run_id")
                            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()),
                    new HashSet<>(traj.select("run_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
        } finally {
            spark.stop();
        }
    }
}
