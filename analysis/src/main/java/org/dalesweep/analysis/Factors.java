package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Finds the factors of a sweep: the spec columns that take more than one value among the
 * learned-alpha runs ({@code alpha_trainable = true}), seed excluded. The {@code loss_*} columns
 * are folded into one factor {@code loss} whose levels read like "mse+rate_l2=0.01". A task
 * parameter that is null on other tasks is a factor only if it varies within its task. Found in
 * one aggregation over {@code runs} (min ≠ max per column).
 */
public final class Factors {

    static final String LEARNED = "coalesce(alpha_trainable, true)";

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
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < candidates.size(); i++) {
            String c = "cast(`" + candidates.get(i) + "` as string)";
            sql.append(i == 0 ? "" : ", ").append("coalesce(min(").append(c).append(") <> max(").append(c)
                    .append("), false)");
        }
        sql.append(" FROM runs WHERE ").append(LEARNED);
        Row varies = out.spark().sql(sql.toString()).first();
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
}
