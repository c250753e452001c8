package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dalesweep.spark.FakeExecutors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 1: no command overwrites or deletes anything outside its own output. {@code analyze
 * --bench} into a non-empty directory and {@code analyze --report} into a directory of other files
 * are refused (exit 2, one line, every file byte for byte as before); {@code run} into a directory
 * holding a user's files leaves them alone. ({@code get-data} leaving another data set alone:
 * {@code GetDataCommandTest}; {@code bench --sweep} writes only a temporary directory it created.)
 */
class NoDataLossTest {

    @TempDir
    Path dir;

    private static Map<Path, byte[]> snapshot(Path root) throws Exception {
        Map<Path, byte[]> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                m.put(p, Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
            }
        }
        return m;
    }

    private static void assertSame(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "the same files");
        before.forEach((p, b) -> assertArrayEquals(b, after.get(p), p + " unchanged"));
    }

    @Test
    void benchRefusesANonEmptyOutputAndTouchesNothing() throws Exception {
        Path study = dir.resolve("study");
        Files.createDirectories(study.resolve("runs/task=go_nogo"));
        Files.writeString(study.resolve("runs/task=go_nogo/run-0123456789abcdef.parquet"), "a real run, say\n");
        Files.writeString(study.resolve("sweep.yaml"), "sweep: study\n");
        Map<Path, byte[]> before = snapshot(study);
        CommandRun r = CommandRun.of(new AnalyzeCommand(), "--bench", "10", "--in", study.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("dalesweep analyze: --in " + study + ": is not empty"), r.err());
        assertSame(before, snapshot(study));

        Path file = Files.writeString(dir.resolve("file"), "x");
        CommandRun f = CommandRun.of(new AnalyzeCommand(), "--bench", "10", "--in", file.toString());
        assertEquals(2, f.exitCode());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aReportDirectoryHoldingOtherFilesIsRefused() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out/runs"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("report.md"), "my own notes\n");
        Files.writeString(home.resolve("thesis.tex"), "\\documentclass{book}\n");
        Map<Path, byte[]> before = snapshot(home);
        CommandRun r = CommandRun.of(new AnalyzeCommand(), "--in", out.getParent().toString(), "--report", home.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--report " + home + ": holds files that are not a dalesweep report (thesis.tex)"), r.err());
        assertSame(before, snapshot(home));
        assertTrue(AnalyzeCommand.reportFile("report.html") && AnalyzeCommand.reportFile("alpha_final_by_task.png"));
    }

    @Test
    @Tag("spark")
    void runIntoADirectoryOfOtherFilesLeavesThemAlone() throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "do not lose me\n");
        Files.createDirectories(out.resolve("photos"));
        Files.write(out.resolve("photos/a.png"), new byte[] {1, 2, 3});
        Map<Path, byte[]> before = snapshot(out);
        Path sweep = Files.writeString(dir.resolve("s.yaml"), "sweep: s\nbase: {network: {units: 8}, training: {iterations: 5}}\n");
        CommandRun r = CommandRun.of(new RunCommand(FakeExecutors.quick()), sweep.toString(), "--out", out.toString(),
                "--master", "local[1]", "--conf", "spark.ui.enabled=false");
        assertEquals(0, r.exitCode(), r.err());
        Map<Path, byte[]> after = snapshot(out);
        before.forEach((p, b) -> assertArrayEquals(b, after.get(p), p + " unchanged"));
        for (Path p : after.keySet()) {
            String rel = out.relativize(p).toString();
            assertTrue(before.containsKey(p) || rel.startsWith(".") // the lock, the status cache, Hadoop's .crc files
                            || List.of("runs", "trajectories", "sweep.yaml").stream().anyMatch(rel::startsWith),
                    "only the output's own files are added: " + rel);
        }
        assertFalse(Files.exists(out.resolve(".lock")), "the lock is released");
    }
}
