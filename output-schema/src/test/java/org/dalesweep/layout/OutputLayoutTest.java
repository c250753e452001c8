package org.dalesweep.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.dalesweep.schema.ColumnRoles;
import org.dalesweep.schema.Role;
import org.dalesweep.schema.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout on a real local output: names, what counts as a run, footers, the status cache, damage. */
class OutputLayoutTest {

    private static final MessageType RUNS = MessageTypeParser.parseMessageType(
            "message run { required binary run_id (STRING); required binary status (STRING); optional double alpha_final; }");

    @TempDir
    java.nio.file.Path dir;

    private OutputLayout layout() throws IOException {
        return OutputLayout.local(dir);
    }

    private void write(Path file, MessageType schema, Map<String, String> keyValues, String... statuses) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, new Configuration()))
                .withType(schema).withExtraMetaData(keyValues).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (String s : statuses) {
                w.write(groups.newGroup().append("run_id", "ab12").append("status", s));
            }
        }
    }

    @Test
    void namesAndPathsFollowTheDocumentedLayout() throws IOException {
        OutputLayout out = layout();
        assertTrue(out.runsFile("ab12", "go_nogo").toString().endsWith("/runs/task=go_nogo/run-ab12.parquet"));
        assertTrue(out.runFile(Table.TRAJECTORIES, "ab12").toString().endsWith("/trajectories/run-ab12.parquet"));
        assertThrows(IllegalArgumentException.class, () -> out.runFile(Table.RUNS, "ab12"));
        assertEquals(Optional.of("ab12"), OutputLayout.runIdOf(out.runsFile("ab12", "x")));
        assertEquals(Optional.empty(), OutputLayout.runIdOf(OutputLayout.hiddenTemp(out.runsFile("ab12", "x"))));
        assertEquals("go_nogo", OutputLayout.taskOf(out.runsFile("ab12", "go_nogo")));
        assertTrue(OutputLayout.isHidden(OutputLayout.hiddenTemp(out.runsFile("ab12", "x")).getName()));
        assertTrue(OutputLayout.isHidden("_SUCCESS"));
        assertEquals("quarantine/20261205T073300.000Z",
                out.relative(out.quarantine(Instant.parse("2026-12-05T07:33:00Z"))));
        assertTrue(out.isLocal());
    }

    @Test
    void committedRunsAndTableFilesAreWhatAReaderSeesHiddenFilesExcluded() throws IOException {
        for (OutputLayout out : List.of(layout(), OutputLayout.of(new Path(dir.toUri()), new Configuration()))) {
            committedRunsAndTableFiles(out);
        }
    }

    private void committedRunsAndTableFiles(OutputLayout out) throws IOException {
        write(out.runsFile("bb", "go_nogo"), RUNS, Map.of(), "COMPLETED");
        write(out.runsFile("aa", "perceptual_dm"), RUNS, Map.of(), "FAILED");
        write(OutputLayout.hiddenTemp(out.runsFile("cc", "go_nogo")), RUNS, Map.of(), "COMPLETED");
        Files.createDirectories(dir.resolve("runs/_tmp"));
        Files.writeString(dir.resolve("runs/_tmp/run-dd.parquet"), "x");
        assertEquals(List.of("aa", "bb"), out.committedRuns().keySet().stream().sorted().toList());
        assertEquals("go_nogo", out.committedRuns().get("bb").task());
        assertEquals(out.runsFile("bb", "go_nogo").toUri().getPath(), out.committedRuns().get("bb").location().getPath());
        assertEquals(List.of("run-bb.parquet", "run-aa.parquet"),
                out.tableFiles(Table.RUNS).stream().map(f -> f.getPath().getName()).toList(), "depth first, by name");
        assertEquals(List.of(), out.tableFiles(Table.PARAMS));
    }

    @Test
    void aFooterGivesSchemaRowsKeyValuesAndASingleValuedColumn() throws IOException {
        OutputLayout out = layout();
        Path file = out.runsFile("aa", "t");
        write(file, RUNS, Map.of(ColumnRoles.METADATA_KEY, "run_id:identity,status:outcome"), "DIVERGED");
        Footer f = Footer.read(out.fileSystem(), out.fileSystem().getFileStatus(file));
        assertEquals(1, f.rows());
        assertTrue(f.schema().containsField("alpha_final"));
        assertEquals(Role.OUTCOME, ColumnRoles.decode(f.keyValues().get(ColumnRoles.METADATA_KEY)).get("status"));
        assertEquals(Optional.of("DIVERGED"), f.singleString("status"));
        assertEquals(Optional.empty(), f.singleString("alpha_final"), "null throughout");
        assertEquals(Optional.empty(), f.singleString("nothing"));

        write(file, RUNS, Map.of(), "COMPLETED", "FAILED");
        assertEquals(Optional.empty(), Footer.read(out.fileSystem(), out.fileSystem().getFileStatus(file)).singleString("status"),
                "two values");
        Files.writeString(dir.resolve("runs/task=t/run-ee.parquet"), "PAR1 not really");
        IOException e = assertThrows(IOException.class,
                () -> Footer.read(out.fileSystem(), out.fileSystem().getFileStatus(out.runsFile("ee", "t"))));
        assertTrue(e.getMessage().contains("run-ee.parquet: not a readable Parquet file"), e.getMessage());
    }

    @Test
    void theStatusCacheRoundTripsAndForgetsARunWhoseFileChanged() throws IOException, InterruptedException {
        OutputLayout out = layout();
        Path file = out.runsFile("aa", "t");
        write(file, RUNS, Map.of(), "COMPLETED");
        RunFile listed = out.committedRuns().get("aa");
        assertEquals("t", listed.task());
        assertEquals(out.fileSystem().getFileStatus(file).getLen(), listed.length());
        assertTrue(StatusCache.read(out).entries().isEmpty(), "no cache yet");
        new StatusCache(Map.of("aa", StatusCache.Entry.of("COMPLETED", listed))).write(out);
        assertTrue(Files.isRegularFile(dir.resolve(StatusCache.FILE)));
        assertEquals(Optional.of("COMPLETED"), StatusCache.read(out).statusOf(listed));

        write(file, RUNS, Map.of(), "FAILED", "FAILED");
        RunFile rewritten = out.committedRuns().get("aa");
        assertEquals(Optional.empty(), StatusCache.read(out).statusOf(rewritten), "another file: read its footer");
        assertEquals(Optional.of("FAILED"), Footer.read(out.fileSystem(), rewritten.status()).singleString("status"));
        Files.writeString(dir.resolve(StatusCache.FILE), "garbage\tline\n");
        assertFalse(StatusCache.read(out).statusOf(rewritten).isPresent());
    }

    @Test
    void theSurveyNamesTruncatedAndForeignFilesAndCountsTheRowsOfTheSoundOnes() throws IOException {
        OutputLayout out = layout();
        write(out.runsFile("aa", "t"), RUNS, Map.of(ColumnRoles.METADATA_KEY, "status:outcome"), "COMPLETED");
        write(out.runsFile("bb", "t"), MessageTypeParser.parseMessageType("message x { required binary run_id (STRING); }"),
                Map.of(), new String[0]);
        byte[] whole = Files.readAllBytes(dir.resolve("runs/task=t/run-aa.parquet"));
        Files.createDirectories(dir.resolve("trajectories"));
        Files.write(dir.resolve("trajectories/run-aa.parquet"), java.util.Arrays.copyOf(whole, whole.length / 2));
        OutputTables.Survey s = OutputTables.survey(out);
        assertEquals(2, s.damaged().size(), s.damaged().toString());
        assertTrue(s.damaged().get(0).reason().startsWith("not a runs file: it lacks the column(s) status"), s.damaged().toString());
        assertTrue(s.damaged().get(1).reason().startsWith("not a readable Parquet file"), s.damaged().toString());
        assertEquals(1, s.rows(Table.RUNS));
        assertEquals(Role.OUTCOME, s.roles().get(Table.RUNS).get("status"));
    }
}
