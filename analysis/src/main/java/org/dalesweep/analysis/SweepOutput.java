package org.dalesweep.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.spec.SpecCodec;

/**
 * A sweep's Parquet output (DESIGN §6) opened in Spark: the tables {@code runs},
 * {@code trajectories} and {@code params} registered as temporary views, each deduplicated so
 * that a run written twice (a crash between the write and the bookkeeping) counts once.
 *
 * <p>Deduplication is deterministic: among the copies of one run the row kept is the one with
 * the best status (COMPLETED, then DIVERGED, then FAILED), then the most iterations, then the
 * smallest source file name. Trajectory and parameter rows are deduplicated on their own keys.
 */
public final class SweepOutput {

    /** Columns of {@code runs} that describe the run or its outcome, not its spec. */
    static final Set<String> NON_SPEC_COLUMNS = Set.of("run_id", "sweep", "status", "message", "stop_reason",
            "tool_version", "blas_library", "spec_json", "task_name", "iterations", "seconds", "alpha_final", "alpha_min",
            "alpha_max", "alpha_final_e", "alpha_final_i", "alpha_neurons", "final_loss", "final_task_loss",
            "accuracy", "dale_norm", "free_norm", "spectral_radius_init", "spectral_radius_final",
            "svd_entropy_init", "svd_entropy_final", "daleness_init", "daleness_final");

    /** Outcome columns the analysis reads; an output without one gets it as NULL (and says so by hasColumn). */
    static final List<String> OPTIONAL_OUTCOMES = List.of("iterations", "final_loss", "final_task_loss", "accuracy",
            "spectral_radius_init", "spectral_radius_final", "svd_entropy_init", "svd_entropy_final");

    private final SparkSession spark;
    private final Path dir;
    private final boolean hasTrajectories;
    private final boolean hasParams;
    private final List<String> runColumns;

    private SweepOutput(SparkSession spark, Path dir, boolean hasTrajectories, boolean hasParams,
                        List<String> runColumns) {
        this.spark = spark;
        this.dir = dir;
        this.hasTrajectories = hasTrajectories;
        this.hasParams = hasParams;
        this.runColumns = runColumns;
    }

