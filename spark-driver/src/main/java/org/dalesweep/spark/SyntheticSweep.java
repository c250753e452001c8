package org.dalesweep.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.ColumnType;
import org.dalesweep.schema.Role;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.SpecColumn;
import org.dalesweep.schema.Table;
import org.dalesweep.schema.TrajectoriesColumn;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.Tasks;

/**
 * A synthetic sweep output for the scale benchmark of {@code analyze --bench}: {@code runs} runs
 * in the layout of the real output (runs/task=…/, trajectories/ with {@code points} evaluations
 * per completed run), generated and written by Spark without training anything. Its columns are
 * the declared ones (output-schema) with their declared types, and the spec columns those
 * {@link SpecCodec#flatten} gives the real tasks' specs; a column the generator has no law for is
 * null, as is every figure the real writer leaves null (a FAILED run's outcomes, a DIVERGED run's
 * final spectra, and the columns the trainer does not fill yet). The grid: three real tasks × four
 * tau_ratio × two loss variants × two granularities; the rows come in pairs sharing a grid point
 * and seed: 90 % of the pairs are a learned run and its twin ({@code dale_map: none}), 10 % the
 * frozen controls at alpha 0 and 1. alpha_final follows a known logistic law in tau_ratio and the
 * task (the twin's without tau_ratio), and so does the pressure: a large early transient the pair
 * shares, then a late pressure toward Dale with tau_ratio > 1 in the learned arm only, so the
 * report has something to find. 2 % of runs diverge, 1 % fail.
 */
public final class SyntheticSweep {

    /** The tasks of the synthetic grid; the third, a regression, has the lower odds of Dale. */
    static final List<String> TASKS = List.of("perceptual_dm", "go_nogo", "adding");

    /** Spec columns the grid varies: their values come from the plan, not from the base spec. */
    private static final Set<String> VARIED = Set.of("seed", "task", "tau_ratio", "loss_rate_l2", "alpha_granularity",
            "alpha_init", "alpha_trainable", "dale_map");

    /** The laws of the runs table: a declared column without one is null. */
    private static final Map<RunsColumn, String> RUN_LAWS = runLaws();

    /** The laws of the trajectories table. */
    private static final Map<TrajectoriesColumn, String> POINT_LAWS = pointLaws();

    private SyntheticSweep() {
    }

