package org.dalesweep.cli;

import org.dalesweep.spark.TinySweeps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dalesweep.spark.FakeExecutors;
import org.dalesweep.spark.OutputCheck;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.sweep.SweepLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two drivers on one output: while a driver (its own JVM) writes an output, a second {@code run}
 * into it is refused, naming the output and the holder, and writes nothing; the first finishes
 * with every run exactly once and releases the lock. A lock whose holder is gone is taken over.
 */
@Tag("spark")
class TwoDriversTest {

    @TempDir
    Path dir;

    private static final String SWEEP = TinySweeps.yaml("twice", 2, 8, "0.25, 0.75");

    private static CommandRun runInProcess(Path file, Path out) {
        return CommandRun.of(new RunCommand(FakeExecutors.quick()), file.toString(), "--out", out.toString(),
                "--master", "local[2,3]", "--conf", "spark.ui.enabled=false", "--progress-seconds", "1");
    }

    @Test
    void aSecondDriverOnAnOutputInUseIsRefusedAndTheFirstFinishesEveryRunOnce() throws Exception {
        Path file = dir.resolve("twice.yaml");
        Files.writeString(file, SWEEP);
        Path out = dir.resolve("out");
        Path lock = out.resolve(".lock");
        Path log = dir.resolve("first.log");
        Process first = SlowDriver.start(1000, log, file.toString(), "--out", out.toString(), "--master", "local[2,3]",
                "--conf", "spark.ui.enabled=false", "--progress-seconds", "1");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.exists(lock) && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(lock), "the first driver took the lock\n" + Files.readString(log));
            assertTrue(Files.readString(lock).contains("pid=" + first.pid()), Files.readString(lock));

            CommandRun second = runInProcess(file, out);
            assertTrue(first.isAlive(), "the first driver was still running during the second attempt");
            assertEquals(2, second.exitCode(), second.out() + second.err());
            assertTrue(second.err().contains(out.toAbsolutePath() + " is being written by another dalesweep driver (pid "
                    + first.pid() + " on host "), second.err());
            assertFalse(second.err().contains("\tat "), second.err());
            assertTrue(Files.readString(lock).contains("pid=" + first.pid()), "the holder's lock is left alone");

            assertTrue(first.waitFor(3, TimeUnit.MINUTES), Files.readString(log));
            assertEquals(0, first.exitValue(), Files.readString(log));
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
        List<String> ids = OutputCheck.runRows(out).stream().map(g -> g.getString("run_id", 0)).toList();
        assertEquals(Set.copyOf(new SweepLoader(new SpecCodec()).load(file, List.of()).runIds()), Set.copyOf(ids));
        assertEquals(4, ids.size(), "every run exactly once");
        assertFalse(Files.exists(lock), "the lock is released at the end");
    }

    @Test
    void aLockLeftByADeadDriverOnThisHostIsTakenOver() throws Exception {
        Path file = dir.resolve("twice.yaml");
        Files.writeString(file, SWEEP);
        Path out = Files.createDirectories(dir.resolve("out"));
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        Files.writeString(out.resolve(".lock"), "pid=" + gone.pid() + "\nhost=" + InetAddress.getLocalHost().getHostName()
                + "\nprocess_start=unknown\nacquired=2026-01-01T00:00:00Z\n");
        CommandRun r = runInProcess(file, out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("taking over the stale lock"), r.out());
        assertTrue(r.out().contains("pid " + gone.pid()), r.out());
        assertEquals(4, OutputCheck.runRows(out).size());
        assertFalse(Files.exists(out.resolve(".lock")));
    }
}