    /**
     * Opens {@code dir} and registers the views. {@code runs} is required; {@code trajectories}
     * and {@code params} are registered when present.
     *
     * @throws AnalysisInputException when the directory or its runs table is missing or unreadable
     */
    public static SweepOutput open(SparkSession spark, Path dir) throws AnalysisInputException {
        requireDirectory(dir);
        Path runsDir = dir.resolve("runs");
        refuseDamaged(spark, dir);
        Dataset<Row> runs = read(spark, runsDir, "runs");
        List<String> columns = List.of(runs.columns());
        for (String required : List.of("run_id", "status", "alpha_final", "alpha_trainable", "alpha_init")) {
            if (!columns.contains(required)) {
                throw new AnalysisInputException("the runs table under " + runsDir + " has no column '"
                        + required + "' (columns: " + String.join(", ", columns) + ")");
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String optional : OPTIONAL_OUTCOMES) {
            if (!columns.contains(optional)) {
                missing.append(", CAST(NULL AS ").append(optional.equals("iterations") ? "INT" : "DOUBLE")
                        .append(") AS ").append(optional);
            }
        }
        runs.createOrReplaceTempView("runs_file");
        spark.sql("SELECT *" + missing + " FROM runs_file").createOrReplaceTempView("runs_raw");
        spark.sql("SELECT * EXCEPT (dedup_rank, source_file) FROM (SELECT *, row_number() OVER (PARTITION BY run_id"
                + " ORDER BY CASE status WHEN 'COMPLETED' THEN 0 WHEN 'DIVERGED' THEN 1 ELSE 2 END,"
                + " iterations DESC NULLS LAST, source_file) AS dedup_rank"
                + " FROM (SELECT *, input_file_name() AS source_file FROM runs_raw)) WHERE dedup_rank = 1")
                .createOrReplaceTempView("runs");
        boolean trajectories = registerDeduplicated(spark, dir.resolve("trajectories"), "trajectories",
                "run_id, iteration");
        boolean params = registerDeduplicated(spark, dir.resolve("params"), "params", "run_id, stage, name");
        return new SweepOutput(spark, dir, trajectories, params, columns);
    }

    /**
     * Checks, before any Spark starts, that {@code dir} looks like a sweep output: a directory
     * with a {@code runs} directory.
     *
     * @throws AnalysisInputException naming the path that is missing or is a file
     */
    public static void requireDirectory(Path dir) throws AnalysisInputException {
        if (!Files.isDirectory(dir)) {
            throw new AnalysisInputException("no sweep output at " + dir + ": " + (Files.exists(dir)
                    ? "it is a file, expected a directory" : "the directory does not exist"));
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new AnalysisInputException("cannot read the sweep output at " + dir + ": permission denied");
        }
        Path runsDir = dir.resolve("runs");
        if (!Files.isDirectory(runsDir)) {
            throw new AnalysisInputException("no sweep output at " + dir + ": " + runsDir
                    + (Files.exists(runsDir) ? " is a file, expected a directory" : " does not exist")
                    + " (expected <out>/runs/task=<task>/*.parquet)");
        }
    }

    /**
     * Fails, naming the files, when a table holds a truncated or foreign file: reading on would
     * fail half-way or turn the foreign rows into nulls. {@code dalesweep run} on the same sweep
     * moves such files to {@code <out>/quarantine/} and retrains their runs.
     */
    private static void refuseDamaged(SparkSession spark, Path dir) throws AnalysisInputException {
        List<OutputTables.Damage> damaged;
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toAbsolutePath().toUri());
        try {
            damaged = OutputTables.inspect(root.getFileSystem(spark.sparkContext().hadoopConfiguration()), root);
        } catch (java.io.IOException e) {
            throw new AnalysisInputException("cannot list the sweep output at " + dir + ": " + e.getMessage(), e);
        }
        if (!damaged.isEmpty()) {
            String named = damaged.stream().limit(5).map(d -> d.file().toUri().getPath() + " (" + d.reason() + ")")
                    .collect(Collectors.joining("; "));
            throw new AnalysisInputException(damaged.size() + (damaged.size() == 1 ? " damaged file" : " damaged files")
                    + " in the sweep output " + dir + ": " + named + (damaged.size() > 5 ? "; and " + (damaged.size() - 5) + " more" : "")
                    + ". Nothing was analysed. Running the sweep again (dalesweep run) moves damaged files to "
                    + dir.resolve("quarantine") + " and retrains their runs.");
        }
    }

    private static boolean registerDeduplicated(SparkSession spark, Path table, String view, String key)
            throws AnalysisInputException {
        if (!Files.isDirectory(table)) {
            spark.catalog().dropTempView(view);
            return false;
        }
        read(spark, table, view).createOrReplaceTempView(view + "_raw");
        spark.sql("SELECT * EXCEPT (dedup_rank, source_file) FROM (SELECT *, row_number() OVER (PARTITION BY "
                + key + " ORDER BY source_file) AS dedup_rank FROM (SELECT *, input_file_name() AS source_file FROM "
                + view + "_raw)) WHERE dedup_rank = 1").createOrReplaceTempView(view);
        return true;
    }

    private static Dataset<Row> read(SparkSession spark, Path table, String name) throws AnalysisInputException {
        try {
            return spark.read().option("basePath", table.toString()).parquet(table.toString());
        } catch (RuntimeException e) {
            throw new AnalysisInputException("cannot read the " + name + " table at " + table + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    public SparkSession spark() {
        return spark;
    }

    public Path dir() {
        return dir;
    }

    public boolean hasTrajectories() {
        return hasTrajectories;
    }

    public boolean hasParams() {
        return hasParams;
    }

    public boolean hasColumn(String column) {
        return runColumns.contains(column);
    }

    /**
     * The spec columns present in {@code runs}: the flat columns of a resolved spec
     * ({@link SpecCodec#flatten}) plus every task parameter column {@code task_*}.
     */
    public List<String> specColumns() {
        Set<String> spec = new LinkedHashSet<>(new SpecCodec().flatten(SpecCodec.defaults()).keySet());
        return runColumns.stream()
                .filter(c -> !NON_SPEC_COLUMNS.contains(c))
                .filter(c -> spec.contains(c) || c.startsWith("task_"))
                .collect(Collectors.toList());
    }
}
