package org.dalesweep.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The plots that show the answer (issue 15 item 4) and the training curves, from the cached view
 * {@code arm_runs} and one pass over {@code trajectories}: every curve of the report (alpha and
 * pressure by factor level, task loss and pressure by arm, pressure of E and I units) is one row
 * group of a single Spark aggregation of per-iteration quartiles.
 */
final class Figures {

    /** Most runs whose trajectories feed the curves; beyond it a hash-sample of the runs (named in the caption). */
    static final long CURVE_RUNS = 20_000;
    /** The pressure axis, in words. */
    static final String PRESSURE_AXIS = "pressure −∂L/∂alpha (loss per unit alpha; > 0 = toward Dale)";

    private final SparkSession spark;
    private final Report report;
    private final Path dir;
    private final List<String> images;

    Figures(SparkSession spark, Report report, Path dir, List<String> images) {
        this.spark = spark;
        this.report = report;
        this.dir = dir;
        this.images = images;
    }

    private void image(String file, String caption) {
        report.image(file, caption);
        images.add(file);
    }

    /** alpha_delta per task and arm (learned, twin) with 95 % intervals; and learned against twin per pair. */
    void armPlots(boolean withTwin) throws IOException {
        List<Row> rows = spark.sql("SELECT task_label, arm_label, count(delta), avg(delta), stddev_samp(delta)"
                + " FROM arm_runs WHERE arm_label IN ('learned', 'twin') AND delta IS NOT NULL GROUP BY 1, 2")
                .collectAsList();
        if (rows.isEmpty()) {
            return;
        }
        List<String> tasks = Factor.ordered(rows.stream().map(r -> r.getString(0)).distinct().toList());
        List<String> arms = withTwin ? List.of("learned", "twin") : List.of("learned");
        double[][] means = new double[arms.size()][tasks.size()];
        double[][] errors = new double[arms.size()][tasks.size()];
        for (double[] m : means) {
            java.util.Arrays.fill(m, Double.NaN);
        }
        for (Row r : rows) {
            int a = arms.indexOf(r.getString(1));
            if (a < 0) {
                continue;
            }
            int t = tasks.indexOf(r.getString(0));
            means[a][t] = Analyzer.dbl(r, 3);
            errors[a][t] = Stats.tHalfWidth95(r.getLong(2), Analyzer.dbl(r, 4));
        }
        List<String> names = arms.stream().map(a -> a.equals("twin") ? "twin (dale_map none)" : "learned").toList();
        Charts.bars(dir.resolve("alpha_delta_by_task_arm.png"), "alpha_delta per task and arm", "task",
                "alpha_delta = alpha_final − alpha_init (> 0 = toward Dale)", tasks, names, means, errors);
        image("alpha_delta_by_task_arm.png", "Mean alpha_delta of completed runs per task, learned arm"
                + (withTwin ? " and its twin" : "") + ", with 95 % t-intervals (black bars).");
        if (!withTwin) {
            return;
        }
        List<Row> pairs = spark.sql("SELECT l.pl, t.pl, l.delta, t.delta FROM (SELECT * FROM arm_runs WHERE"
                + " arm_label = 'learned') l JOIN (SELECT * FROM arm_runs WHERE arm_label = 'twin') t"
                + " ON l.pair_key = t.pair_key ORDER BY hash(l.run_id) LIMIT " + Analyzer.SCATTER_SAMPLE).collectAsList();
        for (int which = 0; which < 2; which++) {
            List<double[]> xy = new ArrayList<>();
            for (Row r : pairs) {
                double l = Analyzer.dbl(r, 2 * which);
                double t = Analyzer.dbl(r, 2 * which + 1);
                if (Double.isFinite(l) && Double.isFinite(t)) {
                    xy.add(new double[] {t, l});
                }
            }
            if (xy.isEmpty()) {
                continue;
            }
            double[] x = xy.stream().mapToDouble(v -> v[0]).toArray();
            double[] y = xy.stream().mapToDouble(v -> v[1]).toArray();
            String what = which == 0 ? "late pressure" : "alpha_delta";
            String file = which == 0 ? "learned_vs_twin_late_pressure.png" : "learned_vs_twin_alpha_delta.png";
            String unit = which == 0 ? " (loss per unit alpha; > 0 = toward Dale)" : " (> 0 = toward Dale)";
            Charts.scatter(dir.resolve(file), "Learned against twin: " + what, "twin " + what + unit,
                    "learned " + what + unit, x, y, true);
            image(file, "Each point a learned run and its twin (same spec, seed and initial draws, dale_map none);"
                    + " above the grey line y = x the learned run is further toward Dale than its twin (" + xy.size()
                    + " pairs" + (pairs.size() == Analyzer.SCATTER_SAMPLE ? ", a hash-sampled subset" : "") + ").");
        }
    }