    private static Map<RunsColumn, String> runLaws() {
        Map<RunsColumn, String> m = new LinkedHashMap<>();
        m.put(RunsColumn.RUN_ID, "concat('syn', lpad(hex(id), 13, '0'))");
        m.put(RunsColumn.SWEEP, "'synthetic'");
        m.put(RunsColumn.TASK_NAME, "task");
        m.put(RunsColumn.ARM, "arm");
        m.put(RunsColumn.STATUS, "status");
        m.put(RunsColumn.MESSAGE, "if(status = 'COMPLETED', '', 'synthetic failure')");
        m.put(RunsColumn.STOP_REASON, "CASE status WHEN 'COMPLETED' THEN 'iterations' WHEN 'DIVERGED' THEN 'diverged'"
                + " ELSE 'failed' END");
        m.put(RunsColumn.ITERATIONS, "CASE status WHEN 'COMPLETED' THEN 50 WHEN 'DIVERGED' THEN 7 ELSE 0 END");
        m.put(RunsColumn.SECONDS, "0.5 + u1");
        m.put(RunsColumn.ALPHA_FINAL, "alpha_final");
        m.put(RunsColumn.ALPHA_DELTA, "alpha_final - alpha_init");
        m.put(RunsColumn.ALPHA_MIN, "least(alpha_init, alpha_final)");
        m.put(RunsColumn.ALPHA_MAX, "greatest(alpha_init, alpha_final)");
        m.put(RunsColumn.ALPHA_FINAL_E, "if(alpha_granularity = 'neuron', least(1D, alpha_final + 0.05 * (1 - alpha_final)),"
                + " alpha_final)");
        m.put(RunsColumn.ALPHA_FINAL_I, "if(alpha_granularity = 'neuron', greatest(0D, alpha_final - 0.15 * (1 - alpha_final)),"
                + " alpha_final)");
        m.put(RunsColumn.ALPHA_NEURONS, "CASE WHEN status = 'FAILED' THEN CAST(array() AS ARRAY<DOUBLE>)"
                + " WHEN alpha_granularity = 'neuron' THEN transform(sequence(0, 15), i -> least(1D, greatest(0D,"
                + " alpha_final + if(i < 12, 0.05, -0.15) * (1 - alpha_final)))) ELSE array(alpha_final) END");
        m.put(RunsColumn.FINAL_LOSS, "if(status = 'FAILED', NULL, final_loss)");
        m.put(RunsColumn.FINAL_TASK_LOSS, "if(status = 'FAILED', NULL, final_loss)");
        m.put(RunsColumn.ACCURACY, "CASE status WHEN 'COMPLETED' THEN 0.5 + 0.45 * u1 WHEN 'DIVERGED' THEN 0.5 END");
        m.put(RunsColumn.DALE_NORM, "if(status = 'COMPLETED', 3 * alpha_final, NULL)");
        m.put(RunsColumn.FREE_NORM, "if(status = 'COMPLETED', 3 * (1 - alpha_final), NULL)");
        m.put(RunsColumn.SPECTRAL_RADIUS_INIT, "if(status = 'FAILED', NULL, 1.2 + 0.6 * u2)");
        m.put(RunsColumn.SPECTRAL_RADIUS_FINAL, "if(status = 'COMPLETED', 1.0 + 0.5 * u1, NULL)");
        m.put(RunsColumn.SVD_ENTROPY_INIT, "if(status = 'FAILED', NULL, 0.85 - 0.1 * alpha_init + 0.05 * u2)");
        m.put(RunsColumn.SVD_ENTROPY_FINAL, "if(status = 'COMPLETED', 0.8D, NULL)");
        m.put(RunsColumn.DALENESS_INIT, "if(status = 'FAILED', NULL, if(alpha_init = 1, 1D, 0D))");
        m.put(RunsColumn.DALENESS_FINAL, "if(status = 'COMPLETED', if(alpha_final >= 0.99, 1D, 0D), NULL)");
        m.put(RunsColumn.WRONG_SIGN_MASS_INIT, "if(status = 'FAILED', NULL, 400 * (1 - alpha_init))");
        m.put(RunsColumn.WRONG_SIGN_MASS_FINAL, "if(status = 'COMPLETED', 400 * (1 - alpha_final), NULL)");
        m.put(RunsColumn.FREE_WRONG_SIGN_MASS_FINAL, "if(status = 'COMPLETED', 400D, NULL)");
        m.put(RunsColumn.TRAJECTORY_POINTS, "if(status = 'COMPLETED', points, 0)");
        m.put(RunsColumn.VAL_ACCURACY, "CASE status WHEN 'COMPLETED' THEN 0.5 + 0.45 * u1 WHEN 'DIVERGED' THEN 0.5 END");
        m.put(RunsColumn.PRESSURE_MEAN, "if(status = 'FAILED', NULL, pressure_late + transient / 10)");
        m.put(RunsColumn.PRESSURE_T, "if(status = 'FAILED', NULL, (pressure_late + transient / 10) / 0.004)");
        m.put(RunsColumn.PRESSURE_FRAC_DALE, "if(status = 'FAILED', NULL, least(1D, greatest(0D, 0.5 + 40 * pressure_late)))");
        m.put(RunsColumn.PRESSURE_LATE_MEAN, "if(status = 'FAILED', NULL, pressure_late)");
        m.put(RunsColumn.PRESSURE_LATE_T, "if(status = 'FAILED', NULL, pressure_late / 0.001)");
        m.put(RunsColumn.TOOL_VERSION, "'bench'");
        m.put(RunsColumn.BLAS_LIBRARY, "'synthetic'");
        m.put(RunsColumn.GIT_COMMIT, "'unknown'");
        m.put(RunsColumn.JAVA_VERSION, "'synthetic'");
        m.put(RunsColumn.OS_ARCH, "'synthetic'");
        m.put(RunsColumn.CPU_MODEL, "'synthetic'");
        m.put(RunsColumn.SPEC_JSON, "'{\"synthetic\": true}'");
        return m;
    }

    private static Map<TrajectoriesColumn, String> pointLaws() {
        Map<TrajectoriesColumn, String> m = new LinkedHashMap<>();
        String alpha = "if(alpha_trainable, alpha_init + (alpha_final - alpha_init) * (1 - exp(-it / 10.0)), alpha_init)";
        String loss = "final_loss * (1 + 4 * exp(-it / 8.0))";
        m.put(TrajectoriesColumn.RUN_ID, "run_id");
        m.put(TrajectoriesColumn.ITERATION, "it * 20");
        m.put(TrajectoriesColumn.SECONDS, "it * 0.1D");
        m.put(TrajectoriesColumn.ALPHA_MEAN, alpha);
        m.put(TrajectoriesColumn.ALPHA_MIN, alpha);
        m.put(TrajectoriesColumn.ALPHA_MAX, alpha);
        m.put(TrajectoriesColumn.TRAIN_LOSS, loss);
        m.put(TrajectoriesColumn.EVAL_LOSS, loss);
        m.put(TrajectoriesColumn.EVAL_TASK_LOSS, loss);
        m.put(TrajectoriesColumn.ACCURACY, "accuracy * (1 - exp(-it / 8.0))");
        m.put(TrajectoriesColumn.GRAD_NORM, "if(it = 0, NULL, 1D)");
        m.put(TrajectoriesColumn.ALPHA_GRAD_NORM, "if(it = 0, NULL, 0.1D)");
        String pressure = "pressure_late + transient * exp(-it / 2.0)";
        m.put(TrajectoriesColumn.PRESSURE_MEAN, pressure);
        m.put(TrajectoriesColumn.PRESSURE_SE, "0.001D");
        m.put(TrajectoriesColumn.PRESSURE_TASK_MEAN, pressure);
        m.put(TrajectoriesColumn.PRESSURE_REG_MEAN, "0D");
        m.put(TrajectoriesColumn.PRESSURE_FRAC_DALE, "least(1D, greatest(0D, 0.5 + 40 * (" + pressure + ")))");
        m.put(TrajectoriesColumn.PRESSURE_E_MEAN, "if(alpha_granularity = 'neuron', 1.2 * (" + pressure + "), NULL)");
        m.put(TrajectoriesColumn.PRESSURE_I_MEAN, "if(alpha_granularity = 'neuron', 0.4 * (" + pressure + "), NULL)");
        return m;
    }

