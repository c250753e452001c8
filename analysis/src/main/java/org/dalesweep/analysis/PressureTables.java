package org.dalesweep.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The report's answer (DESIGN §4.2, §5.2): per condition, how far alpha moved and which way the
 * pressure −∂L/∂alpha pushes it, in the learned arm, against its twin, and in the frozen controls.
 *
 * <p>Reads the view {@code arm_runs} (one row per COMPLETED run: {@code arm_label}, the factor
 * columns {@code f_<factor>}, {@code delta} = alpha_delta, {@code pm} = pressure_mean, {@code pl}
 * = pressure_late_mean, {@code alpha_final}, {@code frozen_at}, {@code pair_key}: the hash of every
 * spec column except {@code dale_map}, which a learned run and its twin share). Every condition
 * of a table — all runs, each factor level, each pair of levels — comes from one Spark
 * aggregation over GROUPING SETS.
 *
 * <p>The verdict of a row: a one-sample t-test over its runs of the late pressure (with a twin
 * arm: of the paired difference learned − twin), two-sided p-values adjusted by Holm's step-down
 * method across the rows of the table; toward Dale when the adjusted p &lt; 0.05 and the mean
 * &gt; 0, toward free when &lt; 0.05 and the mean &lt; 0, else undecided (so with fewer than two
 * runs, always undecided).
 */
public final class PressureTables {

    /** Family-wise error rate of the verdicts. */
    public static final double ALPHA = 0.05;
    /** Most cells of one pair of factors listed as rows. */
    static final int MAX_PAIR_CELLS = 60;

    /** A mean over n values with their sample SD: its 95 % t-interval and two-sided t-test of mean 0. */
    public record Estimate(long n, double mean, double sd) {

        static final Estimate NONE = new Estimate(0, Double.NaN, Double.NaN);

        public double low() {
            return mean - Stats.tHalfWidth95(n, sd);
        }

        public double high() {
            return mean + Stats.tHalfWidth95(n, sd);
        }

