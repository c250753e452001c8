package org.dalesweep.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dalesweep analyze}: answers "under which conditions does alpha converge to 1?" for one
 * sweep output and writes the report (report.md, report.html and the PNGs) into a directory.
 * Every figure is a Spark aggregation; the driver only ever holds aggregated rows or a bounded
 * sample (the scatter plots), so a million runs stay manageable.
 */
public final class Analyzer {

    /** Most points of a scatter plot (a random sample of the runs). */
    static final int SCATTER_SAMPLE = 2000;
    /** Most levels of a factor drawn as separate lines. */
    static final int MAX_LINES = 8;
    /** Most cells of a pair table printed in the report. */
    static final int MAX_PAIR_CELLS = 60;
    /** Most grid points listed one by one against their controls. */
    static final int MAX_LISTED_POINTS = 40;

    private final SparkSession spark;

    public Analyzer(SparkSession spark) {
        this.spark = spark;
    }

    /** The file beside the report listing every comparison of prices (the report lists the first ones). */
    public static final String PRICE_TESTS = "price-tests.csv";

    /**
     * What was written: the report directory, the PNGs (each with an SVG beside it), the factors
     * found, the model of the direction of drift and the answer's tables.
     */
    public record Outcome(Path reportDir, List<String> images, List<Factor> factors, OddsModel.Result model,
                          Answer.Result answer) {
    }

    private record Sections(OddsModel.Result model, Answer.Result answer) {
    }

    public Outcome analyze(Path in, Path reportDir) throws AnalysisInputException, IOException {
        SweepOutput out = SweepOutput.open(spark, in);
        Files.createDirectories(reportDir);
        Report report = new Report("When is Dale's law computationally beneficial? — sweep " + sweepName(out));
        List<String> images = new ArrayList<>();
        Prices.Result prices = null;
        if (out.hasBoundaries()) {
            // the prices lead, from every run; the other sections read the grid's own runs only
            prices = new Prices(spark).write(report, reportDir, images);
            if (prices != null) {
                java.util.Set<String> grid = GridRecords.gridRunIds(in);
                if (grid.isEmpty()) {
                    out.restrictRuns(prices.ownGrid());
                } else {
                    spark.createDataset(new ArrayList<>(grid), org.apache.spark.sql.Encoders.STRING()).toDF("run_id")
                            .createOrReplaceTempView("grid_run_ids");
                    out.restrictRuns(prices.ownGrid() + " AND run_id IN (SELECT run_id FROM grid_run_ids)");
                }
            }
        }
        // every section reads runs: deduplicate it once (its window over run ids is the costly part)
        spark.catalog().cacheTable("runs");
        List<String> cached = new ArrayList<>(List.of("runs"));
        try {
            List<Factor> factors = Factors.detect(out);
            StringBuilder labels = new StringBuilder();
            for (Factor f : factors) {
                labels.append(f.expression()).append(" AS ").append(f.alias()).append(", ");
            }
            String task = out.hasColumn("task") ? "coalesce(task, 'n/a')" : "'all'";
            spark.sql("SELECT run_id, " + labels + task + " AS task_label, status,"
                    + " CASE WHEN status = 'COMPLETED' AND NOT isnan(alpha_final) THEN alpha_final END AS a,"
                    + " spectral_radius_init, svd_entropy_init, spectral_radius_final, svd_entropy_final"
                    + " FROM runs WHERE " + Factors.LEARNED).createOrReplaceTempView("learned");
            spark.sql(armRunsSql(out, labels.toString(), task)).createOrReplaceTempView("arm_runs");
            spark.catalog().cacheTable("arm_runs");
            cached.add("arm_runs");
            Sections s = write(out, factors, report, reportDir, images, prices);
            report.write(reportDir);
            return new Outcome(reportDir, images, factors, s.model(), s.answer());
        } finally {
            cached.forEach(v -> spark.catalog().uncacheTable(v));
        }
    }

