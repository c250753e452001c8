package org.dalesweep.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.layout.OutputLayout;
import org.dalesweep.layout.OutputTables;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.Role;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.SpecColumn;
import org.dalesweep.schema.BoundariesColumn;
import org.dalesweep.schema.Table;

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

    /** The columns without which the analysis cannot read a {@code runs} table. */
    static final List<Column> REQUIRED = List.of(RunsColumn.RUN_ID, RunsColumn.STATUS, RunsColumn.ALPHA_FINAL,
            SpecColumn.ALPHA_TRAINABLE, SpecColumn.ALPHA_INIT);

    private final SparkSession spark;
    private final Path dir;
    private final boolean hasTrajectories;
    private final boolean hasParams;
    private final List<String> runColumns;
    private final Map<String, Role> declaredRoles;

    private SweepOutput(SparkSession spark, Path dir, boolean hasTrajectories, boolean hasParams,
                        List<String> runColumns, Map<String, Role> declaredRoles) {
        this.spark = spark;
        this.dir = dir;
        this.hasTrajectories = hasTrajectories;
        this.hasParams = hasParams;
        this.runColumns = runColumns;
        this.declaredRoles = Map.copyOf(declaredRoles);
    }

    /**
     * Opens {@code dir} and registers the views. {@code runs} is required; {@code trajectories}
     * and {@code params} are registered when present.
     *
     * @throws AnalysisInputException when the directory or its runs table is missing or unreadable
     */
    public static SweepOutput open(SparkSession spark, Path dir) throws AnalysisInputException {
        requireDirectory(dir);
        Path runsDir = dir.resolve(Table.RUNS.dir());
        OutputTables.Survey survey = refuseDamaged(spark, dir);
        Dataset<Row> runs = read(spark, runsDir, "runs");
        List<String> columns = List.of(runs.columns());
        for (String required : REQUIRED.stream().map(Column::columnName).toList()) {
            if (!columns.contains(required)) {
                throw new AnalysisInputException("the runs table under " + runsDir + " has no column '"
                        + required + "' (columns: " + String.join(", ", columns) + ")");
            }
        }
        runs.createOrReplaceTempView("runs_file");
        // the row count comes from the files' footers, read by the survey: size the session by it
        SparkSessions.sizeTo(spark, survey.rows(Table.RUNS));
        spark.sql("SELECT *" + missingColumns(Table.RUNS.knownColumns(), columns) + " FROM runs_file").createOrReplaceTempView("runs_raw");
        registerRuns(spark, null);
        boolean trajectories = registerDeduplicated(spark, dir.resolve(Table.TRAJECTORIES.dir()), "trajectories",
                Table.TRAJECTORIES);
        boolean params = registerDeduplicated(spark, dir.resolve(Table.PARAMS.dir()), "params", Table.PARAMS);
        Path boundaries = dir.resolve(BoundariesColumn.DIR);
        if (Files.isDirectory(boundaries)) {
            read(spark, boundaries, "boundaries").createOrReplaceTempView("boundaries");
        } else {
            spark.catalog().dropTempView("boundaries");
        }
        return new SweepOutput(spark, dir, trajectories, params, columns, survey.roles().get(Table.RUNS));
    }

    /** The {@code runs} view: one row per run id (the best attempt), optionally only the rows {@code where} selects. */
    private static void registerRuns(SparkSession spark, String where) {
        spark.sql("SELECT * EXCEPT (dedup_rank, source_file) FROM (SELECT *, row_number() OVER (PARTITION BY run_id"
                + " ORDER BY CASE status WHEN 'COMPLETED' THEN 0 WHEN 'DIVERGED' THEN 1 ELSE 2 END,"
                + " iterations DESC NULLS LAST, source_file) AS dedup_rank"
                + " FROM (SELECT *, input_file_name() AS source_file FROM runs_raw)) WHERE dedup_rank = 1"
                + (where == null ? "" : " AND (" + where + ")"))
                .createOrReplaceTempView("runs");
    }

    /**
     * Narrows the {@code runs} view to the rows {@code where} selects (the report's sections after
     * the prices read only the grid's own runs, not the refine's probes).
     */
    public void restrictRuns(String where) {
        registerRuns(spark, where);
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
        Path runsDir = dir.resolve(Table.RUNS.dir());
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
    private static OutputTables.Survey refuseDamaged(SparkSession spark, Path dir) throws AnalysisInputException {
        OutputTables.Survey survey;
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toAbsolutePath().toUri());
        try {
            survey = OutputTables.survey(OutputLayout.of(root, spark.sparkContext().hadoopConfiguration()));
        } catch (java.io.IOException e) {
            throw new AnalysisInputException("cannot list the sweep output at " + dir + ": " + e.getMessage(), e);
        }
        List<OutputTables.Damage> damaged = survey.damaged();
        if (!damaged.isEmpty()) {
            String named = damaged.stream().limit(5).map(d -> d.file().toUri().getPath() + " (" + d.reason() + ")")
                    .collect(Collectors.joining("; "));
            throw new AnalysisInputException(damaged.size() + (damaged.size() == 1 ? " damaged file" : " damaged files")
                    + " in the sweep output " + dir + ": " + named + (damaged.size() > 5 ? "; and " + (damaged.size() - 5) + " more" : "")
                    + ". Nothing was analysed. Running the sweep again (dalesweep run) moves damaged files to "
                    + dir.resolve(OutputLayout.QUARANTINE_DIR) + " and retrains their runs.");
        }
        return survey;
    }

    private static boolean registerDeduplicated(SparkSession spark, Path table, String view, Table declared)
            throws AnalysisInputException {
        String key = String.join(", ", declared.rowKey());
        if (!Files.isDirectory(table)) {
            spark.catalog().dropTempView(view);
            return false;
        }
        Dataset<Row> raw = read(spark, table, view);
        raw.createOrReplaceTempView(view + "_file");
        spark.sql("SELECT *" + missingColumns(declared.columns(), List.of(raw.columns())) + " FROM " + view + "_file")
                .createOrReplaceTempView(view + "_raw");
        spark.sql("SELECT * EXCEPT (dedup_rank, source_file) FROM (SELECT *, row_number() OVER (PARTITION BY "
                + key + " ORDER BY source_file) AS dedup_rank FROM (SELECT *, input_file_name() AS source_file FROM "
                + view + "_raw)) WHERE dedup_rank = 1").createOrReplaceTempView(view);
        return true;
    }

    /** {@code , CAST(NULL AS type) AS name} for every declared column the files lack (written by an older version). */
    private static String missingColumns(List<Column> columns, List<String> present) {
        StringBuilder missing = new StringBuilder();
        for (Column declared : columns) {
            if (!present.contains(declared.columnName())) {
                missing.append(", CAST(NULL AS ").append(declared.type().sqlName()).append(") AS ")
                        .append(declared.columnName());
            }
        }
        return missing.toString();
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

    /** True when the output has a {@code boundaries} table ({@code dalesweep refine}), registered as a view. */
    public boolean hasBoundaries() {
        return Files.isDirectory(dir.resolve(BoundariesColumn.DIR));
    }

    public boolean hasParams() {
        return hasParams;
    }

    public boolean hasColumn(String column) {
        return runColumns.contains(column);
    }

    /**
     * The role of a column of {@code runs}: the one its files declare in their key-value metadata
     * (output-schema's {@code ColumnRoles}), else — for files written before roles travelled with
     * the data, or by another writer — the one output-schema declares for the name.
     */
    public Optional<Role> role(String column) {
        Role declared = declaredRoles.get(column);
        return declared != null ? Optional.of(declared) : Table.RUNS.declaredRole(column);
    }

    /** The spec columns present in {@code runs}, in table order: the columns whose role is spec. */
    public List<String> specColumns() {
        return runColumns.stream()
                .filter(c -> role(c).orElse(null) == Role.SPEC)
                .collect(Collectors.toList());
    }
}
