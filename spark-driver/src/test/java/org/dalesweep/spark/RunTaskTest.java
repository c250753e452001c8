package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.util.LongAccumulator;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTaskTest {

    @TempDir
    Path dir;

    private final SpecCodec codec = new SpecCodec();
    private final RunSpec spec = SpecCodec.defaults().withSeed(3);

    private RunTask.SweepCounters counters() {
        return new RunTask.SweepCounters(new LongAccumulator(), new LongAccumulator(), new LongAccumulator());
    }

    private RunTask task(RunExecutor executor, RunTask.SweepCounters counters) throws SchemaConflictException {
        return new RunTask(dir.toString(), null, "t", RunTables.runsSchema(List.of(spec), codec), false, executor, counters);
    }

    private MessageType schema() throws SchemaConflictException {
        return RunTables.runsSchema(List.of(spec), codec);
    }

    private static List<Path> visibleFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void aSecondAttemptOfACommittedRunTrainsNothingAndWritesNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RunExecutor counting = (s, keep) -> {
            calls.incrementAndGet();
            return FakeExecutor.quick().train(s, keep);
        };
        RunFiles files = new RunFiles(dir.toString(), new Configuration());
        RunTask.SweepCounters counters = counters();
        RunOutcome first = task(counting, counters).run(codec.canonicalJson(spec), files, codec, schema());
        List<Path> after1 = visibleFiles(dir);
        RunOutcome second = task(counting, counters).run(codec.canonicalJson(spec), files, codec, schema());
        assertEquals("COMPLETED", first.status());
        assertEquals(RunOutcome.ALREADY_DONE, second.status());
        assertEquals(1, calls.get());
        assertEquals(after1, visibleFiles(dir));
        assertEquals(2, after1.size(), "one runs file and one trajectory file: " + after1);
        assertEquals(java.util.Set.of(codec.runId(spec)), files.doneRuns().keySet());
        assertEquals(2, counters.done().value());
    }

    @Test
    void anErrorThrownByTrainingIsAFailedRowNotAFailedTask() throws Exception {
        RunFiles files = new RunFiles(dir.toString(), new Configuration());
        RunTask.SweepCounters counters = counters();
        RunOutcome o = task(new FakeExecutor(0, spec.alpha().init(), Double.NaN), counters)
                .run(codec.canonicalJson(spec), files, codec, schema());
        assertEquals("FAILED", o.status());
        assertEquals(1, counters.failed().value());
        Group row = RunTablesTest.readAll(files.runFile(codec.runId(spec), spec.task().name())).get(0);
        assertEquals("FAILED", row.getString("status", 0));
        assertTrue(row.getString("message", 0).contains("OutOfMemoryError"), row.getString("message", 0));
        assertEquals(0, row.getFieldRepetitionCount("alpha_final"), "not measured is null");
    }

    @Test
    void anOrphanTrajectoryOfACrashedAttemptIsReplaced() throws Exception {
        RunFiles files = new RunFiles(dir.toString(), new Configuration());
        String id = codec.runId(spec);
        Files.createDirectories(dir.resolve("trajectories"));
        Files.writeString(dir.resolve("trajectories/run-" + id + ".parquet"), "half-written by a killed attempt");
        RunOutcome o = task(FakeExecutor.quick(), counters()).run(codec.canonicalJson(spec), files, codec, schema());
        assertEquals("COMPLETED", o.status());
        List<Group> points = RunTablesTest.readAll(files.trajectoryFile(id));
        assertFalse(points.isEmpty());
        assertEquals(id, points.get(0).getString("run_id", 0));
    }

    @Test
    void specJsonThatIsNotASpecIsAnError() throws Exception {
        RunFiles files = new RunFiles(dir.toString(), new Configuration());
        org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> task(FakeExecutor.quick(), counters()).run("{\"network\": {\"units\": 0}}", files, codec, schema()));
    }
}