        /** Two-sided p of H0: mean = 0 (t with n − 1 degrees of freedom); NaN when n &lt; 2. */
        public double p() {
            if (n < 2 || !Double.isFinite(mean) || Double.isNaN(sd)) {
                return Double.NaN;
            }
            if (sd == 0) {
                return mean == 0 ? 1 : 0;
            }
            double t = mean / (sd / Math.sqrt(n));
            return 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));
        }

        String cell() {
            return n == 0 ? Format.MISSING : Format.sigInterval(mean, low(), high());
        }
    }

    /** The verdict of a row. */
    public enum Verdict {
        TOWARD_DALE("toward Dale"), TOWARD_FREE("toward free"), UNDECIDED("undecided");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Verdict of(double mean, double adjustedP) {
            if (!(adjustedP < ALPHA)) {
                return UNDECIDED;
            }
            return mean > 0 ? TOWARD_DALE : mean < 0 ? TOWARD_FREE : UNDECIDED;
        }
    }

    /** A condition: the factors it fixes and their levels (none: all runs). */
    public record Condition(List<String> factors, List<String> levels) {

        public Condition {
            factors = List.copyOf(factors);
            levels = List.copyOf(levels);
        }

        public String label() {
            if (factors.isEmpty()) {
                return "all runs";
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < factors.size(); i++) {
                parts.add(factors.get(i) + " = " + levels.get(i));
            }
            return String.join(", ", parts);
        }
    }

    /**
     * A row of the learned arm's table: runs, alpha_delta, P(alpha_delta &gt; 0), P(alpha_final ≥
     * 0.9), whole-run and late pressure; learned − twin differences (n = 0 without twins); the
     * tested estimate, its p, Holm-adjusted p and the verdict.
     */
    public record LearnedRow(Condition condition, long runs, Estimate delta, long deltaPositive, long nearDale,
                             Estimate pressure, Estimate late, Estimate twinDelta, Estimate twinPressure,
                             Estimate twinLate, Estimate tested, double p, double adjustedP, Verdict verdict) {

        public double pDeltaPositive() {
            return delta.n() == 0 ? Double.NaN : (double) deltaPositive / delta.n();
        }

        public double pNearDale() {
            return runs == 0 ? Double.NaN : (double) nearDale / runs;
        }
    }

    /** A row of the frozen controls' table: the end (alpha 0 or 1), the condition, the pressures and the reading. */
    public record FrozenRow(int end, Condition condition, long runs, Estimate pressure, Estimate late, double p,
                            double adjustedP, Verdict verdict) {

        /** What the sign means at this end, in words. */
        public String reading() {
            return switch (verdict) {
                case UNDECIDED -> "undecided";
                case TOWARD_FREE -> end == 1 ? "free weights would help" : "free is a local optimum";
                case TOWARD_DALE -> end == 1 ? "Dale holds (pushes past 1)" : "some Dale would help";
            };
        }
    }

    private PressureTables() {
    }

    /**
     * The learned arm's rows: all runs, then every level of every factor, then every cell of every
     * pair (pairs with more than {@value #MAX_PAIR_CELLS} cells left out). {@code withTwin}: test the
     * paired difference learned − twin instead of the learned pressure alone.
     */
    public static List<LearnedRow> learned(SparkSession spark, List<Factor> factors, boolean withTwin) {
        String source = "SELECT l.*, t.delta AS t_delta, t.pm AS t_pm, t.pl AS t_pl FROM (SELECT * FROM arm_runs"
                + " WHERE arm_label = 'learned') l LEFT JOIN (SELECT pair_key, first(delta) AS delta, first(pm) AS pm,"
                + " first(pl) AS pl FROM arm_runs WHERE arm_label = 'twin' GROUP BY pair_key) t ON l.pair_key = t.pair_key";
        String aggregates = "count(*), " + est("delta") + ", count_if(delta > 0), count_if(alpha_final >= "
                + LevelStats.DALE_THRESHOLD + "), " + est("pm") + ", " + est("pl") + ", " + est("delta - t_delta")
                + ", " + est("pm - t_pm") + ", " + est("pl - t_pl");
        List<Grouped> groups = aggregate(spark, source, factors, List.of(), aggregates);
        // columns from offset k: runs; delta (n, mean, sd); delta > 0; alpha_final >= 0.9; pm (3); pl (3);
        // learned − twin of delta (3), pm (3), pl (3)
        List<LearnedRow> fixed = new ArrayList<>();
        double[] p = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            Row r = groups.get(i).row();
            int k = groups.get(i).offset();
            Estimate late = estimate(r, k + 9);
            Estimate twinLate = estimate(r, k + 18);
            Estimate tested = withTwin ? twinLate : late;
            p[i] = tested.p();
            fixed.add(new LearnedRow(groups.get(i).condition(), r.getLong(k), estimate(r, k + 1), r.getLong(k + 4),
                    r.getLong(k + 5), estimate(r, k + 6), late, estimate(r, k + 12), estimate(r, k + 15), twinLate,
                    tested, p[i], Double.NaN, Verdict.UNDECIDED));
        }
        double[] adjusted = holm(p);
        List<LearnedRow> out = new ArrayList<>();
        for (int i = 0; i < fixed.size(); i++) {
            LearnedRow x = fixed.get(i);
            out.add(new LearnedRow(x.condition(), x.runs(), x.delta(), x.deltaPositive(), x.nearDale(), x.pressure(),
                    x.late(), x.twinDelta(), x.twinPressure(), x.twinLate(), x.tested(), x.p(), adjusted[i],
                    Verdict.of(x.tested().mean(), adjusted[i])));
        }
        return out;
    }

    /**
     * The frozen controls' rows at alpha = 1 and at alpha = 0, per condition (the factors that
     * are not alpha settings); Holm's correction within each end.
     */
    public static List<FrozenRow> frozen(SparkSession spark, List<Factor> factors) {
        String source = "SELECT * FROM arm_runs WHERE arm_label = 'frozen' AND frozen_at IN (0, 1)";
        List<Grouped> groups = aggregate(spark, source, factors, List.of("frozen_at"),
                "count(*), " + est("pm") + ", " + est("pl"));
        List<FrozenRow> out = new ArrayList<>();
        for (int end : new int[] {1, 0}) {
            List<Grouped> at = groups.stream().filter(g -> ((Number) g.row().get(0)).intValue() == end).toList();
            double[] p = new double[at.size()];
            for (int i = 0; i < at.size(); i++) {
                p[i] = estimate(at.get(i).row(), at.get(i).offset() + 4).p();
            }
            double[] adjusted = holm(p);
            for (int i = 0; i < at.size(); i++) {
                Row r = at.get(i).row();
                int k = at.get(i).offset();
                Estimate late = estimate(r, k + 4);
                out.add(new FrozenRow(end, at.get(i).condition(), r.getLong(k), estimate(r, k + 1), late, p[i],
                        adjusted[i], Verdict.of(late.mean(), adjusted[i])));
            }
        }
        return out;
    }

    /** count, mean and sample SD of a (nullable) expression. */
    private static String est(String expression) {
        return "count(" + expression + "), avg(" + expression + "), stddev_samp(" + expression + ")";
    }

    private static Estimate estimate(Row r, int i) {
        long n = r.getLong(i);
        return n == 0 ? Estimate.NONE : new Estimate(n, Analyzer.dbl(r, i + 1), Analyzer.dbl(r, i + 2));
    }

    /** One aggregated row: its condition, and where its aggregates start. */
    private record Grouped(Condition condition, Row row, int offset) {
    }

    /**
     * {@code aggregates} over {@code source} for every grouping set: {@code fixed} columns always
     * grouped, plus none, each factor, each pair of factors. The rows come back in display order.
     */
    private static List<Grouped> aggregate(SparkSession spark, String source, List<Factor> factors,
                                           List<String> fixed, String aggregates) {
        List<List<Integer>> sets = new ArrayList<>();
        sets.add(List.of());
        for (int i = 0; i < factors.size(); i++) {
            sets.add(List.of(i));
        }
        for (int i = 0; i < factors.size(); i++) {
            for (int j = i + 1; j < factors.size(); j++) {
                sets.add(List.of(i, j));
            }
        }
        List<String> setSql = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<String> cols = new ArrayList<>(fixed);
            set.forEach(i -> cols.add(factors.get(i).alias()));
            setSql.add("(" + String.join(", ", cols) + ")");
        }
        List<String> keys = new ArrayList<>(fixed);
        factors.forEach(f -> keys.add(f.alias()));
        StringBuilder select = new StringBuilder("SELECT ");
        for (String key : keys) {
            select.append(key).append(", ");
        }
        for (Factor f : factors) {
            select.append("grouping(").append(f.alias()).append("), ");
        }
        String sql = select + aggregates + " FROM (" + source + ")"
                + (keys.isEmpty() ? "" : " GROUP BY GROUPING SETS (" + String.join(", ", setSql) + ")");
        int k = keys.size();
        int nf = factors.size();
        List<Row> rows = spark.sql(sql).collectAsList();
        // per set: its rows, levels ordered
        List<Grouped> out = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<Row> mine = new ArrayList<>();
            for (Row r : rows) {
                boolean match = true;
                for (int f = 0; f < nf; f++) {
                    boolean grouped = ((Number) r.get(k + f)).intValue() == 0;
                    if (grouped != set.contains(f)) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    mine.add(r);
                }
            }
            if (set.size() == 2 && mine.size() > MAX_PAIR_CELLS * Math.max(1, distinct(mine, 0, fixed.size()))) {
                continue;
            }
            List<String> names = set.stream().map(i -> factors.get(i).name()).toList();
            List<List<String>> orders = new ArrayList<>();
            for (int i : set) {
                int col = fixed.size() + i;
                orders.add(Factor.ordered(mine.stream().map(r -> r.isNullAt(col) ? Factor.NOT_APPLICABLE
                        : r.getString(col)).distinct().toList()));
            }
            Comparator<Row> order = Comparator.comparingInt(r -> 0);
            for (int c = 0; c < set.size(); c++) {
                int col = fixed.size() + set.get(c);
                List<String> levels = orders.get(c);
                order = order.thenComparingInt(r -> levels.indexOf(r.isNullAt(col) ? Factor.NOT_APPLICABLE
                        : r.getString(col)));
            }
            mine.sort(order);
            for (Row r : mine) {
                List<String> levels = set.stream().map(i -> r.isNullAt(fixed.size() + i) ? Factor.NOT_APPLICABLE
                        : r.getString(fixed.size() + i)).toList();
                out.add(new Grouped(new Condition(names, levels), r, k + nf));
            }
        }
        return out;
    }

    private static long distinct(List<Row> rows, int from, int count) {
        if (count == 0) {
            return 1;
        }
        return rows.stream().map(r -> {
            List<Object> key = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                key.add(r.get(i));
            }
            return key;
        }).distinct().count();
    }

    /**
     * Holm's step-down adjustment: with the m finite p-values sorted ascending p(1) ≤ … ≤ p(m),
     * adjusted p(i) = max over j ≤ i of min(1, (m − j + 1)·p(j)). NaN stays NaN and does not count in m.
     */
    public static double[] holm(double[] p) {
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (Double.isFinite(p[i])) {
                order[m++] = i;
            }
        }
        Integer[] finite = Arrays.copyOf(order, m);
        Arrays.sort(finite, Comparator.comparingDouble(i -> p[i]));
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1, (m - j) * p[finite[j]]));
            adjusted[finite[j]] = running;
        }
        return adjusted;
    }

    /** The sentence for one decided row. */
    static String sentence(LearnedRow r, boolean withTwin) {
        String where = r.condition().factors().isEmpty() ? "Over all runs"
                : "On " + r.condition().label().replace(", ", " with ");
        Estimate e = r.tested();
        String what = withTwin ? "learned − twin late pressure " : "late pressure ";
        return String.format(Locale.ROOT, "%s, the pressure is %s: %s%s (n = %d, Holm-adjusted p %s)%s.", where,
                r.verdict().text(), what, e.cell(), e.n(), Format.p(r.adjustedP()).startsWith("<")
                        ? Format.p(r.adjustedP()) : "= " + Format.p(r.adjustedP()),
                r.delta().n() > 0 ? String.format(Locale.ROOT, "; alpha moved by %s on average",
                        Format.num(r.delta().mean(), 3)) : "");
    }

    static String levels(Condition c) {
        return c.factors().isEmpty() ? "all" : c.levels().stream().collect(Collectors.joining(" / "));
    }
}
