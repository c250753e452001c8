package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

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

    /** SQL for the loss-variant label of a run. */
    static String lossLabel() {
        return "concat(loss_kind,"
                + " if(loss_rate_l2 > 0, concat('+rate_l2=', cast(loss_rate_l2 as string)), ''),"
                + " if(loss_weight_l2 > 0, concat('+weight_l2=', cast(loss_weight_l2 as string),"
                + " '(', loss_weight_l2_on, ')'), ''),"
                + " if(loss_weight_l1 > 0, concat('+weight_l1=', cast(loss_weight_l1 as string)), ''))";
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
