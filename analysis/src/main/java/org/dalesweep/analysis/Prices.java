package org.dalesweep.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.boundary.BoundaryFit;
import org.dalesweep.boundary.Tally;
import org.dalesweep.schema.BoundariesColumn;
import org.dalesweep.schema.SpecColumn;

/**
 * The report's lead when an output has {@code boundaries/} (DESIGN §5.4, §7): per condition the
 * boundary found by the refine — for {@code loss.mixed_cost} the price of Dale — learned against
 * twin, with intervals; a plot on a log axis; likelihood-ratio tests of "the same crossing" between
 * conditions and between learned and twin, Holm-adjusted across them; which way the network paid
 * above its boundary (alpha up, or W_free made to obey); and the frozen-at-1 reading of the price.
 */
final class Prices {

    private static final Set<String> OWN = java.util.Arrays.stream(BoundariesColumn.values())
            .map(BoundariesColumn::columnName).collect(Collectors.toSet());

    private final SparkSession spark;

    Prices(SparkSession spark) {
        this.spark = spark;
    }

    /** One boundaries row with the tallies of its probes read back from runs. */
    private record Boundary(String condition, String arm, Map<String, Object> point, double estimate, double ciLow,
                            double ciHigh, double bracketLow, double bracketHigh, int nRuns, int rounds,
                            String censored, NavigableMap<Double, Tally> tallies) {
    }

    /** What the rest of the report needs: the axis column and the grid's own value of it. */
    record Result(String axis, String column, double baseValue) {
        /** SQL restricting runs to the sweep's own grid (the axis at its base value). */
        String ownGrid() {
            return "`" + column + "` <=> " + baseValue;
        }
    }

    Result write(Report report, Path dir, List<String> images) throws IOException {
        List<Row> rows = spark.sql("SELECT * FROM boundaries").collectAsList();
        if (rows.isEmpty()) {
            return null;
        }
        Row first = rows.get(0);
        String axis = first.getAs(BoundariesColumn.AXIS.columnName());
        String until = first.getAs(BoundariesColumn.UNTIL.columnName());
        boolean log = !"linear".equals(first.getAs(BoundariesColumn.SCALE.columnName()));
        double base = first.getAs(BoundariesColumn.BASE_VALUE.columnName());
        String column = SpecColumn.ofKey(axis);
        List<String> specColumns = new ArrayList<>();
        for (String c : first.schema().fieldNames()) {
            if (!OWN.contains(c)) {
                specColumns.add(c);
            }
        }
        // the conditions: spec columns that vary among the rows, the arm's own (dale_map) aside, and a
        // task's parameter only when it varies within a task (as for the factors, DESIGN §7)
        List<String> varying = new ArrayList<>();
        boolean byTask = specColumns.contains("task");
        for (String c : specColumns) {
            if (c.equals("dale_map")) {
                continue;
            }
            boolean varies = byTask && SpecColumn.isTaskParameter(c)
                    ? rows.stream().collect(Collectors.groupingBy(r -> String.valueOf((Object) r.getAs("task")),
                            Collectors.mapping(r -> String.valueOf((Object) r.getAs(c)), Collectors.toSet())))
                            .values().stream().anyMatch(levels -> levels.size() > 1)
                    : rows.stream().map(r -> String.valueOf((Object) r.getAs(c))).distinct().count() > 1;
            if (varies) {
                varying.add(c);
            }
        }
        // the loss the searches were made at (refine.at may fix it while the grid crosses loss variants):
        // the frozen-at-1 reading takes the grid's frozen runs at the same loss
        StringBuilder sameLoss = new StringBuilder();
        for (String c : specColumns) {
            Object v = first.getAs(c);
            if (c.startsWith("loss_") && !c.equals(column) && !varying.contains(c) && v != null && !isList(v)) {
                sameLoss.append(" AND `").append(c).append("` <=> ").append(literal(v));
            }
        }
        varying = Consequences.independent(varying, rows);
        Map<String, NavigableMap<Double, Tally>> tallies = tallies(specColumns, column, until);
        List<Boundary> boundaries = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> point = new LinkedHashMap<>();
            specColumns.forEach(c -> point.put(c, r.getAs(c)));
            String condition = varying.isEmpty() ? "all" : varying.stream()
                    .map(c -> c + "=" + show(r.getAs(c))).collect(Collectors.joining(", "));
            boundaries.add(new Boundary(condition, r.getAs(BoundariesColumn.ARM.columnName()), point,
                    num(r, BoundariesColumn.ESTIMATE), num(r, BoundariesColumn.CI_LOW), num(r, BoundariesColumn.CI_HIGH),
                    num(r, BoundariesColumn.BRACKET_LOW), num(r, BoundariesColumn.BRACKET_HIGH),
                    r.<Integer>getAs(BoundariesColumn.N_RUNS.columnName()), r.<Integer>getAs(BoundariesColumn.ROUNDS.columnName()),
                    r.getAs(BoundariesColumn.CENSORED.columnName()),
                    tallies.getOrDefault(key(specColumns, point), new TreeMap<>())));
        }
        List<String> conditions = boundaries.stream().map(Boundary::condition).distinct().toList();
        Map<String, Boundary> learned = byArm(boundaries, "learned");
        Map<String, Boundary> twin = byArm(boundaries, "twin");
        Map<String, double[]> frozen = frozenAtOne(varying, column, base, sameLoss.toString());
        Map<String, double[]> route = route(specColumns, column, learned);

