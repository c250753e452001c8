package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Learned alpha against the frozen controls at the same grid point. A grid point is a value of
 * every spec column except the seed and the alpha settings (alpha_init, alpha_param,
 * alpha_trainable, alpha_granularity); the learned runs at a point are further split by the
 * alpha factors. Means are taken across seeds over COMPLETED runs; the pure-Dale control is
 * frozen alpha = 1, the pure-free control frozen alpha = 0. The joined table stays in Spark
 * (view {@code vs_controls}); only per-level summaries and a few rows are collected.
 */
public final class ControlComparison {

    static final Set<String> NOT_GRID = Set.of("seed", "alpha_init", "alpha_param", "alpha_trainable",
            "alpha_granularity");

    /** A grid point (with its learned-alpha levels) and the three arms' figures; NaN where absent. */
    public record Point(List<String> levels, long learnedRuns, double learnedLoss, double learnedAccuracy,
                        long daleRuns, long daleCompleted, double daleLoss, double daleAccuracy,
                        long freeRuns, long freeCompleted, double freeLoss, double freeAccuracy) {

        public Point {
            levels = List.copyOf(levels);
        }
    }

    /**
     * Summary of learned vs controls at one factor level: grid points, how many have each
     * control, the mean loss/accuracy of each arm, and the mean paired accuracy differences
     * (learned − control) with their sample SDs and counts.
     */
    public record Summary(String level, long points, long withDale, long withFree, double learnedLoss,
                          double daleLoss, double freeLoss, double learnedAccuracy, double daleAccuracy,
                          double freeAccuracy, double diffDale, double sdDale, long nDale, double diffFree,
                          double sdFree, long nFree) {
    }

    private final SparkSession spark;
    private final List<Factor> factors;

    /** Builds the view {@code vs_controls} over {@code runs}. */
    public ControlComparison(SweepOutput out, List<Factor> factors) {
        this.spark = out.spark();
        this.factors = List.copyOf(factors);
        List<String> keys = out.specColumns().stream().filter(c -> !NOT_GRID.contains(c))
                .collect(Collectors.toList());
        String keyList = keys.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "));
        StringBuilder labels = new StringBuilder();
        for (Factor f : factors) {
            labels.append(f.expression()).append(" AS ").append(f.alias()).append(", ");
        }
        List<String> groups = new ArrayList<>();
        keys.forEach(k -> groups.add("`" + k + "`"));
        factors.forEach(f -> groups.add(f.alias()));
        String keyGroup = keyList.isEmpty() ? "" : keyList + ", ";
        String groupList = String.join(", ", groups);
        spark.sql("SELECT *, " + labels + "true AS labelled FROM runs").createOrReplaceTempView("runs_labelled");
        spark.sql("SELECT " + (groupList.isEmpty() ? "" : groupList + ", ")
                + "count(*) AS learned_runs, avg(final_loss) AS learned_loss,"
                + " avg(accuracy) AS learned_accuracy FROM runs_labelled WHERE " + Factors.LEARNED
                + " AND status = 'COMPLETED'" + (groupList.isEmpty() ? "" : " GROUP BY " + groupList))
                .createOrReplaceTempView("vs_learned");
        for (String arm : List.of("dale", "free")) {
            int init = arm.equals("dale") ? 1 : 0;
            spark.sql("SELECT " + keyGroup + "count(*) AS " + arm + "_runs, count_if(status = 'COMPLETED') AS "
                    + arm + "_completed, avg(if(status = 'COMPLETED', final_loss, null)) AS " + arm + "_loss,"
                    + " avg(if(status = 'COMPLETED', accuracy, null)) AS " + arm + "_accuracy FROM runs"
                    + " WHERE " + Factors.FROZEN + " AND alpha_init = " + init
                    + (keyList.isEmpty() ? "" : " GROUP BY " + keyList)).createOrReplaceTempView("vs_" + arm);
        }
        String onDale = keys.isEmpty() ? "true" : keys.stream().map(k -> "l.`" + k + "` <=> d.`" + k + "`")
                .collect(Collectors.joining(" AND "));
        String onFree = keys.isEmpty() ? "true" : keys.stream().map(k -> "l.`" + k + "` <=> f.`" + k + "`")
                .collect(Collectors.joining(" AND "));
        spark.sql("SELECT l.*, coalesce(d.dale_runs, 0) AS dale_runs, coalesce(d.dale_completed, 0) AS dale_completed,"
                + " d.dale_loss, d.dale_accuracy, coalesce(f.free_runs, 0) AS free_runs,"
                + " coalesce(f.free_completed, 0) AS free_completed, f.free_loss, f.free_accuracy"
                + " FROM vs_learned l LEFT JOIN vs_dale d ON " + onDale + " LEFT JOIN vs_free f ON " + onFree)
                .createOrReplaceTempView("vs_controls");
        // read once per summary: join once
        spark.catalog().cacheTable("vs_controls");
    }

