package org.dalesweep.cli;

import org.dalesweep.spark.TinySweeps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.dalesweep.BuildInfo;
import org.dalesweep.spark.FakeExecutors;
import org.dalesweep.spark.OutputCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, items 3, 4 and 7 in-process on local Spark with the stand-in trainer: {@code run
 * --retry-failed} trains FAILED runs again (their files to quarantine/), DIVERGED stays; {@code run
 * --only KEY=VALUE} trains the matching runs only; {@code validate} and {@code status} say how far
 * an output is; an output trained by another commit is refused without {@code --append}.
 */
@Tag("spark")
class RetryAndSelectTest {

    @TempDir
    Path dir;

    private static final String SWEEP = TinySweeps.yaml("mech", 2, 8, "0.1, 0.5, 0.9", "controls: true");

    private Path sweepFile() throws Exception {
        return TinySweeps.write(dir, "mech", SWEEP);
    }

    private static String[] args(Path file, Path out, String... more) {
        return TinySweeps.localRunArgs(file, out, more);
    }

    private static Map<String, Long> byStatus(Path out) throws Exception {
        return OutputCheck.runRows(out).stream().collect(Collectors.groupingBy(g -> g.getString("status", 0), Collectors.counting()));
    }

    private static List<Path> allFiles(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void retryFailedTrainsTheFailedRunsAgainAndLeavesDivergedOnesStatusAndValidateCount() throws Exception {
        Path f = sweepFile();
        Path out = dir.resolve("out");
        // alpha.init 0.9 throws OutOfMemoryError inside training, 0.5 diverges
        CommandRun first = CommandRun.of(new RunCommand(FakeExecutors.failing(0.9, 0.5)), args(f, out));
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(Map.of("COMPLETED", 6L, "DIVERGED", 2L, "FAILED", 2L), byStatus(out));

        CommandRun status = CommandRun.of(new StatusCommand(), "--in", out.toString());
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().matches("(?s).*perceptual_dm\\s+6\\s+2\\s+2\\s+0\\n.*"), status.out());
        assertTrue(status.out().contains("2 FAILED: `dalesweep run <sweep file> --out " + out + " --retry-failed`"), status.out());
        assertTrue(status.out().contains("lock: none"), status.out());

        CommandRun plain = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out));
        assertTrue(plain.out().contains("10 already done, 0 to train"), "FAILED runs count as done without the flag\n" + plain.out());

        CommandRun retry = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out, "--retry-failed"));
        assertEquals(0, retry.exitCode(), retry.err());
        assertTrue(retry.out().contains("--retry-failed: 2 FAILED runs to train again; 4 files moved to "), retry.out());
        assertTrue(retry.out().contains("8 already done, 2 to train"), retry.out());
        assertEquals(Map.of("COMPLETED", 8L, "DIVERGED", 2L), byStatus(out), "DIVERGED is final, FAILED trained again");
        try (Stream<Path> q = Files.walk(out.resolve("quarantine"))) {
            List<Path> moved = q.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".crc")).toList();
            assertEquals(4, moved.size(), "the two FAILED runs' runs and trajectories files, moved, not deleted: " + moved);
            assertEquals(2, moved.stream().filter(p -> p.toString().contains("/runs/task=perceptual_dm/")).count());
        }
        CommandRun again = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out, "--retry-failed"));
        assertTrue(again.out().contains("--retry-failed: no FAILED run to train again"), again.out());
        assertTrue(again.out().contains("10 already done, 0 to train"), again.out());

        CommandRun validate = CommandRun.of(new ValidateCommand(), f.toString(), "--out", out.toString(), "--show", "0");
        assertTrue(validate.out().contains("10 of the 10 runs already there, 0 left to train"), validate.out());
        CommandRun fresh = CommandRun.of(new ValidateCommand(), f.toString(), "--out", dir.resolve("none").toString());
        assertTrue(fresh.out().contains("not there yet: all 10 runs left to train"), fresh.out());
        assertFalse(Files.exists(dir.resolve("none")), "validate writes nothing");
    }

    @Test
    void onlyTrainsTheMatchingRunsAndABadSelectionIsRefused() throws Exception {
        Path f = sweepFile();
        Path out = dir.resolve("out");
        CommandRun unknown = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out, "--only", "network.unitz=3"));
        assertEquals(2, unknown.exitCode());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("dalesweep run: --only network.unitz=3: network.unitz is not a run-spec key"),
                unknown.err());
        CommandRun none = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out, "--only", "alpha.init=0.3"));
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("--only alpha.init=0.3 selects none of the sweep's 10 runs"), none.err());
        assertFalse(Files.exists(out), "nothing written");

        CommandRun some = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out, "--only", "alpha.init=0.1"));
        assertEquals(0, some.exitCode(), some.err());
        assertTrue(some.out().contains("--only alpha.init=0.1: 2 of the 10 runs"), some.out());
        assertTrue(some.out().contains("0 already done, 2 to train"), some.out());
        List<Group> rows = OutputCheck.runRows(out);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(g -> g.getDouble("alpha_init", 0) == 0.1));

        CommandRun status = CommandRun.of(new StatusCommand(), "--in", out.toString());
        assertTrue(status.out().matches("(?s).*perceptual_dm\\s+2\\s+0\\s+0\\s+8\\n.*"), status.out());

        CommandRun two = CommandRun.of(new RunCommand(FakeExecutors.quick()),
                args(f, out, "--only", "alpha.init=0.1", "--only", "alpha.init=0.5", "--only", "alpha.trainable=true"));
        assertEquals(0, two.exitCode(), two.err());
        assertTrue(two.out().contains("4 of the 10 runs"), two.out());
        assertTrue(two.out().contains("2 already done, 2 to train"), two.out());
        CommandRun frozen = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out, "--only", "alpha.trainable=false"));
        assertTrue(frozen.out().contains("4 of the 10 runs") && frozen.out().contains("0 already done, 4 to train"), frozen.out());
        assertEquals(8, OutputCheck.runRows(out).size());
    }

    @Test
    void anOutputTrainedByAnotherCommitIsRefusedWithoutAppend() throws Exception {
        assumeFalse(BuildInfo.gitCommit().equals(BuildInfo.UNKNOWN), "built without git");
        Path f = sweepFile();
        Path out = dir.resolve("out");
        CommandRun first = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out, "--only", "alpha.init=0.1"));
        assertEquals(0, first.exitCode(), first.err());
        String yaml = Files.readString(out.resolve("sweep.yaml"));
        assertTrue(yaml.contains("git_commit: \"" + BuildInfo.gitCommit() + "\"") || yaml.contains("git_commit: " + BuildInfo.gitCommit()),
                yaml);
        assertTrue(yaml.contains("java_version:") && yaml.contains("os_arch:") && yaml.contains("cpu_model:"), yaml);
        Group row = OutputCheck.runRows(out).get(0);
        assertEquals(BuildInfo.gitCommit(), row.getString("git_commit", 0));
        assertEquals(System.getProperty("java.version"), row.getString("java_version", 0));
        assertEquals(System.getProperty("os.arch"), row.getString("os_arch", 0));
        assertFalse(row.getString("cpu_model", 0).isEmpty());

        Files.writeString(out.resolve("sweep.yaml"), yaml.replace(BuildInfo.gitCommit(), "0123456789abcdef0123456789abcdef01234567"));
        Files.deleteIfExists(out.resolve(".sweep.yaml.crc")); // Hadoop's checksum of the file as written
        List<Path> before = allFiles(out);
        CommandRun refused = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out));
        assertEquals(2, refused.exitCode(), refused.out());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().contains("was trained by commit 0123456789ab"), refused.err());
        assertTrue(refused.err().contains("--append"), refused.err());
        assertEquals(before, allFiles(out), "nothing written");

        CommandRun appended = CommandRun.of(new RunCommand(FakeExecutors.quick()), args(f, out, "--append"));
        assertEquals(0, appended.exitCode(), appended.err());
        assertTrue(appended.out().contains("was trained by commit 0123456789ab") && appended.out().contains("continuing"),
                appended.out());
        assertEquals(10, OutputCheck.runRows(out).size());
    }
}