    public static void write(SparkSession spark, Path dir, long runs, int points) {
        // rows come in pairs (id DIV 2) that share a grid point and seed: a learned run and its twin
        // (dale_map none), or, for 10 % of the pairs, the frozen controls at alpha 0 and alpha 1
        spark.range(runs).selectExpr("id", "id DIV 2 AS pair", "id % 2 = 1 AS odd").selectExpr("id", "odd",
                "element_at(array(" + String.join(", ", TASKS.stream().map(SyntheticSweep::quote).toList())
                        + "), cast(pair % 3 AS int) + 1) AS task",
                "element_at(array(0.5D, 1D, 2D, 4D), cast((pair DIV 3) % 4 AS int) + 1) AS tau_ratio",
                "if((pair DIV 12) % 2 = 0, 0D, 0.01D) AS loss_rate_l2",
                "if((pair DIV 24) % 2 = 0, 'network', 'neuron') AS alpha_granularity",
                "pair DIV 48 AS seed",
                "rand(7) AS u1", "rand(11) AS u2", "pmod(xxhash64(pair, 13), 1000000) / 1e6D AS u3",
                "pmod(xxhash64(pair, 17), 1000000) / 1e6D AS up")
                .createOrReplaceTempView("synthetic_base");
        spark.sql("SELECT *, CASE WHEN u3 < 0.10 THEN if(odd, 1D, 0D) ELSE 0.5D END AS alpha_init,"
                + " u3 >= 0.10 AS alpha_trainable,"
                + " CASE WHEN u3 < 0.10 THEN 'frozen' WHEN odd THEN 'twin' ELSE 'learned' END AS arm,"
                + " if(u3 >= 0.10 AND odd, 'none', 'abs') AS dale_map,"
                + " CASE WHEN u2 < 0.02 THEN 'DIVERGED' WHEN u2 < 0.03 THEN 'FAILED' ELSE 'COMPLETED' END AS status,"
                + " 1 / (1 + exp(-(-1.0 + if(u3 >= 0.10 AND odd, 0D, 0.8 * log2(tau_ratio)) + if(task = 'adding', -1.0, 0.5)"
                + " - 100 * loss_rate_l2))) AS p_dale, " + points + " AS points FROM synthetic_base")
                .createOrReplaceTempView("synthetic_plan");
        // the pressure: a large early transient the pair shares (initialisation), then a late pressure
        // that is toward Dale with tau_ratio > 1 in the learned arm only; at the frozen ends free weights help
        // a Dale network (alpha = 1: negative) and Dale helps a free one with slow inhibition (alpha = 0)
        spark.sql("SELECT *,"
                + " CASE WHEN status = 'FAILED' THEN NULL WHEN status = 'DIVERGED' OR NOT alpha_trainable THEN alpha_init"
                + " WHEN u1 < p_dale THEN 0.9 + 0.1 * u1 / p_dale ELSE 0.9 * (u1 - p_dale) / (1 - p_dale) END"
                + " AS alpha_final,"
                + " CASE WHEN status = 'DIVERGED' THEN 1e3 ELSE 0.2 + 0.3 * u2 + 0.2 * if(alpha_trainable, 0D, alpha_init)"
                + " END AS final_loss,"
                + " -0.1 * (1 + 2 * up) AS transient,"
                + " 0.002 * (up - 0.5) + 0.004 * (u2 - 0.5) + CASE arm"
                + " WHEN 'learned' THEN 0.002 * log2(tau_ratio) + if(task = 'adding', -0.002, 0.001)"
                + " WHEN 'frozen' THEN if(alpha_init = 1, -0.003, 0.001 * log2(tau_ratio)) ELSE 0D END AS pressure_late"
                + " FROM synthetic_plan").createOrReplaceTempView("synthetic_values");

        SpecPart spec = specPart();
        List<String> runColumns = new ArrayList<>();
        for (Column c : Table.RUNS.columns()) {
            if (c.role() == Role.IDENTITY) {
                runColumns.add(law(c, RUN_LAWS.get(c)));
            }
        }
        for (Column c : spec.columns().values()) {
            runColumns.add(law(c, VARIED.contains(c.columnName()) ? c.columnName() : spec.literal(c)));
        }
        for (Column c : Table.RUNS.columns()) {
            if (c.role() != Role.IDENTITY) {
                runColumns.add(law(c, RUN_LAWS.get(c)));
            }
        }
        spark.sql("SELECT " + String.join(", ", runColumns) + " FROM synthetic_values")
                .write().mode(SaveMode.Overwrite).partitionBy(RunTables.TASK_COLUMN)
                .parquet(dir.resolve(Table.RUNS.dir()).toString());

        List<String> pointColumns = new ArrayList<>();
        for (Column c : Table.TRAJECTORIES.columns()) {
            pointColumns.add(law(c, POINT_LAWS.get(c)));
        }
        spark.sql("SELECT *, " + RUN_LAWS.get(RunsColumn.RUN_ID) + " AS run_id, "
                        + RUN_LAWS.get(RunsColumn.ACCURACY) + " AS accuracy FROM synthetic_values")
                .createOrReplaceTempView("synthetic_runs");
        spark.sql("SELECT " + String.join(", ", pointColumns)
                        + " FROM synthetic_runs LATERAL VIEW explode(sequence(0, " + (points - 1) + ")) s AS it"
                        + " WHERE status = 'COMPLETED'")
                .write().mode(SaveMode.Overwrite).parquet(dir.resolve(Table.TRAJECTORIES.dir()).toString());
    }