    /**
     * One row per COMPLETED run of any arm: its arm, factor levels, task, the end a frozen control
     * sits at, alpha_delta, the whole-run and late pressure (NaN as null), the E and I units'
     * alpha_delta, and {@code pair_key}: a hash of every spec column but {@code dale_map}, the same
     * for a learned run and its twin (DESIGN §5.2).
     */
    private static String armRunsSql(SweepOutput out, String labels, String task) {
        List<String> pairColumns = out.specColumns().stream().filter(c -> !c.equals("dale_map"))
                .map(c -> "`" + c + "`").toList();
        String pairKey = pairColumns.isEmpty() ? "CAST(0 AS BIGINT)" : "xxhash64(" + String.join(", ", pairColumns) + ")";
        return "SELECT run_id, " + Factors.ARM + " AS arm_label, " + labels + task + " AS task_label,"
                + " CASE WHEN " + Factors.FROZEN + " AND alpha_init IN (0, 1) THEN CAST(alpha_init AS INT) END AS frozen_at,"
                + " alpha_granularity, " + finite("coalesce(alpha_delta, alpha_final - alpha_init)") + " AS delta, "
                + finite("alpha_final") + " AS alpha_final, " + finite("pressure_mean") + " AS pm, "
                + finite("pressure_late_mean") + " AS pl, " + finite("alpha_final_e - alpha_init") + " AS delta_e, "
                + finite("alpha_final_i - alpha_init") + " AS delta_i, " + pairKey + " AS pair_key"
                + " FROM runs WHERE status = 'COMPLETED'";
    }

    private static String finite(String expression) {
        return "CASE WHEN NOT isnan(" + expression + ") THEN " + expression + " END";
    }

    private String sweepName(SweepOutput out) {
        if (!out.hasColumn("sweep")) {
            return out.dir().getFileName().toString();
        }
        List<Row> names = spark.sql("SELECT DISTINCT sweep FROM runs LIMIT 3").collectAsList();
        return names.stream().map(r -> r.isNullAt(0) ? "?" : r.getString(0)).collect(Collectors.joining(", "));
    }

    private Sections write(SweepOutput out, List<Factor> factors, Report report, Path dir, List<String> images,
                           Prices.Result prices) throws IOException, AnalysisInputException {
        AlphaByCondition stats = new AlphaByCondition(spark).precompute(factors);
        Map<String, Long> completedByArm = new HashMap<>();
        for (Row r : spark.sql("SELECT arm_label, count(*) FROM arm_runs GROUP BY 1").collectAsList()) {
            completedByArm.put(r.getString(0), r.getLong(1));
        }
        boolean withTwin = completedByArm.getOrDefault("twin", 0L) > 0;
        boolean withFrozen = completedByArm.getOrDefault("frozen", 0L) > 0;
        Answer.Result answer = new Answer(spark, factors, withTwin, withFrozen).afterPrices(prices).write(report);
        boolean withPressure = answer.learned().get(0).late().n() > 0 || answer.learned().get(0).pressure().n() > 0;
        plotsSection(out, factors, report, dir, images, withTwin, withPressure);
        overview(out, factors, stats, report);

        report.heading(1, "Alpha by condition");
        report.paragraph("Learned-alpha runs only. **runs** counts every run with its status; the alpha columns use"
                + " the **n** COMPLETED runs. Mean alpha_final with a 95 % **t-interval** (mean ± t(0.975, n−1)·s/√n;"
                + " none when n < 2). P(≥ 0.9) and P(≤ 0.1) are the fractions of the n runs whose alpha_final reached"
                + " 0.9 (\"alpha → 1\", Dale) or fell to 0.1 (\"alpha → 0\", free).");
        for (Factor f : factors) {
            report.heading(2, f.name());
            levelTable(report, List.of(f), stats.by(List.of(f)));
        }
        int heat = 0;
        for (int i = 0; i < factors.size(); i++) {
            for (int j = i + 1; j < factors.size(); j++) {
                List<Factor> pair = List.of(factors.get(i), factors.get(j));
                List<LevelStats> cells = stats.by(pair);
                report.heading(2, pair.get(0).name() + " × " + pair.get(1).name());
                if (cells.size() <= MAX_PAIR_CELLS) {
                    levelTable(report, pair, cells);
                } else {
                    report.paragraph(cells.size() + " cells: too many to list; see the heat map.");
                }
                String file = "heatmap_" + pair.get(0).alias() + "_x_" + pair.get(1).alias() + ".png";
                heatMap(dir.resolve(file), pair, cells);
                report.image(file, "Mean alpha_final (dimensionless, 0 = free, 1 = Dale) over " + pair.get(0).name()
                        + " × " + pair.get(1).name() + "; blank cells have no completed run.");
                images.add(file);
                heat++;
            }
        }
        if (factors.size() < 2 && heat == 0) {
            report.paragraph("Fewer than two factors vary among the learned-alpha runs: no pair tables or heat maps.");
        }

        controlsSection(out, factors, report);
        neuronSection(out, report, dir, images);
        spectralSection(report, dir, images);
        report.heading(1, "Distribution of alpha_final");
        alphaHistogram(report, dir, images);
        return new Sections(answer.model(), answer);
    }

