package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.dalesweep.schema.ColumnType;
import org.dalesweep.schema.SpecColumn;

/**
 * Finds the factors of a sweep: the spec columns that take more than one value among the
 * runs of the learned arm ({@link #LEARNED}: twins and frozen controls excluded), seed excluded. The {@code loss_*} columns
 * are folded into one factor {@code loss} whose levels read like "mse+rate_l2=0.01". A task
 * parameter ({@code task_*}) is a factor only if it varies within one task: two tasks with
 * different defaults for the same parameter name are the factor {@code task}, not a second one
 * confounded with it. Found in one aggregation over {@code runs} (min ≠ max per column, per task).
 */
public final class Factors {

    /**
     * A run's arm (DESIGN §5.2): the {@code arm} column, or — for outputs written before it — frozen
     * when alpha does not train, twin when {@code dale_map} is none, else learned.
     */
    static final String ARM = "coalesce(arm, CASE WHEN NOT coalesce(alpha_trainable, true) THEN 'frozen'"
            + " WHEN dale_map = 'none' THEN 'twin' ELSE 'learned' END)";
    /** The learned arm: alpha trains and W_dale is sign-constrained (the twins and frozen controls excluded). */
    static final String LEARNED = "(" + ARM + " = 'learned')";
    /** The frozen controls. */
    static final String FROZEN = "(" + ARM + " = 'frozen')";

    private Factors() {
    }

    /**
     * SQL for the loss-variant label of a run ("mse+rate_l2=0.01+weight_l2=0.1(separate)"), derived
     * from the declared {@code loss_*} columns in their order: {@code loss_kind} first, then every
     * numeric term that is on ({@code +term=value} when above 0) with its {@code <term>_on}
     * qualifier in brackets, then any other term as {@code +term=value}. A loss term declared in
     * output-schema is in the label without an edit here, so two variants never share a level.
     */
    static String lossLabel() {
        List<String> declared = Arrays.stream(SpecColumn.values()).map(SpecColumn::columnName)
                .filter(c -> c.startsWith(LOSS)).toList();
        StringBuilder sql = new StringBuilder("concat(").append(SpecColumn.LOSS_KIND.columnName());
        for (SpecColumn c : SpecColumn.values()) {
            String name = c.columnName();
            boolean qualifier = name.endsWith(QUALIFIER) && declared.contains(name.substring(0, name.length() - QUALIFIER.length()));
            if (!name.startsWith(LOSS) || c == SpecColumn.LOSS_KIND || qualifier) {
                continue;
            }
            String term = name.substring(LOSS.length());
            String value = "'+" + term + "=', cast(" + name + " as string)";
            String on = declared.contains(name + QUALIFIER) ? ", '(', " + name + QUALIFIER + ", ')'" : "";
            boolean numeric = c.type() == ColumnType.DOUBLE || c.type() == ColumnType.INT32 || c.type() == ColumnType.INT64;
            sql.append(numeric ? ", if(" + name + " > 0, concat(" + value + on + "), '')" : ", concat(" + value + on + ")");
        }
        return sql.append(')').toString();
    }

    private static final String LOSS = "loss_";
    private static final String QUALIFIER = "_on";

    /** The column factors less those another one determines among the learned runs ({@link Consequences}). */
    private static List<Factor> withoutConsequences(SweepOutput out, List<Factor> factors) {
        if (factors.size() < 2) {
            return factors;
        }
        List<String> columns = factors.stream().map(Factor::name).toList();
        List<Row> combos = out.spark().sql("SELECT DISTINCT " + columns.stream()
                .map(c -> "cast(`" + c + "` as string) AS `" + c + "`").collect(java.util.stream.Collectors.joining(", "))
                + " FROM runs WHERE " + LEARNED).collectAsList();
        List<String> kept = Consequences.independent(columns, combos);
        return new ArrayList<>(factors.stream().filter(f -> kept.contains(f.name())).toList());
    }

    public static List<Factor> detect(SweepOutput out) {
        List<String> candidates = new ArrayList<>();
        for (String c : out.specColumns()) {
            if (!c.equals("seed")) {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        String taskColumn = out.hasColumn("task") ? "task" : out.hasColumn("task_name") ? "task_name" : null;
        StringBuilder inner = new StringBuilder("SELECT ");
        StringBuilder outer = new StringBuilder("SELECT ");
        for (int i = 0; i < candidates.size(); i++) {
            String column = candidates.get(i);
            String c = "cast(`" + column + "` as string)";
            boolean withinTask = taskColumn != null && isTaskParameter(column);
            String varies = "coalesce(min(" + c + ") <> max(" + c + "), false)";
            inner.append(i == 0 ? "" : ", ").append(withinTask ? varies : "min(" + c + ")").append(" AS v").append(i)
                    .append(withinTask ? "" : ", max(" + c + ") AS w" + i);
            outer.append(i == 0 ? "" : ", ").append(withinTask ? "coalesce(bool_or(v" + i + "), false)"
                    : "coalesce(min(v" + i + ") <> max(w" + i + "), false)");
        }
        inner.append(" FROM runs WHERE ").append(LEARNED);
        if (taskColumn != null) {
            inner.append(" GROUP BY `").append(taskColumn).append('`');
        }
        outer.append(" FROM (").append(inner).append(')');
        Row varies = out.spark().sql(outer.toString()).first();
        List<Factor> factors = new ArrayList<>();
        boolean lossVaries = false;
        for (int i = 0; i < candidates.size(); i++) {
            if (!varies.getBoolean(i)) {
                continue;
            }
            String c = candidates.get(i);
            if (c.startsWith("loss_")) {
                lossVaries = true;
            } else {
                factors.add(Factor.column(c));
            }
        }
        factors = withoutConsequences(out, factors);
        if (lossVaries) {
            factors.add(new Factor("loss", lossLabel()));
        }
        factors.sort((a, b) -> Boolean.compare(!a.name().equals("task"), !b.name().equals("task")));
        return List.copyOf(factors);
    }

    /** A task's own parameter column ({@code task_<param>}), not the task's name. */
    static boolean isTaskParameter(String column) {
        return column.startsWith("task_") && !column.equals("task_name");
    }
}
