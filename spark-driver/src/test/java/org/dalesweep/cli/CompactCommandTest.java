package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.dalesweep.layout.Footer;
import org.dalesweep.layout.GroupRows;
import org.dalesweep.spark.FakeExecutors;
import org.dalesweep.spark.TinySweeps;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compact --in DIR --to DIR2} (issue 23, item 3) on a real output of local Spark with the
 * stand-in trainer (COMPLETED, DIVERGED and FAILED runs): a few sorted files with the same schema
 * and metadata; {@code status}, {@code sql} and {@code run} (resume, and a grown sweep) read the
 * compacted output as the original; copies of a row are dropped; the input is never touched; a
 * non-empty or nested target is refused with nothing written.
 */
@Tag("spark")
class CompactCommandTest {

    @TempDir
    Path dir;

    private static final String LEVELS = "0.1, 0.5, 0.9";

    private Path sweepFile(String name, int seeds) throws Exception {
        return TinySweeps.write(dir, name, TinySweeps.yaml("mech", seeds, 8, LEVELS, "controls: true"));
    }

    private static String[] runArgs(Path file, Path out, String... more) {
        return TinySweeps.localRunArgs(file, out, more);
    }

    /** Every regular file under {@code root} with its size and modification time. */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }

    private static List<Group> rows(Path file) throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
        var status = fs.getFileStatus(new org.apache.hadoop.fs.Path(file.toUri()));
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> r = GroupRows.open(fs, status)) {
            for (Group g = r.read(); g != null; g = r.read()) {
                rows.add(g);
            }
        }
        return rows;
    }

    private static Footer footer(Path file) throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
        return Footer.read(fs, fs.getFileStatus(new org.apache.hadoop.fs.Path(file.toUri())));
    }

    private static String statusTable(Path out) {
        CommandRun status = CommandRun.of(new StatusCommand(), "--in", out.toString());
        assertEquals(0, status.exitCode(), status.err());
        // the table and the advice, without the first line (it names the directory) and the timing
        return status.out().lines().skip(1).filter(l -> !l.startsWith("(")).collect(Collectors.joining("\n"));
    }

    private static String table(String status) {
        return status.lines().filter(l -> !l.contains("FAILED")).collect(Collectors.joining("\n"));
    }

    private static String sql(Path out, String query) {
        CommandRun sql = CommandRun.of(new SqlCommand(), "--in", out.toString(), "--format", "csv", query);
        assertEquals(0, sql.exitCode(), sql.err());
        return sql.out().strip();
    }

    @Test
    void aCompactedOutputReadsResumesAndGrowsLikeTheOriginalAndTheInputIsUntouched() throws Exception {
        Path f = sweepFile("mech", 2);
        Path out = dir.resolve("out");
        // alpha.init 0.9 fails inside training, 0.5 diverges: three statuses in the output
        CommandRun first = CommandRun.of(new RunCommand(FakeExecutors.failing(0.9, 0.5)), runArgs(f, out));
        assertEquals(0, first.exitCode(), first.err());
        Map<String, String> before = snapshot(out);
        Path original = out.resolve(before.keySet().stream()
                .filter(k -> k.matches("runs/task=perceptual_dm/run-[0-9a-f]+\\.parquet")).findFirst().orElseThrow());

        Path compacted = dir.resolve("compacted");
        CommandRun compact = CommandRun.of(new CompactCommand(), "--in", out.toString(), "--to", compacted.toString());
        assertEquals(0, compact.exitCode(), compact.err());
        assertTrue(compact.out().contains("runs/task=perceptual_dm"), compact.out());
        assertEquals(before, snapshot(out), "compact only reads its input");

        // a few files, sorted by run id, with the original schema and the columns' roles
        Path part = compacted.resolve("runs/task=perceptual_dm/part-00000.parquet");
        assertEquals(List.of("part-00000.parquet"), names(part.getParent()));
        assertEquals(List.of("part-00000.parquet"), names(compacted.resolve("trajectories")));
        assertTrue(Files.exists(compacted.resolve("sweep.yaml")));
        List<String> ids = rows(part).stream().map(g -> g.getString("run_id", 0)).toList();
        assertEquals(10, ids.size());
        assertEquals(ids.stream().sorted().toList(), ids, "sorted by run id");
        assertEquals(footer(original).schema(), footer(part).schema());
        Map<String, String> roles = new LinkedHashMap<>(footer(original).keyValues());
        Map<String, String> kept = new LinkedHashMap<>(footer(part).keyValues());
        roles.remove("writer.model.name");
        kept.remove("writer.model.name");
        assertEquals(roles, kept, "the same key-value metadata");
        try (Stream<Path> s = Files.walk(compacted)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".crc")), "no checksum side files");
        }

        // status and sql answer the same (status's advice on FAILED runs differs: see below)
        assertEquals(table(statusTable(out)), table(statusTable(compacted)));
        assertTrue(statusTable(compacted).contains("2 FAILED in compacted files"), statusTable(compacted));
        String query = "SELECT arm, status, count(*) AS n, round(sum(alpha_final), 9) AS a FROM runs GROUP BY arm, status"
                + " ORDER BY arm, status";
        assertEquals(sql(out, query), sql(compacted, query));
        String points = "SELECT count(*) AS n, round(sum(eval_loss), 9) AS l FROM trajectories";
        assertEquals(sql(out, points), sql(compacted, points));

        // run resumes: nothing to train; a grown sweep trains only its new runs beside the compacted files
        CommandRun resume = CommandRun.of(new RunCommand(FakeExecutors.quick()), runArgs(f, compacted));
        assertEquals(0, resume.exitCode(), resume.err());
        assertTrue(resume.out().contains("10 already done, 0 to train"), resume.out());
        CommandRun retry = CommandRun.of(new RunCommand(FakeExecutors.quick()), runArgs(f, compacted, "--retry-failed"));
        assertEquals(0, retry.exitCode(), retry.err());
        assertTrue(retry.out().contains("2 FAILED runs lie in compacted files"), retry.out());
        assertTrue(Files.exists(part), "a compacted file holds other runs: never moved to quarantine");
        CommandRun grown = CommandRun.of(new RunCommand(FakeExecutors.quick()),
                runArgs(sweepFile("mech3", 3), compacted, "--append"));
        assertEquals(0, grown.exitCode(), grown.err());
        assertTrue(grown.out().contains("10 already done, 5 to train"), grown.out());
        assertEquals("n\n15", sql(compacted, "SELECT count(*) AS n FROM runs"));

        // compacting the grown output again folds the new run files in
        Path again = dir.resolve("again");
        assertEquals(0, CommandRun.of(new CompactCommand(), "--in", compacted.toString(), "--to", again.toString()).exitCode());
        assertEquals(15, rows(again.resolve("runs/task=perceptual_dm/part-00000.parquet")).size());
        assertEquals(List.of("part-00000.parquet"), names(again.resolve("runs/task=perceptual_dm")));
    }

    @Test
    void copiesOfARunAreDroppedKeepingTheRowTheViewsKeep() throws Exception {
        Path f = sweepFile("mech", 1);
        Path out = dir.resolve("out");
        assertEquals(0, CommandRun.of(new RunCommand(FakeExecutors.quick()), runArgs(f, out)).exitCode());
        Path first = dir.resolve("first");
        assertEquals(0, CommandRun.of(new CompactCommand(), "--in", out.toString(), "--to", first.toString()).exitCode());
        // the same runs twice: a compacted file and every run's own file beside it
        Path both = dir.resolve("both");
        FileTrees.copy(out, both);
        Files.copy(first.resolve("runs/task=perceptual_dm/part-00000.parquet"),
                both.resolve("runs/task=perceptual_dm/part-00000.parquet"));
        Files.copy(first.resolve("trajectories/part-00000.parquet"), both.resolve("trajectories/part-00000.parquet"));
        // a refine's prices: copied as they are
        Files.createDirectories(both.resolve("boundaries"));
        Files.copy(first.resolve("trajectories/part-00000.parquet"), both.resolve("boundaries/part-00000-x.snappy.parquet"));
        Path once = dir.resolve("once");
        CommandRun compact = CommandRun.of(new CompactCommand(), "--in", both.toString(), "--to", once.toString());
        assertEquals(0, compact.exitCode(), compact.err());
        assertEquals(rows(first.resolve("runs/task=perceptual_dm/part-00000.parquet")).size(),
                rows(once.resolve("runs/task=perceptual_dm/part-00000.parquet")).size());
        assertEquals(rows(first.resolve("trajectories/part-00000.parquet")).size(),
                rows(once.resolve("trajectories/part-00000.parquet")).size());
        assertTrue(compact.out().matches("(?s).*runs/task=perceptual_dm\\s+6\\s+1\\s+10\\s+5\\s.*"), compact.out());
        assertEquals(Files.size(both.resolve("boundaries/part-00000-x.snappy.parquet")),
                Files.size(once.resolve("boundaries/part-00000-x.snappy.parquet")));
    }

    @Test
    void aNonEmptyOrNestedTargetIsRefusedAndNothingIsWritten() throws Exception {
        Path f = sweepFile("mech", 1);
        Path out = dir.resolve("out");
        assertEquals(0, CommandRun.of(new RunCommand(FakeExecutors.quick()), runArgs(f, out)).exitCode());
        Map<String, String> before = snapshot(out);

        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        CommandRun nonEmpty = CommandRun.of(new CompactCommand(), "--in", out.toString(), "--to", full.toString());
        assertEquals(2, nonEmpty.exitCode());
        assertTrue(nonEmpty.err().contains("--to " + full + ": is not empty"), nonEmpty.err());
        assertEquals(List.of("notes.txt"), names(full));

        CommandRun nested = CommandRun.of(new CompactCommand(), "--in", out.toString(), "--to", out.resolve("c").toString());
        assertEquals(2, nested.exitCode());
        assertTrue(nested.err().contains("lies inside --in"), nested.err());

        CommandRun notOutput = CommandRun.of(new CompactCommand(), "--in", full.toString(), "--to", dir.resolve("x").toString());
        assertEquals(2, notOutput.exitCode());
        assertTrue(notOutput.err().contains("not a sweep output"), notOutput.err());
        assertFalse(Files.exists(dir.resolve("x")));
        assertEquals(before, snapshot(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".compact-")), "no staging folder left");
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