    private void overview(SweepOutput out, List<Factor> factors, AlphaByCondition stats, Report report) {
        List<Row> byArm = spark.sql("SELECT CASE WHEN " + Factors.LEARNED + " THEN 'learned alpha'"
                + " WHEN " + Factors.ARM + " = 'twin' THEN 'twin (dale_map none)'"
                + " ELSE concat('frozen alpha = ', cast(alpha_init as string)) END AS arm, count(*),"
                + " count_if(status = 'COMPLETED'), count_if(status = 'DIVERGED'), count_if(status = 'FAILED')"
                + " FROM runs GROUP BY 1 ORDER BY 1").collectAsList();
        report.heading(1, "Overview");
        report.paragraph("Output: `" + out.dir() + "`. Runs are counted once per run id (duplicates from"
                + " re-runs removed).");
        List<List<String>> rows = new ArrayList<>();
        for (Row r : byArm) {
            rows.add(List.of(r.getString(0), Long.toString(r.getLong(1)), Long.toString(r.getLong(2)),
                    Long.toString(r.getLong(3)), Long.toString(r.getLong(4))));
        }
        report.table(List.of("arm", "runs", "completed", "diverged", "failed"), rows);
        report.paragraph(factors.isEmpty() ? "No spec column varies among the learned-alpha runs: no factors."
                : "Factors (spec columns that vary among the learned-alpha runs, seeds aside): "
                + factors.stream().map(f -> "`" + f.name() + "`").collect(Collectors.joining(", ")) + ".");
        List<LevelStats> all = stats.by(List.of());
        if (!all.isEmpty()) {
            LevelStats s = all.get(0);
            report.paragraph(String.format(Locale.ROOT, "Over all %d completed learned-alpha runs, mean alpha_final is %s;"
                    + " %s of them end with alpha ≥ 0.9 and %s with alpha ≤ 0.1.", s.n(),
                    Format.withInterval(s.mean(), s.ciLow(), s.ciHigh()), percent(s.pNearDale()),
                    percent(s.pNearFree())));
        }
    }

    private static String percent(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%.1f %%", 100 * p) : Format.MISSING;
    }

    private static void levelTable(Report report, List<Factor> factors, List<LevelStats> rows) {
        List<String> header = new ArrayList<>();
        factors.forEach(f -> header.add(f.name()));
        header.addAll(List.of("runs", "completed", "diverged", "failed", "n", "mean alpha_final [95 % CI]",
                "P(≥ 0.9)", "P(≤ 0.1)"));
        List<List<String>> body = new ArrayList<>();
        for (LevelStats s : rows) {
            List<String> row = new ArrayList<>(s.levels());
            row.addAll(List.of(Long.toString(s.runs()), Long.toString(s.completed()), Long.toString(s.diverged()),
                    Long.toString(s.failed()), Long.toString(s.n()), Format.withInterval(s.mean(), s.ciLow(), s.ciHigh()),
                    Format.fraction(s.pNearDale()), Format.fraction(s.pNearFree())));
            body.add(row);
        }
        report.table(header, body);
    }

