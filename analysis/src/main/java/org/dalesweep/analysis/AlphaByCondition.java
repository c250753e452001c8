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
    private final Map<List<String>, List<LevelStats>> computed = new HashMap<>();

    public AlphaByCondition(SparkSession spark) {
        this.spark = spark;
    }

    private static final String AGGREGATES = "count(*) AS runs, count_if(status = 'COMPLETED') AS completed,"
            + " count_if(status = 'DIVERGED') AS diverged, count_if(status = 'FAILED') AS failed,"
            + " count(a) AS n, avg(a) AS mean, stddev_samp(a) AS sd,"
            + " count_if(a >= " + LevelStats.DALE_THRESHOLD + ") AS near_dale,"
            + " count_if(a <= " + LevelStats.FREE_THRESHOLD + ") AS near_free";

    /**
     * Computes, in one Spark job over GROUPING SETS, the statistics for the whole sweep, each
     * factor and each pair of factors; {@link #by} then answers those from memory.
     */
    public AlphaByCondition precompute(List<Factor> factors) {
        if (factors.isEmpty()) {
            return this;
        }
        List<List<Integer>> sets = new ArrayList<>();
        sets.add(List.of());
        for (int i = 0; i < factors.size(); i++) {
            sets.add(List.of(i));
            for (int j = i + 1; j < factors.size(); j++) {
                sets.add(List.of(i, j));
            }
        }
        List<String> keys = factors.stream().map(Factor::alias).toList();
        String sql = "SELECT " + String.join(", ", keys) + ", " + keys.stream().map(k -> "grouping(" + k + ")")
                .collect(java.util.stream.Collectors.joining(", ")) + ", " + AGGREGATES + " FROM learned GROUP BY"
                + " GROUPING SETS (" + sets.stream().map(set -> "(" + set.stream().map(keys::get)
                .collect(java.util.stream.Collectors.joining(", ")) + ")")
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
        int k = factors.size();
        Map<List<String>, List<LevelStats>> bySet = new HashMap<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            List<String> set = new ArrayList<>();
            List<String> levels = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (((Number) r.get(k + i)).intValue() == 0) {
                    set.add(keys.get(i));
                    levels.add(r.getString(i));
                }
            }
            bySet.computeIfAbsent(set, x -> new ArrayList<>()).add(stats(levels, r, 2 * k));
        }
        for (List<Integer> set : sets) {
            List<String> key = set.stream().map(keys::get).toList();
            List<LevelStats> rows = bySet.getOrDefault(key, new ArrayList<>());
            rows.sort(levelOrder(rows, key.size()));
            computed.put(key, rows);
        }
        return this;
    }

    private static LevelStats stats(List<String> levels, Row r, int k) {
        return new LevelStats(levels, r.getLong(k), r.getLong(k + 1), r.getLong(k + 2), r.getLong(k + 3),
                r.getLong(k + 4), Analyzer.dbl(r, k + 5), Analyzer.dbl(r, k + 6), r.getLong(k + 7), r.getLong(k + 8));
    }

    /** Statistics grouped by the given factors (none: the whole sweep), in level order. */
    public List<LevelStats> by(List<Factor> factors) {
        List<LevelStats> known = computed.get(factors.stream().map(Factor::alias).toList());
        if (known != null && !(factors.isEmpty() && known.isEmpty())) {
            return known;
        }
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