    /** alpha_delta of the E and of the I units at neuron granularity, per task, with 95 % intervals. */
    void neuronDeltas() throws IOException {
        List<Row> rows = spark.sql("SELECT task_label, count(delta_e), avg(delta_e), stddev_samp(delta_e),"
                + " count(delta_i), avg(delta_i), stddev_samp(delta_i) FROM arm_runs WHERE arm_label = 'learned'"
                + " AND alpha_granularity = 'neuron' GROUP BY 1").collectAsList();
        rows = rows.stream().filter(r -> r.getLong(1) > 0 || r.getLong(4) > 0).toList();
        if (rows.isEmpty()) {
            return;
        }
        List<String> tasks = Factor.ordered(rows.stream().map(r -> r.getString(0)).toList());
        double[][] means = new double[2][tasks.size()];
        double[][] errors = new double[2][tasks.size()];
        for (Row r : rows) {
            int t = tasks.indexOf(r.getString(0));
            for (int u = 0; u < 2; u++) {
                means[u][t] = Analyzer.dbl(r, 2 + 3 * u);
                errors[u][t] = Stats.tHalfWidth95(r.getLong(1 + 3 * u), Analyzer.dbl(r, 3 + 3 * u));
            }
        }
        Charts.bars(dir.resolve("alpha_delta_e_i.png"), "alpha_delta of E and I units (neuron granularity)", "task",
                "mean alpha_final of the units − alpha_init (> 0 = toward Dale)", tasks, List.of("E units", "I units"),
                means, errors);
        image("alpha_delta_e_i.png", "At neuron granularity, how far the excitatory and the inhibitory units' alphas"
                + " moved (mean over the units, then over runs; 95 % t-intervals).");
    }