        boolean price = axis.equals("loss.mixed_cost");
        String what = price ? "the price of Dale" : "the boundary along " + axis;
        report.heading(1, "What this sweep says");
        report.heading(2, price ? "The price of Dale" : "Boundaries along " + axis);
        report.paragraph("**" + capital(what) + "** per condition: the value of `" + axis + "` at which half of the runs"
                + " satisfy `" + until + "`, from `dalesweep refine` (`boundaries/`, DESIGN §5.4)."
                + (price ? " The cost is `loss.mixed_cost`, c per unit of wrong-sign weight in W_rec (c·Σ max(0, −s_j·W_rec[i,j]));"
                + " a condition where Dale's law is computationally cheap has a low price." : "")
                + " Estimate: the crossing of P = 1/2 of a logistic curve fitted to every probe of the point"
                + (log ? " (in log10 of the value)" : "") + ", with its 95 % **profile-likelihood**"
                + " interval; *bracket*: the probed values either side of the crossing. *above* = even the highest value"
                + " probed does not reach it (the boundary lies above the range), *below* = already the lowest does.");
        List<List<String>> table = new ArrayList<>();
        for (String c : conditions) {
            Boundary l = learned.get(c);
            Boundary t = twin.get(c);
            double[] f = frozen.get(frozenKey(varying, (l != null ? l : t).point()));
            double[] how = route.get(c);
            table.add(List.of(c, l == null ? Format.MISSING : price(l), l == null ? Format.MISSING : bracket(l),
                    l == null ? Format.MISSING : l.nRuns() + " / " + l.rounds(),
                    t == null ? "no twin" : price(t), t == null ? Format.MISSING : bracket(t),
                    how == null ? Format.MISSING : Format.num(how[0], 2) + " / " + Format.num(how[1], 2),
                    f == null ? Format.MISSING : Format.sig(f[2])));
        }
        report.table(List.of("condition", "learned: " + (price ? "price" : "boundary") + " [95 % CI]", "learned bracket",
                "runs / rounds", "twin: " + (price ? "price" : "boundary") + " [95 % CI]", "twin bracket",
                "learned above it: alpha_final / daleness_final", "frozen-at-1 prediction"), table);
        report.paragraph("*learned above it*: mean alpha_final and daleness_final of the learned runs at values at or above"
                + " the bracket's upper end — whether the network paid " + (price ? "the cost" : "") + " by raising alpha"
                + " (alpha_final near 1) or by making W_free itself obey the E/I split (daleness_final near 1 with alpha"
                + " anywhere); both are answers, and `until` decides which one the boundary measures."
                + (price && until.contains("daleness") ? " Here it measures the second: W_rec obeys Dale's law, whatever alpha."
                : price && until.contains("alpha") ? " Here it measures the first: alpha goes to 1." : ""));
        String plot = "prices.png";
        plot(dir.resolve(plot), conditions, learned, twin, axis, log);
        images.add(plot);
        report.image(plot, capital(what) + " per condition (estimate with its 95 % profile-likelihood interval;"
                + (log ? " log axis;" : "") + " learned and twin side by side). Censored searches"
                + " (above or below the range) have no point: the table gives their bounds.");
        tests(report, dir, conditions, learned, twin, varying, log, price);
        frozenReading(report, dir, images, conditions, learned, varying, frozen, price);
        return new Result(axis, column, base);
    }

    private static Map<String, Boundary> byArm(List<Boundary> all, String arm) {
        Map<String, Boundary> m = new LinkedHashMap<>();
        all.stream().filter(b -> arm.equals(b.arm())).forEach(b -> m.put(b.condition(), b));
        return m;
    }

    /** Per grid point (its spec columns), per axis value: completed runs and how many satisfy {@code until}. */
    private Map<String, NavigableMap<Double, Tally>> tallies(List<String> specColumns, String column, String until) {
        String cols = specColumns.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        List<Row> rows = spark.sql("SELECT " + cols + ", CAST(`" + column + "` AS DOUBLE) AS v, count(*) AS n,"
                + " count_if(coalesce((" + until + "), false)) AS hits FROM runs WHERE status = 'COMPLETED'"
                + " GROUP BY " + cols + ", v").collectAsList();
        Map<String, NavigableMap<Double, Tally>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Object> point = new LinkedHashMap<>();
            specColumns.forEach(c -> point.put(c, r.getAs(c)));
            out.computeIfAbsent(key(specColumns, point), k -> new TreeMap<>())
                    .put(r.<Double>getAs("v"), new Tally((int) r.getLong(r.fieldIndex("n")), (int) r.getLong(r.fieldIndex("hits"))));
        }
        return out;
    }

    private static String key(List<String> columns, Map<String, Object> point) {
        return columns.stream().map(c -> String.valueOf(point.get(c))).collect(Collectors.joining("\u0001"));
    }

    /**
     * Per condition: mean late pressure of the frozen alpha = 1 runs at the base value, the mean
     * wrong-sign mass of their (untrained) W_free, and the predicted price max(0, −pressure)/mass —
     * the cost whose mean pull along alpha from 0 to 1 (c·mass) matches the task's pull toward free at alpha = 1.
     */
    private Map<String, double[]> frozenAtOne(List<String> varying, String column, double base, String sameLoss) {
        List<String> cols = varying.stream().filter(c -> !c.startsWith("alpha_")).toList();
        String select = cols.isEmpty() ? "'all' AS k" : "concat_ws('\u0001', " + cols.stream()
                .map(c -> "coalesce(cast(`" + c + "` AS STRING), 'null')").collect(Collectors.joining(", ")) + ") AS k";
        List<Row> rows = spark.sql("SELECT " + select + ", avg(pressure_late_mean), avg(free_wrong_sign_mass_final), count(*)"
                + " FROM runs WHERE " + Factors.FROZEN + " AND alpha_init = 1 AND status = 'COMPLETED' AND `" + column
                + "` <=> " + base + sameLoss + " GROUP BY 1").collectAsList();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.isNullAt(1) || r.isNullAt(2)) {
                continue;
            }
            double p = r.getDouble(1);
            double mass = r.getDouble(2);
            out.put(r.getString(0), new double[] {p, mass, mass > 0 ? Math.max(0, -p) / mass : Double.NaN, r.getLong(3)});
        }
        return out;
    }

    private static String frozenKey(List<String> varying, Map<String, Object> point) {
        List<String> cols = varying.stream().filter(c -> !c.startsWith("alpha_")).toList();
        return cols.isEmpty() ? "all" : cols.stream().map(c -> String.valueOf(point.get(c))).collect(Collectors.joining("\u0001"));
    }

    /** Per condition: mean alpha_final and daleness_final of the learned runs at or above the bracket's upper end. */
    private Map<String, double[]> route(List<String> specColumns, String column, Map<String, Boundary> learned) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Boundary b : learned.values()) {
            double from = Double.isFinite(b.bracketHigh()) ? b.bracketHigh() : b.bracketLow();
            if (!Double.isFinite(from)) {
                continue;
            }
            String where = specColumns.stream().filter(c -> !isList(b.point().get(c)))
                    .map(c -> "`" + c + "` <=> " + literal(b.point().get(c))).collect(Collectors.joining(" AND "));
            Row r = spark.sql("SELECT avg(alpha_final), avg(daleness_final) FROM runs WHERE status = 'COMPLETED' AND "
                    + where + " AND `" + column + "` >= " + from).first();
            if (!r.isNullAt(0)) {
                out.put(b.condition(), new double[] {r.getDouble(0), r.isNullAt(1) ? Double.NaN : r.getDouble(1)});
            }
        }
        return out;
    }

    private static boolean isList(Object v) {
        return v instanceof scala.collection.Seq<?> || v instanceof List<?>;
    }

    private static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (v instanceof Double d) {
            return "CAST(" + d + " AS DOUBLE)";
        }
        return v.toString();
    }

    /** Most comparisons that are not shown to differ listed in the report; all are in {@link #TESTS_CSV}. */
    static final int MAX_UNDECIDED_ROWS = 30;
    /** Every comparison of the price tests, beside the report. */
    static final String TESTS_CSV = Analyzer.PRICE_TESTS;

    /**
     * Likelihood-ratio tests of one crossing for two searches: conditions pairwise (learned) — when the
     * conditions differ in more than one column, only pairs that differ in exactly one (the other
     * columns held: which task is cheaper at the same tau_ratio and connectivity, not across
     * everything at once) — and learned vs twin per condition, Holm-adjusted across all of them.
     */
    private static void tests(Report report, Path dir, List<String> conditions, Map<String, Boundary> learned,
                              Map<String, Boundary> twin, List<String> varying, boolean log, boolean price)
            throws IOException {
        List<String> labels = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Double> stat = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            for (int j = i + 1; j < conditions.size(); j++) {
                Boundary a = learned.get(conditions.get(i));
                Boundary b = learned.get(conditions.get(j));
                if (a == null || b == null || differing(varying, a, b) > 1) {
                    continue;
                }
                double s = BoundaryFit.crossingStatistic(log, a.tallies(), b.tallies());
                labels.add(a.condition() + " vs " + b.condition() + " (learned)");
                Boundary cheaper = cheaper(a, b);
                sentences.add(cheaper == null ? "**" + a.condition() + "** and **" + b.condition() + "**: the same"
                        + " estimate (" + price(a) + ")" : "Dale is " + (price ? "cheaper" : "reached at a lower value")
                        + " on **" + cheaper.condition() + "** (" + price(cheaper) + ") than on **"
                        + (cheaper == a ? b : a).condition() + "** (" + price(cheaper == a ? b : a) + ")");
                stat.add(s);
                p.add(Double.isFinite(s) ? 1 - new ChiSquaredDistribution(1).cumulativeProbability(s) : Double.NaN);
            }
        }
        for (String c : conditions) {
            Boundary a = learned.get(c);
            Boundary b = twin.get(c);
            if (a == null || b == null) {
                continue;
            }
            double s = BoundaryFit.crossingStatistic(log, a.tallies(), b.tallies());
            labels.add(c + ": learned vs twin");
            sentences.add("On **" + c + "** the learned arm's " + (price ? "price" : "boundary") + " is " + price(a)
                    + ", its twin's " + price(b));
            stat.add(s);
            p.add(Double.isFinite(s) ? 1 - new ChiSquaredDistribution(1).cumulativeProbability(s) : Double.NaN);
        }
        if (labels.isEmpty()) {
            return;
        }
        double[] adjusted = PressureTables.holm(p.stream().mapToDouble(Double::doubleValue).toArray());
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            order.add(k);
        }
        // the comparisons that hold first (smallest adjusted p first), then the rest in their order
        order.sort(java.util.Comparator.comparingInt((Integer k) -> adjusted[k] < PressureTables.ALPHA ? 0 : 1)
                .thenComparingDouble(k -> adjusted[k] < PressureTables.ALPHA ? adjusted[k] : 0));
        List<List<String>> rows = new ArrayList<>();
        List<String> csv = new ArrayList<>(List.of("comparison,chi2,p,p_holm,reading"));
        StringBuilder text = new StringBuilder();
        int held = 0;
        int untested = 0;
        int undecidedShown = 0;
        for (int k : order) {
            boolean tested = Double.isFinite(adjusted[k]);
            boolean significant = tested && adjusted[k] < PressureTables.ALPHA;
            String reading = tested ? significant ? "differ" : "not shown to differ" : Format.MISSING;
            csv.add(String.join(",", "\"" + labels.get(k).replace("\"", "\"\"") + "\"", Format.sig(stat.get(k)),
                    Format.p(p.get(k)), Format.p(adjusted[k]), reading));
            if (significant) {
                held++;
                text.append(sentences.get(k)).append(": the difference holds (χ²(1) = ").append(Format.sig(stat.get(k)))
                        .append(", Holm-adjusted p = ").append(Format.p(adjusted[k])).append("). ");
            } else if (!tested) {
                untested++;
            }
            if (significant || undecidedShown++ < MAX_UNDECIDED_ROWS) {
                rows.add(List.of(labels.get(k), Format.sig(stat.get(k)), Format.p(p.get(k)), Format.p(adjusted[k]), reading));
            }
        }
        java.nio.file.Files.write(dir.resolve(TESTS_CSV), csv);
        int comparisons = labels.size();
        report.paragraph((held == 0 ? "**No difference between prices holds** after Holm's correction across the "
                + comparisons + " comparisons. " : "**" + held + " of " + comparisons + " comparisons differ** after"
                + " Holm's correction. ") + text.toString().strip()
                + (untested > 0 ? " " + untested + " comparison" + (untested == 1 ? " has" : "s have")
                + " no test (too few probed values)." : ""));
        report.paragraph("**Test.** A likelihood-ratio test of \"both searches cross P = 1/2 at the same value\" against"
                + " \"each at its own\", each with its own slope, on the binomial outcomes of every probe (the profile"
                + " likelihoods of the estimate); the statistic is about χ² with 1 degree of freedom. Compared: every"
                + " condition with its twin, and the learned arms of conditions pairwise"
                + (varying.size() > 1 ? " where they differ in one of " + String.join(", ", varying)
                + " only (the others held)" : "") + ". p-values are adjusted across the " + comparisons
                + " comparisons by **Holm's step-down method**. The table lists those that differ"
                + (comparisons - held > MAX_UNDECIDED_ROWS ? " and the first " + MAX_UNDECIDED_ROWS + " of the "
                + (comparisons - held) + " others" : " and the others") + "; `" + TESTS_CSV + "` beside this report"
                + " has them all.");
        report.table(List.of("comparison", "χ²(1)", "p", "p (Holm)", "reading"), rows);
    }

    /** How many of the varying columns two searches' points differ in. */
    private static int differing(List<String> varying, Boundary a, Boundary b) {
        int n = 0;
        for (String c : varying) {
            if (!Objects.equals(String.valueOf(a.point().get(c)), String.valueOf(b.point().get(c)))) {
                n++;
            }
        }
        return n;
    }

    /** The one with the lower boundary (a censored-below one is lowest, censored-above highest); null when unordered. */
    private static Boundary cheaper(Boundary a, Boundary b) {
        double va = order(a);
        double vb = order(b);
        if (va == vb || (!Double.isFinite(va) && !Double.isFinite(vb) && Objects.equals(a.censored(), b.censored()))) {
            return null;
        }
        return va <= vb ? a : b;
    }

    private static double order(Boundary b) {
        if ("below".equals(b.censored())) {
            return Double.NEGATIVE_INFINITY;
        }
        if ("above".equals(b.censored())) {
            return Double.POSITIVE_INFINITY;
        }
        return b.estimate();
    }

    private void frozenReading(Report report, Path dir, List<String> images, List<String> conditions,
                               Map<String, Boundary> learned, List<String> varying, Map<String, double[]> frozen,
                               boolean price) throws IOException {
        if (!price || frozen.isEmpty()) {
            return;
        }
        report.heading(3, "The price in the frozen-at-1 sense");
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (String c : conditions) {
            Boundary l = learned.get(c);
            if (l == null) {
                continue;
            }
            double[] f = frozen.get(frozenKey(varying, l.point()));
            if (f == null) {
                continue;
            }
            rows.add(List.of(c, Format.sig(f[0]), Format.sig(f[1]), Format.sig(f[2]), price(l),
                    Double.isFinite(l.estimate()) && f[2] > 0 ? Format.ratio(l.estimate() / f[2]) : Format.MISSING));
            if (Double.isFinite(l.estimate()) && l.estimate() > 0 && f[2] > 0) {
                xs.add(Math.log10(f[2]));
                ys.add(Math.log10(l.estimate()));
            }
        }
        report.paragraph("A frozen alpha = 1 network (the pure Dale network, no cost) feels the late pressure P₁ toward"
                + " free (P₁ < 0) or toward Dale. The cost's pull on alpha, averaged along alpha from 0 to 1 with the two"
                + " matrices held, is c times W_free's wrong-sign mass M (the wrong-sign mass of W_rec falls from M at"
                + " alpha = 0 to 0 at alpha = 1). So the cost that outweighs the pull toward free is about"
                + " **c₁ = max(0, −P₁)/M** — the price in the frozen-at-1 sense, read from runs trained without any cost."
                + " It ignores everything training does besides (W_free adapting, the twin's escape), so it is a"
                + " prediction to test, not a measurement.");
        report.table(List.of("condition", "P₁ (late pressure, frozen alpha = 1)", "M (W_free wrong-sign mass)",
                "c₁ = max(0, −P₁)/M", "refined price (learned)", "refined / c₁"), rows);
        if (xs.size() >= 1) {
            String file = "price_frozen_prediction.png";
            Charts.scatter(dir.resolve(file), "Refined price against its frozen-at-1 prediction",
                    "log10 c₁ = log10(max(0, −P₁)/M)", "log10 refined price (learned)",
                    xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray(), true);
            images.add(file);
            report.image(file, "One point per condition with a bracketed learned price and a positive prediction; the"
                    + " grey line is y = x (the prediction exact).");
            if (xs.size() >= 2) {
                double agree = 0;
                int pairs = 0;
                for (int i = 0; i < xs.size(); i++) {
                    for (int j = i + 1; j < xs.size(); j++) {
                        agree += Math.signum(xs.get(i) - xs.get(j)) * Math.signum(ys.get(i) - ys.get(j));
                        pairs++;
                    }
                }
                report.paragraph(String.format(Locale.ROOT, "Over the %d conditions, the prediction orders the prices"
                        + " %s (Kendall's τ = %.2f over %d pairs); descriptive, no test.", xs.size(),
                        agree == pairs ? "as refined" : agree == -pairs ? "in reverse" : "partly as refined",
                        agree / pairs, pairs));
            }
        }
    }

    private static void plot(Path file, List<String> conditions, Map<String, Boundary> learned, Map<String, Boundary> twin,
                             String axis, boolean log) throws IOException {
        List<String> groups = List.of("learned", "twin");
        double[][] est = new double[2][conditions.size()];
        double[][] lo = new double[2][conditions.size()];
        double[][] hi = new double[2][conditions.size()];
        for (int g = 0; g < 2; g++) {
            Map<String, Boundary> arm = g == 0 ? learned : twin;
            for (int c = 0; c < conditions.size(); c++) {
                Boundary b = arm.get(conditions.get(c));
                est[g][c] = b == null ? Double.NaN : b.estimate();
                lo[g][c] = b == null ? Double.NaN : b.ciLow();
                hi[g][c] = b == null ? Double.NaN : b.ciHigh();
            }
        }
        Charts.intervals(file, (axis.equals("loss.mixed_cost") ? "Price of Dale" : "Boundary") + " per condition",
                "condition", axis, conditions, groups, est, lo, hi, log);
    }

    private static String price(Boundary b) {
        if ("above".equals(b.censored())) {
            return "> " + Format.sig(b.bracketLow()) + " (above)";
        }
        if ("below".equals(b.censored())) {
            return "≤ " + Format.sig(b.bracketHigh()) + " (below)";
        }
        return Format.sigInterval(b.estimate(), b.ciLow(), b.ciHigh());
    }

    private static String bracket(Boundary b) {
        return "[" + (Double.isFinite(b.bracketLow()) ? Format.sig(b.bracketLow()) : "–") + ", "
                + (Double.isFinite(b.bracketHigh()) ? Format.sig(b.bracketHigh()) : "–") + "]";
    }

    private static double num(Row r, BoundariesColumn c) {
        Object v = r.getAs(c.columnName());
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static String show(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e6 ? String.format(Locale.ROOT, "%.1f", d) : Format.sig(d);
        }
        return String.valueOf(v);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
