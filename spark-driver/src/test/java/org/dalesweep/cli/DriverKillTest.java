package org.dalesweep.cli;

import org.dalesweep.spark.TinySweeps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.dalesweep.spark.FakeExecutors;
import org.dalesweep.spark.OutputCheck;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.sweep.SweepLoader;
import org.dalesweep.sweep.SweepPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the driver (SIGKILL, a separate JVM) in the middle of a sweep: what it leaves is readable
 * and holds only complete runs; running again completes the sweep with every run exactly once
 * and without retraining the runs that had finished.
 */
@Tag("spark")
class DriverKillTest {

    @TempDir
    Path dir;

    private static final String SWEEP = TinySweeps.yaml("killed", 4, 8, "0.25, 0.5, 0.75");

    @Test
    void killingTheDriverLosesOnlyRunsInFlightAndRunningAgainCompletesEachRunOnce() throws Exception {
        Path file = TinySweeps.write(dir, "killed", SWEEP);
        Path out = dir.resolve("out");
        SweepPlan plan = new SweepLoader(new SpecCodec()).load(file, List.of());
        int total = plan.runs().size();
        assertEquals(12, total);

        File log = dir.resolve("driver.log").toFile();
        Process driver = SlowDriver.start(1500, log.toPath(), file.toString(), "--out", out.toString(),
                "--master", "local[2,3]", "--conf", "spark.ui.enabled=false", "--progress-seconds", "1");
        int present;
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            do {
                Thread.sleep(50);
                present = OutputCheck.runFiles(out).size();
            } while (present < 2 && driver.isAlive() && System.nanoTime() < deadline);
            assertTrue(driver.isAlive(), "the driver was still running when killed:\n" + Files.readString(log.toPath()));
        } finally {
            driver.destroyForcibly();
            driver.waitFor();
        }
        assertTrue(Files.exists(out.resolve(".lock")), "the killed driver left its lock behind");
        List<Path> left = OutputCheck.runFiles(out);
        assertTrue(left.size() >= 2 && left.size() < total, left.size() + " runs left of " + total);

        Map<String, Long> modified = new HashMap<>();
        List<Group> rows = OutputCheck.runRows(out);
        assertEquals(left.size(), rows.size(), "every committed run is a readable row");
        for (Group g : rows) {
            String id = g.getString("run_id", 0);
            assertEquals("COMPLETED", g.getString("status", 0));
            assertTrue(Files.exists(out.resolve("trajectories/run-" + id + ".parquet")), "a committed run has its trajectory");
            Path runFile = left.stream().filter(p -> p.getFileName().toString().equals("run-" + id + ".parquet")).findFirst().orElseThrow();
            modified.put(id, Files.getLastModifiedTime(runFile).toMillis());
        }
        assertTrue(plan.runIds().containsAll(modified.keySet()));

        CommandRun again = CommandRun.of(new RunCommand(FakeExecutors.quick()), file.toString(), "--out", out.toString(),
                "--master", "local[2,3]", "--conf", "spark.ui.enabled=false");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("resuming"), again.out());
        assertTrue(again.out().contains("taking over the stale lock"), again.out());
        assertTrue(again.out().contains(left.size() + " already done, " + (total - left.size()) + " to train"), again.out());

        List<Group> all = OutputCheck.runRows(out);
        assertEquals(total, all.size(), "every run present exactly once");
        Set<String> ids = all.stream().map(g -> g.getString("run_id", 0)).collect(Collectors.toSet());
        assertEquals(Set.copyOf(plan.runIds()), ids);
        for (Path p : OutputCheck.runFiles(out)) {
            String id = p.getFileName().toString().replaceAll("run-|\\.parquet", "");
            if (modified.containsKey(id)) {
                assertEquals(modified.get(id), Files.getLastModifiedTime(p).toMillis(), "finished run " + id + " not retrained");
            }
        }
        assertFalse(Files.readString(log.toPath()).contains("Exception in thread \"main\""), Files.readString(log.toPath()));
    }
}
