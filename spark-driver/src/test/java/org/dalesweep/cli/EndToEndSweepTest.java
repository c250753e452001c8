package org.dalesweep.cli;

import org.dalesweep.spark.TinySweeps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.analysis.SweepOutput;
import org.dalesweep.linalg.VectorGemm;
import org.dalesweep.schema.ColumnRoles;
import org.dalesweep.schema.Role;
import org.dalesweep.spark.OutputCheck;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.sweep.SweepLoader;
import org.dalesweep.sweep.SweepPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole sweep with the real trainer (tiny runs) on local Spark, read back with Spark SQL and parquet-java. */
@Tag("spark")
class EndToEndSweepTest {

    @TempDir
    Path dir;

    static final String TINY = TinySweeps.shortTrials("tiny", 2, 12, 30, 32, "0.2, 0.8", "  network.tau_ratio: [0.5, 2]",
            "controls: true", "save_params: true");

    /**
     * {@code analyze} on the output the real writer wrote: the roles come from the files' metadata
     * (every file carries them), the spec columns are the grid's and the spec's, never an outcome or
     * the arm, and the report finds the grid's factors and compares learned runs with the controls.
     */
    private static void analyzeWhatTheWriterWrote(SparkSession spark, Path out) throws Exception {
        for (Path f : OutputCheck.runFiles(out)) {
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(f.toUri()), new Configuration()))) {
                Map<String, Role> roles = ColumnRoles.decode(r.getFooter().getFileMetaData().getKeyValueMetaData()
                        .get(ColumnRoles.METADATA_KEY));
                assertEquals(Role.SPEC, roles.get("tau_ratio"), f.toString());
                assertEquals(Role.SPEC, roles.get("task_coherences"), f.toString());
                assertEquals(Role.SPEC, roles.get("task"), "the partition column: " + f);
                assertEquals(Role.IDENTITY, roles.get("arm"), f.toString());
                assertEquals(Role.OUTCOME, roles.get("alpha_final"), f.toString());
                assertEquals(Role.PROVENANCE, roles.get("spec_json"), f.toString());
            }
        }
        SweepOutput opened = SweepOutput.open(spark, out);
        List<String> spec = opened.specColumns();
        assertTrue(spec.containsAll(List.of("task", "seed", "tau_ratio", "alpha_init", "alpha_trainable", "units",
                "task_coherences", "training_iterations")), spec.toString());
        for (String notSpec : List.of("arm", "task_name", "alpha_final", "alpha_delta", "status", "spec_json", "seconds")) {
            assertTrue(!spec.contains(notSpec), notSpec + " is not a spec column: " + spec);
        }
        CommandRun analyze = CommandRun.of(new AnalyzeCommand(), "--in", out.toString());
        assertEquals(0, analyze.exitCode(), analyze.out() + analyze.err());
        String md = Files.readString(out.resolve("report/report.md"));
        assertTrue(md.contains("tau_ratio"), "the grid's factor: " + md);
        assertTrue(md.contains("Learned alpha against the frozen controls"), md);
        assertTrue(!md.toLowerCase(java.util.Locale.ROOT).contains("no controls"),
                "every learned grid point is matched with its controls on the spec columns: " + md);
    }

    @Test
    void realSweepLandsInParquetEveryRunOnceAndASecondRunTrainsNothing() throws Exception {
        Path file = TinySweeps.write(dir, "tiny", TINY);
        Path out = dir.resolve("out");
        SweepPlan plan = new SweepLoader(new SpecCodec()).load(file, List.of());
        assertEquals(8 + 8, plan.runs().size(), "2x2 points x 2 seeds + (2 tau x 2 frozen x 2 seeds) controls");

        String[] args = {file.toString(), "--out", out.toString(), "--conf", "spark.ui.enabled=false", "--progress-seconds", "2"};
        CommandRun first = CommandRun.of(new RunCommand(), args);
        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertTrue(first.out().contains("[tiny] 16/16 done"), first.out());

        List<Group> rows = OutputCheck.runRows(out);
        assertEquals(plan.runs().size(), rows.size());
        assertEquals(Set.copyOf(plan.runIds()), rows.stream().map(g -> g.getString("run_id", 0)).collect(Collectors.toSet()));
        for (Group g : rows) {
            assertEquals("COMPLETED", g.getString("status", 0), g.getString("message", 0));
            double a = g.getDouble("alpha_final", 0);
            assertTrue(a >= 0 && a <= 1, "alpha_final " + a);
            assertEquals(30, g.getInteger("iterations", 0));
            assertEquals("perceptual_dm", g.getString("task_name", 0));
        }
        assertTrue(rows.stream().filter(g -> !g.getBoolean("alpha_trainable", 0))
                .allMatch(g -> g.getDouble("alpha_final", 0) == g.getDouble("alpha_init", 0)), "frozen controls keep alpha");

        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> runs = spark.read().parquet(out.resolve("runs").toString());
            runs.createOrReplaceTempView("runs");
            spark.read().parquet(out.resolve("trajectories").toString()).createOrReplaceTempView("trajectories");
            spark.read().parquet(out.resolve("params").toString()).createOrReplaceTempView("params");
            assertEquals(16, spark.sql("SELECT count(*) FROM runs").first().getLong(0));
            assertEquals(16, spark.sql("SELECT count(DISTINCT run_id) FROM runs").first().getLong(0));
            assertEquals(List.of("perceptual_dm"), spark.sql("SELECT DISTINCT task FROM runs").as(Encoders.STRING()).collectAsList());
            assertEquals(0, spark.sql("SELECT * FROM runs WHERE NOT (alpha_final BETWEEN 0 AND 1) OR alpha_final IS NULL").count());
            assertEquals(0, spark.sql("SELECT * FROM runs WHERE status <> 'COMPLETED'").count());
            assertEquals(16 * 4, spark.sql("SELECT count(*) FROM trajectories").first().getLong(0), "evaluations at 0, 10, 20, 30");
            assertEquals(0, spark.sql("SELECT * FROM runs r WHERE trajectory_points <> "
                    + "(SELECT count(*) FROM trajectories t WHERE t.run_id = r.run_id)").count());
            assertEquals(new HashSet<>(List.of("init", "final")),
                    new HashSet<>(spark.sql("SELECT DISTINCT stage FROM params").as(Encoders.STRING()).collectAsList()));
            assertEquals(0, spark.sql("SELECT * FROM params WHERE size(values) <> rows * cols").count());
            assertEquals(Set.of("learned", "frozen"), new HashSet<>(spark.sql("SELECT DISTINCT arm FROM runs")
                    .as(Encoders.STRING()).collectAsList()));
            assertEquals(0, spark.sql("SELECT * FROM runs WHERE (arm = 'frozen') = alpha_trainable"
                    + " OR alpha_delta <> alpha_final - alpha_init").count());

            analyzeWhatTheWriterWrote(spark, out);
        } finally {
            spark.stop();
        }

        List<Path> before = OutputCheck.runFiles(out);
        CommandRun second = CommandRun.of(new RunCommand(), args);
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("16 already done, 0 to train"), second.out());
        assertEquals(before, OutputCheck.runFiles(out));
    }

    /**
     * Issue 21: the same sweep trained in ensembles ({@code --ensemble 3}: tasks of up to three
     * runs of one shape, a frozen control among learned runs, multiplied by the vector kernel) and
     * one run per task gives the same rows in every table (run ids, arms, statuses, iterations,
     * trajectory points, parameters), every recorded number within the float32 tolerance that
     * EnsembleTrainingTest states (1e-3 relative), the timing column aside. 8 tiny runs twice: about 10 s.
     */
    @Test
    void aSweepInEnsemblesGivesTheSameRunsAsOneRunPerTaskWithinTheTolerance() throws Exception {
        Path file = dir.resolve("ens.yaml");
        Files.writeString(file, TinySweeps.shortTrials("ens", 2, 12, 20, 16, "0.2, 0.8", "controls: true",
                "save_params: true"));
        Path solo = dir.resolve("solo");
        Path together = dir.resolve("together");
        for (Path out : List.of(solo, together)) {
            CommandRun run = CommandRun.of(new RunCommand(), file.toString(), "--out", out.toString(), "--conf",
                    "spark.ui.enabled=false", "--master", "local[2]", "--ensemble", out == solo ? "1" : "3");
            assertEquals(0, run.exitCode(), run.out() + run.err());
        }
        for (Group g : OutputCheck.runRows(together)) {
            assertTrue(g.getString("blas_library", 0).startsWith(VectorGemm.NAME + " + "), "an ensemble's run records"
                    + " the vector products: " + g.getString("blas_library", 0));
        }
        for (Group g : OutputCheck.runRows(solo)) {
            assertFalse(g.getString("blas_library", 0).startsWith(VectorGemm.NAME), g.getString("blas_library", 0));
        }
        for (String table : List.of("runs", "trajectories", "params")) {
            assertTrue(OutputCheck.outcomes(solo, table).size() >= 8, table);
            double largest = OutputCheck.largestDifference(solo, together, table);
            assertTrue(largest <= 1e-3, table + ": largest relative difference " + largest);
        }
    }
}
