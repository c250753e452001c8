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
    private final RunSpec spec = RunSpec.DEFAULT.withSeed(3);

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

    private RunSpec tiny(long seed, String... sets) throws SpecException {
        List<String> all = new java.util.ArrayList<>(List.of("seed=" + seed, "network.units=8", "training.iterations=6",
                "training.eval_every=3", "training.eval_batch=4", "training.batch_size=4"));
        all.addAll(List.of(sets));
        return codec.parse("", "test", all);
    }

    /**
     * Issue 21: one task's ensemble skips its committed run, writes every other run once as it
     * ends, and a run that fails is that run's FAILED row while the others complete.
     */
    @Test
    void anEnsembleWritesEachRunOnceAndAFailureIsThatRunsRowOnly() throws Exception {
        List<RunSpec> specs = List.of(tiny(1), tiny(2, "training.eval_batch=2000000000"), tiny(3, "training.iterations=3"),
                tiny(4, "alpha.trainable=false"));
        RunFiles files = new RunFiles(dir.toString(), new Configuration());
        RunTask.SweepCounters counters = counters();
        MessageType schema = RunTables.runsSchema(specs, codec);
        RunTask task = new RunTask(dir.toString(), null, "t", schema, false, new TrainerExecutor(), counters);
        task.run(codec.canonicalJson(specs.get(3)), files, codec, schema);
        List<RunOutcome> outcomes = task.run(specs.stream().map(codec::canonicalJson).toList(), files, codec, schema);
        assertEquals(specs.stream().map(codec::runId).toList(), outcomes.stream().map(RunOutcome::runId).toList());
        assertEquals(List.of("COMPLETED", "FAILED", "COMPLETED", RunOutcome.ALREADY_DONE),
                outcomes.stream().map(RunOutcome::status).toList());
        assertEquals(java.util.Set.copyOf(specs.stream().map(codec::runId).toList()), files.doneRuns().keySet());
        assertEquals(5, counters.done().value(), "the frozen run's first training, then four runs");
        assertEquals(1, counters.failed().value());
        Group failed = RunTablesTest.readAll(files.runFile(codec.runId(specs.get(1)), "perceptual_dm")).get(0);
        assertEquals("FAILED", failed.getString("status", 0));
        Group shorter = RunTablesTest.readAll(files.runFile(codec.runId(specs.get(2)), "perceptual_dm")).get(0);
        assertEquals(3, shorter.getInteger("iterations", 0));
    }

    @Test
    void ensemblesGroupRunsOfOneShapeInPlanOrderWithAtLeastOneTaskPerSlot() throws Exception {
        List<org.dalesweep.sweep.PlannedRun> runs = new java.util.ArrayList<>();
        for (int seed = 1; seed <= 5; seed++) {
            RunSpec small = tiny(seed);
            RunSpec large = tiny(seed, "network.units=16");
            runs.add(new org.dalesweep.sweep.PlannedRun(codec.runId(small), small, false));
            runs.add(new org.dalesweep.sweep.PlannedRun(codec.runId(large), large, false));
        }
        List<List<String>> four = SweepRunner.ensembles(runs, 4, 2, codec);
        assertEquals(List.of(4, 1, 4, 1), four.stream().map(List::size).toList());
        assertEquals(codec.canonicalJson(runs.get(0).spec()), four.get(0).get(0));
        assertEquals(codec.canonicalJson(runs.get(2).spec()), four.get(0).get(1), "the same shape, next in the plan");
        assertEquals(codec.canonicalJson(runs.get(1).spec()), four.get(2).get(0));
        assertEquals(List.of(2, 2, 1, 2, 2, 1), SweepRunner.ensembles(runs, 4, 4, codec).stream().map(List::size).toList(),
                "10 runs on 4 slots: groups of 2");
        assertEquals(10, SweepRunner.ensembles(runs, 1, 2, codec).size(), "--ensemble 1: one run per task");
    }
}
