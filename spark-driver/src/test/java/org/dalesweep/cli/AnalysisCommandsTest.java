package org.dalesweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.dalesweep.analysis.SparkColumns;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.ColumnType;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.SpecColumn;
import org.dalesweep.schema.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dalesweep sql} and {@code dalesweep analyze} run in-process on a tiny output with one
 * run written twice: the output formats, the deduplicated views, and the messages and exit code
 * 2 for a missing directory and a bad query.
 */
class AnalysisCommandsTest {

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path in;

    @BeforeAll
    static void writeOutput() {
        // the commands' SparkSessions.forCommand picks up this session (getOrCreate)
        spark = SparkSession.builder().master("local[2]").appName("AnalysisCommandsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        in = tmp.resolve("out");
        StructType schema = SparkColumns.struct(List.of(RunsColumn.RUN_ID, RunsColumn.STATUS, SpecColumn.SEED,
                SpecColumn.TAU_RATIO, SpecColumn.ALPHA_INIT, SpecColumn.ALPHA_TRAINABLE, RunsColumn.ITERATIONS,
                RunsColumn.ALPHA_FINAL, RunsColumn.FINAL_LOSS, RunsColumn.ACCURACY,
                SpecColumn.taskParameter("coherences", ColumnType.DOUBLE_LIST, "")));
        List<org.apache.spark.sql.Row> rows = List.of(
                RowFactory.create("r1", "COMPLETED", 1L, 1.0, 0.5, true, 10, 0.95, 0.1, 0.9, List.of(1.0, 2.0)),
                RowFactory.create("r2", "COMPLETED", 2L, 4.0, 0.5, true, 10, 0.15, 0.2, 0.8, List.of(1.0, 2.0)),
                RowFactory.create("r3", "DIVERGED", 3L, 4.0, 0.5, true, 4, null, null, null, List.of(1.0, 2.0)));
        String runs = in.resolve("runs/task=pdm").toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(runs);
        spark.createDataFrame(rows.subList(0, 1), schema).write().mode(SaveMode.Append).parquet(runs);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void tablePrintsAlignedDeduplicatedRows() {
        Run r = run(new SqlCommand(), "--in", in.toString(),
                "SELECT run_id, task, tau_ratio, task_coherences FROM runs ORDER BY run_id");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("run_id | task | tau_ratio | task_coherences", lines.get(0));
        assertEquals("r1     | pdm  |       1.0 | [1.0, 2.0]", lines.get(2));
        assertEquals("(3 rows)", lines.get(5));
    }

    @Test
    void csvAndJsonLinesCarryTheSameRows() {
        Run csv = run(new SqlCommand(), "--in", in.toString(), "--format", "csv",
                "SELECT run_id, alpha_final, status FROM runs WHERE status = 'COMPLETED' ORDER BY run_id");
        assertEquals(0, csv.exit(), csv.err());
        assertEquals(List.of("run_id,alpha_final,status", "r1,0.95,COMPLETED", "r2,0.15,COMPLETED"),
                csv.out().lines().toList());
        Run json = run(new SqlCommand(), "--in", in.toString(), "--format", "JSON",
                "SELECT run_id, seed FROM runs ORDER BY run_id LIMIT 1");
        assertEquals(List.of("{\"run_id\":\"r1\",\"seed\":1}"), json.out().lines().toList());
    }

    @Test
    void aMissingDirectoryExitsWithTwoAndNamesThePath() {
        Path nowhere = tmp.resolve("nowhere");
        Run r = run(new SqlCommand(), "--in", nowhere.toString(), "SELECT 1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(nowhere.toString()), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        Run a = run(new AnalyzeCommand(), "--in", nowhere.toString());
        assertEquals(2, a.exit());
        assertTrue(a.err().contains(nowhere.toString()), a.err());
    }

    @Test
    void aBadQueryExitsWithTwoAndSparksMessage() {
        Run parse = run(new SqlCommand(), "--in", in.toString(), "SELEC run_id FROM runs");
        assertEquals(2, parse.exit());
        assertTrue(parse.err().contains("PARSE_SYNTAX_ERROR"), parse.err());
        assertFalse(parse.err().contains("\tat "), "no stack trace: " + parse.err());
        Run column = run(new SqlCommand(), "--in", in.toString(), "SELECT no_such_column FROM runs");
        assertEquals(2, column.exit());
        assertTrue(column.err().contains("no_such_column"), column.err());
        Run format = run(new SqlCommand(), "--in", in.toString(), "--format", "xml", "SELECT 1");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("xml"), format.err());
    }

    @Test
    void analyzeWritesTheReportIntoTheDefaultDirectory() throws Exception {
        Run r = run(new AnalyzeCommand(), "--in", in.toString());
        assertEquals(0, r.exit(), r.err());
        Path report = in.resolve("report");
        assertTrue(r.out().contains(report.resolve("report.html").toString()), r.out());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("| tau_ratio | runs |"), md);
        assertTrue(Files.readString(report.resolve("report.html")).contains("<table>"));
    }

    /**
     * {@code analyze --bench}: the synthetic output has every declared column with its declared
     * type, the real tasks' spec columns, nulls where the writer writes them, and is analysed.
     */
    @Test
    void theSyntheticBenchOutputIsTheDeclaredSchemaAndIsAnalysed() throws Exception {
        Path bench = tmp.resolve("bench");
        Run r = run(new AnalyzeCommand(), "--in", bench.toString(), "--bench", "600", "--bench-points", "3");
        assertEquals(0, r.exit(), r.err());
        StructType runs = spark.read().parquet(bench.resolve("runs").toString()).schema();
        for (Column c : Table.RUNS.columns()) {
            assertTrue(DataType.equalsStructurally(SparkColumns.dataType(c.type()), runs.apply(c.columnName()).dataType(), true),
                    c.columnName() + ": " + runs.apply(c.columnName()).dataType());
        }
        StructType points = spark.read().parquet(bench.resolve("trajectories").toString()).schema();
        for (Column c : Table.TRAJECTORIES.columns()) {
            assertTrue(DataType.equalsStructurally(SparkColumns.dataType(c.type()), points.apply(c.columnName()).dataType(),
                    true), c.columnName() + ": " + points.apply(c.columnName()).dataType());
        }
        spark.read().parquet(bench.resolve("runs").toString()).createOrReplaceTempView("bench_runs");
        assertEquals(List.of("adding", "go_nogo", "perceptual_dm"), spark.sql("SELECT DISTINCT task FROM bench_runs ORDER BY 1")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), "real task names");
        assertEquals(0L, spark.sql("SELECT count(*) FROM bench_runs WHERE isnan(alpha_final) OR isnan(final_loss)"
                + " OR (status = 'FAILED' AND alpha_final IS NOT NULL) OR isnan(pressure_late_mean)"
                + " OR (status = 'FAILED' AND pressure_mean IS NOT NULL)").first().getLong(0),
                "null, never NaN, where the writer writes null");
        assertEquals(List.of("frozen", "learned", "twin"), spark.sql("SELECT DISTINCT arm FROM bench_runs ORDER BY 1")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), "the three arms");
        assertEquals(0L, spark.sql("SELECT count(*) FROM bench_runs WHERE (arm = 'twin') <> (dale_map = 'none')")
                .first().getLong(0), "a twin is the run with dale_map none");
        assertTrue(spark.sql("SELECT count(*) FROM bench_runs WHERE task = 'perceptual_dm' AND task_coherences IS NOT NULL"
                + " AND task_length IS NULL").first().getLong(0) > 0, "a task's own parameters, null for the others");
        assertTrue(Files.exists(bench.resolve("report/report.md")));
    }
}