    /**
     * The curves: one aggregation of per-iteration quartiles over the trajectories of the completed
     * runs (a hash-sample of at most {@value #CURVE_RUNS} runs), then one chart per family.
     */
    void curves(List<Factor> factors, boolean withPressure) throws IOException {
        long runs = spark.sql("SELECT count(*) FROM arm_runs").first().getLong(0);
        if (runs == 0) {
            return;
        }
        double fraction = Math.min(1, (double) CURVE_RUNS / runs);
        long threshold = Math.round(fraction * 1_000_000);
        List<Factor> drawn = factors.stream().limit(4).toList();
        List<String> entries = new ArrayList<>();
        String learned = "r.arm_label = 'learned'";
        if (drawn.isEmpty()) {
            entries.add("'alpha|all', 'all runs', if(" + learned + ", t.alpha_mean, NULL)");
            entries.add("'pressure|all', 'all runs', if(" + learned + ", t.pressure_mean, NULL)");
        }
        for (Factor f : drawn) {
            String name = f.name().replace("'", "");
            entries.add("'alpha|" + name + "', r." + f.alias() + ", if(" + learned + ", t.alpha_mean, NULL)");
            entries.add("'pressure|" + name + "', r." + f.alias() + ", if(" + learned + ", t.pressure_mean, NULL)");
        }
        String arm = "CASE r.arm_label WHEN 'learned' THEN 'learned alpha' WHEN 'twin' THEN 'twin (dale_map none)'"
                + " ELSE CASE r.frozen_at WHEN 1 THEN 'frozen alpha = 1 (Dale)' WHEN 0 THEN 'frozen alpha = 0 (free)'"
                + " ELSE 'frozen, other alpha' END END";
        entries.add("concat('loss|', r.task_label), " + arm + ", if(t.eval_task_loss > 0, t.eval_task_loss, NULL)");
        entries.add("concat('parm|', r.task_label), " + arm + ", t.pressure_mean");
        String neuron = learned + " AND r.alpha_granularity = 'neuron'";
        entries.add("concat('pei|', r.task_label), 'E units', if(" + neuron + ", t.pressure_e_mean, NULL)");
        entries.add("concat('pei|', r.task_label), 'I units', if(" + neuron + ", t.pressure_i_mean, NULL)");
        String sample = fraction >= 1 ? "" : " AND pmod(xxhash64(t.run_id), 1000000) < " + threshold;
        List<Row> rows = spark.sql("SELECT chart, series, iteration, count(*),"
                + " percentile_approx(v, array(0.25, 0.5, 0.75), 1000) FROM (SELECT t.iteration, stack("
                + entries.size() + ", " + String.join(", ", entries) + ") AS (chart, series, v)"
                + " FROM trajectories t JOIN arm_runs r ON t.run_id = r.run_id WHERE true" + sample + ")"
                + " WHERE v IS NOT NULL AND NOT isnan(v) GROUP BY 1, 2, 3").collectAsList();
        Map<String, Map<String, List<Row>>> charts = new LinkedHashMap<>();
        for (Row r : rows) {
            charts.computeIfAbsent(r.getString(0), k -> new HashMap<>())
                    .computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r);
        }
        String sampled = fraction >= 1 ? "" : String.format(Locale.ROOT, " Curves from a hash-sample of %.0f %% of the"
                + " %d runs.", 100 * fraction, runs);
        if (withPressure) {
            byFactor(charts, drawn, "pressure", "pressure over training by ", PRESSURE_AXIS, sampled,
                    "Per-window mean pressure of completed learned-arm runs over training, by %s: median (solid) and"
                            + " interquartile range (dashed) across runs; the black line is zero. The y axis is scaled to the windows after"
                            + " the first quarter (at least the first window), whose early transient runs off the edge.", true);
            byTask(charts, "parm", "Pressure by arm, %s", PRESSURE_AXIS, false, true,
                    "Per-window mean pressure over training on %s for each arm (learned, twin, frozen at 1 and at 0):"
                            + " median (solid) and interquartile range (dashed); > 0 pushes toward Dale; the y axis is scaled to the"
                            + " windows after the first quarter: the early transient runs off the edge.", sampled,
                    "pressure_by_arm_");
            byTask(charts, "pei", "Pressure of E and I units, %s", PRESSURE_AXIS, false, true,
                    "At neuron granularity, the window's pressure averaged over excitatory and over inhibitory"
                            + " presynaptic columns on %s: median (solid) and interquartile range (dashed).", sampled,
                    "pressure_e_i_");
        }
        byFactor(charts, drawn, "alpha", "alpha over training by ", "mean alpha (0 = free, 1 = Dale)", sampled,
                "Mean alpha of completed learned-arm runs over training, by %s: median (solid) and interquartile"
                        + " range (dashed) across runs.", false);
        byTask(charts, "loss", "Held-out task loss, %s, by arm", "held-out task loss (log scale)", true, false,
                "Held-out task loss over training on %s for each arm: median (solid) and interquartile range (dashed)"
                        + " across completed runs.", sampled, "loss_curves_");
    }

    private void byFactor(Map<String, Map<String, List<Row>>> charts, List<Factor> drawn, String family,
                          String title, String yLabel, String sampled, String caption, boolean zero) throws IOException {
        List<String> names = drawn.isEmpty() ? List.of("all") : drawn.stream().map(f -> f.name().replace("'", "")).toList();
        for (String factor : names) {
            Map<String, List<Row>> series = charts.get(family + "|" + factor);
            if (series == null) {
                continue;
            }
            List<String> levels = Factor.ordered(new ArrayList<>(series.keySet()));
            if (levels.size() > Analyzer.MAX_LINES) {
                report.paragraph(family + " over training by " + factor + ": " + levels.size() + " levels, too many to"
                        + " draw.");
                continue;
            }
            List<Charts.Line> lines = new ArrayList<>();
            for (String level : levels) {
                lines.add(Analyzer.quartileLine(factor.equals("all") ? level : factor + " = " + level,
                        series.get(level)));
            }
            String prefix = family.equals("alpha") ? "alpha_trajectories_" : "pressure_trajectories_";
            String file = prefix + factor.replaceAll("[^A-Za-z0-9_]", "_") + ".png";
            Charts.lines(dir.resolve(file), title + factor, "training iteration", yLabel, lines, false, zero);
            image(file, String.format(Locale.ROOT, caption, factor) + sampled);
        }
    }

    private void byTask(Map<String, Map<String, List<Row>>> charts, String family, String title, String yLabel,
                        boolean logY, boolean zero, String caption, String sampled, String prefix) throws IOException {
        List<String> tasks = new ArrayList<>();
        for (String key : charts.keySet()) {
            if (key.startsWith(family + "|")) {
                tasks.add(key.substring(family.length() + 1));
            }
        }
        for (String task : Factor.ordered(tasks)) {
            Map<String, List<Row>> series = charts.get(family + "|" + task);
            List<Charts.Line> lines = new ArrayList<>();
            for (String name : Factor.ordered(new ArrayList<>(series.keySet()))) {
                lines.add(Analyzer.quartileLine(name, series.get(name)));
            }
            String file = prefix + task.replaceAll("[^A-Za-z0-9_]", "_") + ".png";
            Charts.lines(dir.resolve(file), String.format(Locale.ROOT, title, task), "training iteration", yLabel,
                    lines, logY, zero);
            image(file, String.format(Locale.ROOT, caption, task) + sampled);
        }
    }
}