    /** {@code expr AS name}, cast to the declared type; null without a law, which a required column refuses. */
    private static String law(Column c, String expression) {
        if (expression == null && !c.nullable()) {
            throw new IllegalStateException("the synthetic sweep has no law for the required column " + c.columnName());
        }
        return "CAST(" + (expression == null ? "NULL" : expression) + " AS " + c.type().sqlName() + ") AS `"
                + c.columnName() + "`";
    }

    /** The spec columns of the synthetic tasks' base specs, in order of first appearance, with every task's value. */
    private record SpecPart(Map<String, Column> columns, Map<String, Map<String, Object>> values) {

        /** A spec column's base value as SQL: one literal, or one per task (null for tasks without it). */
        String literal(Column c) {
            Map<String, Object> byTask = values.get(c.columnName());
            if (byTask.size() == TASKS.size() && Set.copyOf(byTask.values()).size() == 1) {
                return SyntheticSweep.literal(c.type(), byTask.values().iterator().next());
            }
            StringBuilder sb = new StringBuilder("CASE task");
            byTask.forEach((task, v) -> sb.append(" WHEN ").append(quote(task)).append(" THEN ")
                    .append(SyntheticSweep.literal(c.type(), v)));
            return sb.append(" END").toString();
        }
    }

    /** The real tasks at their defaults, 16 units: their flat specs as the writer would declare them. */
    private static SpecPart specPart() {
        SpecCodec codec = new SpecCodec();
        List<RunSpec> specs = new ArrayList<>();
        for (String task : TASKS) {
            if (Tasks.byName(task).isEmpty()) {
                throw new IllegalStateException("the synthetic sweep names a task the suite lacks: " + task);
            }
            try {
                specs.add(codec.parse("", "synthetic sweep", List.of("task.name=" + task, "network.units=16",
                        "network.e_fraction=0.75")));
            } catch (SpecException e) {
                throw new IllegalStateException("the synthetic sweep's base spec: " + e.getMessage(), e);
            }
        }
        Map<String, Column> columns;
        try {
            columns = RunTables.specColumns(specs, codec);
        } catch (SchemaConflictException e) {
            throw new IllegalStateException("the synthetic sweep's spec columns: " + e.getMessage(), e);
        }
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        for (RunSpec s : specs) {
            codec.flatten(s).forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(s.task().name(), v));
        }
        return new SpecPart(columns, values);
    }

    private static String literal(ColumnType type, Object v) {
        return switch (type) {
            case STRING -> quote((String) v);
            case BOOLEAN -> v.toString();
            case INT32 -> "CAST(" + v + " AS INT)";
            case INT64 -> "CAST(" + v + " AS BIGINT)";
            case DOUBLE -> "CAST('" + v + "' AS DOUBLE)";
            case DOUBLE_LIST -> "CAST(array(" + String.join(", ", ((List<?>) v).stream()
                    .map(x -> "CAST('" + x + "' AS DOUBLE)").toList()) + ") AS ARRAY<DOUBLE>)";
        };
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