    private static void heatMap(Path file, List<Factor> pair, List<LevelStats> cells) throws IOException {
        List<String> xs = Factor.ordered(cells.stream().map(c -> c.levels().get(1)).distinct().toList());
        List<String> ys = Factor.ordered(cells.stream().map(c -> c.levels().get(0)).distinct().toList());
        double[][] values = new double[xs.size()][ys.size()];
        for (double[] v : values) {
            java.util.Arrays.fill(v, Double.NaN);
        }
        for (LevelStats c : cells) {
            values[xs.indexOf(c.levels().get(1))][ys.indexOf(c.levels().get(0))] = c.mean();
        }
        Charts.heatMap(file, "Mean alpha_final", pair.get(1).name(), pair.get(0).name(), xs, ys, values);
    }

    private void controlsSection(SweepOutput out, List<Factor> factors, Report report) {
        report.heading(1, "Learned alpha against the frozen controls");
        report.paragraph("A grid point fixes every spec column except the seed and the alpha settings. At each"
                + " grid point (and level of the alpha factors) the learned-alpha runs are compared with the frozen"
                + " alpha = 1 (pure Dale) and alpha = 0 (pure free) controls; all figures are means over seeds of"
                + " COMPLETED runs. Loss is the final held-out loss (task loss plus regularisers); accuracy is the"
                + " task score. Δ columns are paired differences learned − control over the grid points that have"
                + " the control, with a 95 % t-interval.");
        ControlComparison cc = new ControlComparison(out, factors);
        try {
            controlTables(cc, factors, report);
        } finally {
            cc.release();
        }
    }

    private void controlTables(ControlComparison cc, List<Factor> factors, Report report) {
        long points = cc.points();
        if (points == 0) {
            report.paragraph("No completed learned-alpha run: nothing to compare.");
            return;
        }
        List<ControlComparison.Summary> overall = cc.summary(null);
        if (overall.get(0).withDale() == 0 && overall.get(0).withFree() == 0) {
            report.paragraph("**No controls**: the sweep has no frozen-alpha runs at any learned grid point.");
        }
        List<List<String>> rows = new ArrayList<>();
        summaryRows(rows, "all", overall);
        for (Factor f : factors) {
            summaryRows(rows, f.name(), cc.summary(f));
        }
        report.table(List.of("factor", "level", "grid points", "with Dale / free control", "loss learned",
                "loss Dale", "loss free", "acc. learned", "acc. Dale", "acc. free", "Δacc learned − Dale [95 % CI]",
                "Δacc learned − free [95 % CI]"), rows);
        List<ControlComparison.Point> listed = cc.points(MAX_LISTED_POINTS);
        report.paragraph(points <= MAX_LISTED_POINTS ? "Every grid point:"
                : "Grid points missing a control first (" + MAX_LISTED_POINTS + " of " + points + "):");
        List<String> header = new ArrayList<>();
        factors.forEach(f -> header.add(f.name()));
        header.addAll(List.of("learned n", "learned loss / acc.", "Dale n", "Dale loss / acc.", "free n",
                "free loss / acc."));
        List<List<String>> body = new ArrayList<>();
        for (ControlComparison.Point p : listed) {
            List<String> row = new ArrayList<>(p.levels());
            row.add(Long.toString(p.learnedRuns()));
            row.add(Format.num(p.learnedLoss(), 4) + " / " + Format.num(p.learnedAccuracy(), 3));
            row.add(p.daleRuns() == 0 ? "0" : p.daleCompleted() + " of " + p.daleRuns());
            row.add(arm(p.daleRuns(), p.daleCompleted(), p.daleLoss(), p.daleAccuracy()));
            row.add(p.freeRuns() == 0 ? "0" : p.freeCompleted() + " of " + p.freeRuns());
            row.add(arm(p.freeRuns(), p.freeCompleted(), p.freeLoss(), p.freeAccuracy()));
            body.add(row);
        }
        report.table(header, body);
    }

