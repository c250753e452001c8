package org.dalesweep.cli;

import org.dalesweep.spark.TinySweeps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.spark.FakeExecutors;
import org.dalesweep.spark.OutputCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files inside an output — a truncated runs file, a truncated trajectories file, foreign
 * Parquet files in runs/ and params/: {@code sql} and {@code analyze} refuse the output naming
 * every such file (exit 2); {@code run} moves them to {@code <out>/quarantine/}, byte for byte,
 * retrains exactly the runs they belonged to and leaves every other file untouched.
 */
@Tag("spark")
class DamagedOutputTest {

    @TempDir
    Path dir;

    private static final String SWEEP = TinySweeps.yaml("damaged", 2, 8, "0.1, 0.5, 0.9", "save_params: true");

    @AfterEach
    void stopSpark() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    private static CommandRun run(Path file, Path out) {
        return CommandRun.of(new RunCommand(FakeExecutors.quick()), file.toString(), "--out", out.toString(),
                "--master", "local[2,3]", "--conf", "spark.ui.enabled=false", "--progress-seconds", "1");
    }

    private static Map<Path, byte[]> contents(Path out) throws Exception {
        Map<Path, byte[]> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".parquet")).toList()) {
                m.put(out.relativize(p), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static void truncate(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length / 2));
    }

    @Test
    void truncatedAndForeignFilesAreRefusedByReadersAndQuarantinedAndRetrainedByRun() throws Exception {
        Path file = dir.resolve("damaged.yaml");
        Files.writeString(file, SWEEP);
        Path out = dir.resolve("out");
        CommandRun first = run(file, out);
        assertEquals(0, first.exitCode(), first.err());
        List<Path> runFiles = OutputCheck.runFiles(out);
        assertEquals(6, runFiles.size());

        Path truncatedRun = runFiles.get(0);
        String idA = truncatedRun.getFileName().toString().replaceAll("run-|\\.parquet", "");
        String idB = runFiles.get(1).getFileName().toString().replaceAll("run-|\\.parquet", "");
        Path truncatedTrajectory = out.resolve("trajectories/run-" + idB + ".parquet");
        Path foreignRuns = truncatedRun.resolveSibling("foreign.parquet");
        Path foreignParams = out.resolve("params/notes.parquet");
        truncate(truncatedRun);
        truncate(truncatedTrajectory);
        OutputCheck.writeForeign(foreignRuns);
        OutputCheck.writeForeign(foreignParams);
        List<Path> damaged = List.of(truncatedRun, truncatedTrajectory, foreignRuns, foreignParams);
        Map<Path, byte[]> before = contents(out);

        for (Object reader : List.of(new SqlCommand(), new AnalyzeCommand())) {
            String[] args = reader instanceof SqlCommand ? new String[] {"--in", out.toString(), "SELECT count(*) FROM runs"}
                    : new String[] {"--in", out.toString()};
            CommandRun refused = CommandRun.of(reader, args);
            assertEquals(2, refused.exitCode(), reader + ": " + refused.out() + refused.err());
            assertTrue(refused.err().contains("4 damaged files"), refused.err());
            for (Path d : damaged) {
                assertTrue(refused.err().contains(d.toString()), d + " named in: " + refused.err());
            }
            assertFalse(refused.err().contains("\tat "), "no stack trace: " + refused.err());
        }
        assertFalse(Files.exists(out.resolve("report")), "analyze wrote no report");

        CommandRun resumed = run(file, out);
        assertEquals(0, resumed.exitCode(), resumed.err());
        for (Path d : damaged) {
            assertTrue(resumed.out().contains("damaged: file:" + d), d + " reported in: " + resumed.out());
        }
        assertTrue(resumed.out().contains("4 already done, 2 to train"), resumed.out());

        Path quarantine;
        try (Stream<Path> s = Files.list(out.resolve("quarantine"))) {
            quarantine = s.findFirst().orElseThrow();
        }
        for (Path d : damaged) {
            Path rel = out.relativize(d);
            assertArrayEquals(before.get(rel), Files.readAllBytes(quarantine.resolve(rel)), "moved aside intact: " + rel);
        }
        Path markerB = out.relativize(runFiles.get(1));
        assertArrayEquals(before.get(markerB), Files.readAllBytes(quarantine.resolve(markerB)),
                "the runs file of the run with the damaged trajectory moved aside too");

        Map<Path, byte[]> after = contents(out);
        Set<Path> retrained = Set.of(out.relativize(truncatedRun), out.relativize(truncatedTrajectory), markerB,
                Path.of("params/run-" + idA + ".parquet"), Path.of("params/run-" + idB + ".parquet"),
                Path.of("trajectories/run-" + idA + ".parquet"));
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            if (!retrained.contains(e.getKey()) && !damaged.contains(out.resolve(e.getKey()))) {
                assertArrayEquals(e.getValue(), after.get(e.getKey()), "untouched: " + e.getKey());
            }
        }
        List<String> ids = OutputCheck.runRows(out).stream().map(g -> g.getString("run_id", 0)).toList();
        assertEquals(6, ids.size());
        assertEquals(6, Set.copyOf(ids).size(), "every run exactly once");
        assertTrue(ids.containsAll(List.of(idA, idB)));

        CommandRun sql = CommandRun.of(new SqlCommand(), "--in", out.toString(), "--format", "csv",
                "SELECT count(*) AS n, count(DISTINCT run_id) AS d FROM runs");
        assertEquals(0, sql.exitCode(), sql.err());
        assertEquals("n,d\n6,6", sql.out().strip().lines().collect(Collectors.joining("\n")));
    }
}