    /** Drops the cached join. */
    public void release() {
        spark.catalog().uncacheTable("vs_controls");
    }

    /** Number of (grid point, learned level) rows. */
    public long points() {
        return spark.sql("SELECT count(*) FROM vs_controls").first().getLong(0);
    }

    /** Up to {@code limit} rows, those missing a control first. */
    public List<Point> points(int limit) {
        StringBuilder cols = new StringBuilder();
        for (Factor f : factors) {
            cols.append(f.alias()).append(", ");
        }
        String sql = "SELECT " + cols + "learned_runs, learned_loss, learned_accuracy, dale_runs, dale_completed,"
                + " dale_loss, dale_accuracy, free_runs, free_completed, free_loss, free_accuracy FROM vs_controls"
                + " ORDER BY (dale_runs > 0 AND free_runs > 0), " + cols + "learned_runs LIMIT " + limit;
        List<Point> out = new ArrayList<>();
        int k = factors.size();
        for (Row r : spark.sql(sql).collectAsList()) {
            List<String> levels = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                levels.add(r.getString(i));
            }
            out.add(new Point(levels, r.getLong(k), d(r, k + 1), d(r, k + 2), r.getLong(k + 3), r.getLong(k + 4),
                    d(r, k + 5), d(r, k + 6), r.getLong(k + 7), r.getLong(k + 8), d(r, k + 9), d(r, k + 10)));
        }
        return out;
    }

    /** Summaries per level of {@code factor}, or one overall row when {@code factor} is null. */
    public List<Summary> summary(Factor factor) {
        String level = factor == null ? "'all'" : factor.alias();
        String sql = "SELECT " + level + " AS level, count(*), count_if(dale_runs > 0), count_if(free_runs > 0),"
                + " avg(learned_loss), avg(dale_loss), avg(free_loss), avg(learned_accuracy), avg(dale_accuracy),"
                + " avg(free_accuracy), avg(learned_accuracy - dale_accuracy), stddev_samp(learned_accuracy - dale_accuracy),"
                + " count(learned_accuracy - dale_accuracy), avg(learned_accuracy - free_accuracy),"
                + " stddev_samp(learned_accuracy - free_accuracy), count(learned_accuracy - free_accuracy)"
                + " FROM vs_controls" + (factor == null ? "" : " GROUP BY " + level);
        List<Summary> out = new ArrayList<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            out.add(new Summary(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), d(r, 4), d(r, 5), d(r, 6),
                    d(r, 7), d(r, 8), d(r, 9), d(r, 10), d(r, 11), r.getLong(12), d(r, 13), d(r, 14), r.getLong(15)));
        }
        List<String> order = Factor.ordered(out.stream().map(Summary::level).toList());
        out.sort((a, b) -> Integer.compare(order.indexOf(a.level()), order.indexOf(b.level())));
        return out;
    }

    static double d(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }
}