    private static String arm(long runs, long completed, double loss, double accuracy) {
        if (runs == 0) {
            return "no controls";
        }
        if (completed == 0) {
            return "no completed control";
        }
        return Format.num(loss, 4) + " / " + Format.num(accuracy, 3);
    }

    private static void summaryRows(List<List<String>> rows, String factor, List<ControlComparison.Summary> summaries) {
        for (ControlComparison.Summary s : summaries) {
            rows.add(List.of(factor, s.level(), Long.toString(s.points()), s.withDale() + " / " + s.withFree(),
                    Format.num(s.learnedLoss(), 4), s.withDale() == 0 ? "no controls" : Format.num(s.daleLoss(), 4),
                    s.withFree() == 0 ? "no controls" : Format.num(s.freeLoss(), 4), Format.num(s.learnedAccuracy(), 3),
                    s.withDale() == 0 ? "no controls" : Format.num(s.daleAccuracy(), 3),
                    s.withFree() == 0 ? "no controls" : Format.num(s.freeAccuracy(), 3),
                    diff(s.diffDale(), s.sdDale(), s.nDale()), diff(s.diffFree(), s.sdFree(), s.nFree())));
        }
    }

    private static String diff(double mean, double sd, long n) {
        if (n == 0) {
            return "no controls";
        }
        double h = Stats.tHalfWidth95(n, sd);
        return Format.withInterval(mean, mean - h, mean + h) + " (n=" + n + ")";
    }

    private void neuronSection(SweepOutput out, Report report, Path dir, List<String> images) throws IOException {
        report.heading(1, "Neuron granularity: per-neuron alpha by cell type");
        if (!out.hasColumn("alpha_neurons") || !out.hasColumn("alpha_granularity")) {
            report.paragraph("The runs table has no per-neuron alphas.");
            return;
        }
        spark.sql("SELECT coalesce(r.task, 'n/a') AS task_label,"
                + " CASE WHEN n.pos < round(r.e_fraction * r.units) THEN 'E' ELSE 'I' END AS cell_type, n.alpha"
                + " FROM runs r LATERAL VIEW posexplode(r.alpha_neurons) n AS pos, alpha"
                + " WHERE " + Factors.LEARNED
                + " AND r.alpha_granularity = 'neuron' AND r.status = 'COMPLETED'"
                + " AND size(r.alpha_neurons) = r.units AND NOT isnan(n.alpha)").createOrReplaceTempView("neuron_alphas");
        List<Row> rows = spark.sql("SELECT task_label, cell_type, count(*), avg(alpha),"
                + " percentile_approx(alpha, array(0.05, 0.25, 0.5, 0.75, 0.95), 10000),"
                + " avg(if(alpha >= 0.9, 1D, 0D)), avg(if(alpha <= 0.1, 1D, 0D))"
                + " FROM neuron_alphas GROUP BY 1, 2 ORDER BY 1, 2").collectAsList();
        if (rows.isEmpty()) {
            report.paragraph("No completed learned-alpha run at neuron granularity.");
            return;
        }
        report.paragraph("Runs with alpha_granularity = neuron: one alpha per presynaptic unit; units"
                + " 0 … round(e_fraction·units) − 1 are excitatory (E), the rest inhibitory (I). Quantiles are"
                + " Spark's percentile_approx.");
        List<List<String>> body = new ArrayList<>();
        for (Row r : rows) {
            List<Double> q = r.getList(4);
            body.add(List.of(r.getString(0), r.getString(1), Long.toString(r.getLong(2)), Format.num(dbl(r, 3), 3),
                    Format.num(q.get(0), 3), Format.num(q.get(1), 3), Format.num(q.get(2), 3), Format.num(q.get(3), 3),
                    Format.num(q.get(4), 3), Format.fraction(dbl(r, 5)), Format.fraction(dbl(r, 6))));
        }
        report.table(List.of("task", "type", "neurons", "mean", "5 %", "25 %", "median", "75 %", "95 %",
                "P(≥ 0.9)", "P(≤ 0.1)"), body);
        List<Row> hist = spark.sql("SELECT cell_type, least(cast(floor(alpha * 20) AS int), 19) AS bin, count(*)"
                + " FROM neuron_alphas GROUP BY 1, 2").collectAsList();
        List<String> types = List.of("E", "I");
        double[][] heights = new double[2][20];
        long[] totals = new long[2];
        for (Row r : hist) {
            int t = types.indexOf(r.getString(0));
            heights[t][r.getInt(1)] += r.getLong(2);
            totals[t] += r.getLong(2);
        }
        for (int t = 0; t < 2; t++) {
            for (int b = 0; b < 20; b++) {
                heights[t][b] = totals[t] == 0 ? 0 : heights[t][b] / totals[t];
            }
        }
        String file = "neuron_alpha_by_type.png";
        Charts.bars(dir.resolve(file), "Per-neuron alpha, E vs I units", "final alpha of the neuron (bin of 0.05)",
                "fraction of neurons of the type", binLabels(), List.of("E units (n=" + totals[0] + ")",
                        "I units (n=" + totals[1] + ")"), heights);
        report.image(file, "Distribution of per-neuron final alpha (0 = free, 1 = Dale), excitatory vs inhibitory units.");
        images.add(file);
    }

