package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Per-level and per-pair statistics of alpha_final over the view {@code learned} (one row per
 * learned-alpha run, a column {@code f_<factor>} per factor, {@code status} and {@code a}, the
 * alpha_final of COMPLETED runs with a finite value, null otherwise). One Spark aggregation per
 * table; only the aggregated rows reach the driver.
 */
public final class AlphaByCondition {

    private final SparkSession spark;

    public AlphaByCondition(SparkSession spark) {
        this.spark = spark;
    }

    /** Statistics grouped by the given factors (none: the whole sweep), in level order. */
    public List<LevelStats> by(List<Factor> factors) {
        StringBuilder keys = new StringBuilder();
        for (Factor f : factors) {
            keys.append(f.alias()).append(", ");
        }
        String sql = "SELECT " + keys + "count(*) AS runs, count_if(status = 'COMPLETED') AS completed,"
                + " count_if(status = 'DIVERGED') AS diverged, count_if(status = 'FAILED') AS failed,"
                + " count(a) AS n, avg(a) AS mean, stddev_samp(a) AS sd,"
                + " count_if(a >= " + LevelStats.DALE_THRESHOLD + ") AS near_dale,"
                + " count_if(a <= " + LevelStats.FREE_THRESHOLD + ") AS near_free FROM learned"
                + (factors.isEmpty() ? "" : " GROUP BY " + keys.substring(0, keys.length() - 2));
        List<LevelStats> out = new ArrayList<>();
        int k = factors.size();
        for (Row r : spark.sql(sql).collectAsList()) {
            List<String> levels = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                levels.add(r.getString(i));
            }
            out.add(new LevelStats(levels, r.getLong(k), r.getLong(k + 1), r.getLong(k + 2), r.getLong(k + 3),
                    r.getLong(k + 4), Analyzer.dbl(r, k + 5),
                    Analyzer.dbl(r, k + 6), r.getLong(k + 7), r.getLong(k + 8)));
        }
        out.sort(levelOrder(out, k));
        return out;
    }

    /** Orders rows by each level column in {@link Factor#ordered} order. */
    static Comparator<LevelStats> levelOrder(List<LevelStats> rows, int k) {
        List<Map<String, Integer>> rank = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int col = i;
            List<String> levels = Factor.ordered(rows.stream().map(r -> r.levels().get(col)).distinct().toList());
            Map<String, Integer> m = new HashMap<>();
            for (int j = 0; j < levels.size(); j++) {
                m.put(levels.get(j), j);
            }
            rank.add(m);
        }
        return (a, b) -> {
            for (int i = 0; i < k; i++) {
                int c = Integer.compare(rank.get(i).get(a.levels().get(i)), rank.get(i).get(b.levels().get(i)));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }
}