    private static List<String> binLabels() {
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < 20; b++) {
            labels.add(String.format(Locale.ROOT, "%.2f", b * 0.05));
        }
        return labels;
    }

    private void spectralSection(Report report, Path dir, List<String> images) throws IOException {
        report.heading(1, "The spectral story");
        report.paragraph("Spectral radius ρ and normalised SVD entropy H (Li et al. 2023: H = −Σ p_i ln p_i / ln N,"
                + " p_i = σ_i/Σσ) of W_rec at initialisation and at the end, against alpha_final, for completed"
                + " learned-alpha runs, binned by alpha_final.");
        List<Row> rows = spark.sql("SELECT least(cast(floor(a * 5) AS int), 4) AS bin, count(*),"
                + " avg(spectral_radius_init), avg(spectral_radius_final), avg(svd_entropy_init), avg(svd_entropy_final)"
                + " FROM learned WHERE a IS NOT NULL GROUP BY 1 ORDER BY 1").collectAsList();
        if (rows.isEmpty()) {
            report.paragraph("No completed learned-alpha run.");
            return;
        }
        List<List<String>> body = new ArrayList<>();
        for (Row r : rows) {
            int bin = r.getInt(0);
            body.add(List.of(String.format(Locale.ROOT, "%.1f–%.1f", bin * 0.2, bin * 0.2 + 0.2),
                    Long.toString(r.getLong(1)), num(r, 2), num(r, 3), num(r, 4), num(r, 5)));
        }
        report.table(List.of("alpha_final", "runs", "ρ init", "ρ final", "H init", "H final"), body);
        List<Row> sample = spark.sql("SELECT spectral_radius_init, svd_entropy_init, a FROM learned"
                + " WHERE a IS NOT NULL AND spectral_radius_init IS NOT NULL AND svd_entropy_init IS NOT NULL"
                + " ORDER BY hash(run_id) LIMIT " + SCATTER_SAMPLE).collectAsList();
        if (sample.isEmpty()) {
            return;
        }
        double[] rho = new double[sample.size()];
        double[] h = new double[sample.size()];
        double[] a = new double[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            rho[i] = dbl(sample.get(i), 0);
            h[i] = dbl(sample.get(i), 1);
            a[i] = dbl(sample.get(i), 2);
        }
        Charts.scatter(dir.resolve("spectral_radius_vs_alpha.png"), "Spectral radius at init vs final alpha",
                "spectral radius ρ of W_rec at init (dimensionless)", "alpha_final (0 = free, 1 = Dale)", rho, a);
        Charts.scatter(dir.resolve("svd_entropy_vs_alpha.png"), "Normalised SVD entropy at init vs final alpha",
                "normalised SVD entropy H of W_rec at init (0–1)", "alpha_final (0 = free, 1 = Dale)", h, a);
        String note = " (" + sample.size() + " runs" + (sample.size() == SCATTER_SAMPLE ? ", a hash-sampled subset" : "") + ")";
        report.image("spectral_radius_vs_alpha.png", "Spectral radius of W_rec at init against alpha_final" + note + ".");
        report.image("svd_entropy_vs_alpha.png", "Normalised SVD entropy of W_rec at init against alpha_final" + note + ".");
        images.add("spectral_radius_vs_alpha.png");
        images.add("svd_entropy_vs_alpha.png");
    }

    private static String num(Row r, int i) {
        return r.isNullAt(i) ? Format.MISSING : Format.num(dbl(r, i), 3);
    }

    /** A numeric cell as a double whatever its Spark type (double, decimal, integer); NaN for null. */
    static double dbl(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }

    private void plotsSection(SweepOutput out, List<Factor> factors, Report report, Path dir, List<String> images,
                              boolean withTwin, boolean withPressure) throws IOException {
        report.heading(1, "Plots that show the answer");
        report.paragraph("Every plot is also written as SVG beside its PNG (the [SVG] link under each).");
        Figures figures = new Figures(spark, report, dir, images);
        figures.armPlots(withTwin);
        figures.neuronDeltas();
        if (!out.hasTrajectories()) {
            report.paragraph("No trajectories table: no training curves.");
        } else {
            figures.curves(factors, withPressure);
        }
    }

    private void alphaHistogram(Report report, Path dir, List<String> images) throws IOException {
        List<Row> hist = spark.sql("SELECT task_label, least(cast(floor(a * 20) AS int), 19), count(*) FROM learned"
                + " WHERE a IS NOT NULL GROUP BY 1, 2").collectAsList();
        if (hist.isEmpty()) {
            return;
        }
        List<String> tasks = Factor.ordered(hist.stream().map(r -> r.getString(0)).distinct().toList());
        double[][] heights = new double[tasks.size()][20];
        long[] totals = new long[tasks.size()];
        for (Row r : hist) {
            int t = tasks.indexOf(r.getString(0));
            heights[t][r.getInt(1)] += r.getLong(2);
            totals[t] += r.getLong(2);
        }
        List<String> names = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            for (int b = 0; b < 20; b++) {
                heights[t][b] /= totals[t];
            }
            names.add(tasks.get(t) + " (n=" + totals[t] + ")");
        }
        Charts.bars(dir.resolve("alpha_final_by_task.png"), "Distribution of alpha_final per task",
                "alpha_final (bin of 0.05; 0 = free, 1 = Dale)", "fraction of the task's runs", binLabels(), names, heights);
        report.image("alpha_final_by_task.png", "alpha_final of completed learned-alpha runs, per task.");
        images.add("alpha_final_by_task.png");
    }

    static Charts.Line quartileLine(String name, List<Row> points) {
        List<Row> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> Integer.compare(a.getInt(2), b.getInt(2)));
        double[] x = new double[sorted.size()];
        double[] lo = new double[sorted.size()];
        double[] mid = new double[sorted.size()];
        double[] hi = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            List<Double> q = sorted.get(i).getList(4);
            x[i] = sorted.get(i).getInt(2);
            lo[i] = q.get(0);
            mid[i] = q.get(1);
            hi[i] = q.get(2);
        }
        return new Charts.Line(name, x, mid, lo, hi);
    }
}
