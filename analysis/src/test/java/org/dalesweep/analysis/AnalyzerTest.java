package org.dalesweep.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.DoubleStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every statistic of the report checked against values worked out by hand from {@link SweepFixture}. */
class AnalyzerTest {

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path in;
    static Analyzer.Outcome outcome;
    static String markdown;

    /** t(0.975, df) from tables, df = 0…6. */
    static final double[] T975 = {Double.NaN, 12.706204736174698, 4.302652729749464, 3.182446305284263,
        2.7764451051977934, 2.5705818366147395, 2.4469118511449692};

    @BeforeAll
    static void analyzeTheFixture() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("AnalyzerTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        in = tmp.resolve("out");
        new SweepFixture().write(spark, in);
        outcome = new Analyzer(spark).analyze(in, in.resolve("report"));
        markdown = Files.readString(in.resolve("report/report.md"));
        // the views (runs, learned, vs_controls, neuron_alphas) stay registered for the direct checks below
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static double mean(double... xs) {
        return DoubleStream.of(xs).average().orElseThrow();
    }

    static double sd(double... xs) {
        double m = mean(xs);
        return Math.sqrt(DoubleStream.of(xs).map(x -> (x - m) * (x - m)).sum() / (xs.length - 1));
    }

    static double[] concat(double[] a, double[] b) {
        return DoubleStream.concat(DoubleStream.of(a), DoubleStream.of(b)).toArray();
    }

    @Test
    void aRunWrittenTwiceCountsOnce() {
        long rows = spark.sql("SELECT count(*) FROM runs_raw").first().getLong(0);
        long runs = spark.sql("SELECT count(*) FROM runs").first().getLong(0);
        assertEquals(new SweepFixture().runs.size() + 1, rows);
        assertEquals(new SweepFixture().runs.size(), runs);
        assertEquals(runs, spark.sql("SELECT count(DISTINCT run_id) FROM runs").first().getLong(0));
    }

    @Test
    void factorsAreTheSpecColumnsThatVaryAmongLearnedRuns() {
        assertEquals(List.of("tau_ratio", "loss"), outcome.factors().stream().map(Factor::name).toList());
    }

    @Test
    void perLevelStatisticsMatchHandComputedValues() {
        List<LevelStats> byTau = new AlphaByCondition(spark).by(List.of(outcome.factors().get(0)));
        assertEquals(2, byTau.size());
        LevelStats tau1 = byTau.get(0);
        assertEquals(List.of("1.0"), tau1.levels());
        double[] a1 = concat(SweepFixture.TAU1_MSE, SweepFixture.TAU1_L2); // 0.95 0.2 0.05 0.5 0.99 0.6 0.08
        assertEquals(8, tau1.runs());
        assertEquals(7, tau1.completed());
        assertEquals(1, tau1.diverged());
        assertEquals(0, tau1.failed());
        assertEquals(7, tau1.n());
        assertEquals(mean(a1), tau1.mean(), 1e-12);
        assertEquals(mean(a1) - T975[6] * sd(a1) / Math.sqrt(7), tau1.ciLow(), 1e-9);
        assertEquals(mean(a1) + T975[6] * sd(a1) / Math.sqrt(7), tau1.ciHigh(), 1e-9);
        assertEquals(2.0 / 7, tau1.pNearDale(), 1e-12); // 0.95, 0.99
        assertEquals(2.0 / 7, tau1.pNearFree(), 1e-12); // 0.05, 0.08

        LevelStats tau4 = byTau.get(1);
        double[] a4 = concat(SweepFixture.TAU4_MSE, SweepFixture.TAU4_L2);
        assertEquals(List.of("4.0"), tau4.levels());
        assertEquals(8, tau4.runs()); // the duplicate of tau4-mse-1 is not counted
        assertEquals(1, tau4.failed());
        assertEquals(7, tau4.n());
        assertEquals(mean(a4), tau4.mean(), 1e-12);
        assertEquals(6.0 / 7, tau4.pNearDale(), 1e-12);
        assertEquals(0, tau4.pNearFree(), 1e-12);
    }

    @Test
    void pairCellsMatchHandComputedValues() {
        List<LevelStats> cells = new AlphaByCondition(spark).by(outcome.factors());
        assertEquals(4, cells.size());
        LevelStats c = cells.get(0);
        assertEquals(List.of("1.0", "mse"), c.levels());
        assertEquals(0.425, c.mean(), 1e-12); // (0.95 + 0.2 + 0.05 + 0.5) / 4
        assertEquals(T975[3] * sd(SweepFixture.TAU1_MSE) / 2, c.ciHigh() - c.mean(), 1e-9);
        assertEquals(5, c.runs());
        LevelStats last = cells.get(3);
        assertEquals(List.of("4.0", "mse+rate_l2=0.01"), last.levels());
        assertEquals(mean(SweepFixture.TAU4_L2), last.mean(), 1e-12);
        assertEquals(1.0, last.pNearDale(), 1e-12);
    }

    @Test
    void logisticModelFitsTheAggregatedCounts() throws AnalysisInputException {
        // cells (tau, loss) -> n, k(alpha >= 0.9): (1,mse) 4,1  (1,l2) 3,1  (4,mse) 4,3  (4,l2) 3,3
        double[][] x = {{1, 0, 0}, {1, 0, 1}, {1, 1, 0}, {1, 1, 1}};
        double[] n = {4, 3, 4, 3};
        double[] k = {1, 1, 3, 3};
        LogisticRegression.Fit plain = LogisticRegression.fit(x, n, k, 0);
        // the model of P(alpha_final >= 0.9) is no longer the report's headline, but it still fits as it did
        OddsModel.Result model = OddsModel.fit(spark, outcome.factors());
        assertEquals(14, model.runs());
        assertEquals(8, model.successes());
        // (4, l2) has every run at alpha >= 0.9, but with main effects only its log odds are pinned by
        // the other three cells (b0 + b1 + b2), so the maximum-likelihood fit is finite: no ridge needed
        assertFalse(plain.separated());
        assertEquals(0, model.ridge());
        assertTrue(model.converged());
        assertTrue(model.notes().isEmpty(), model.notes().toString());
        assertEquals(plain.coefficients()[0], model.intercept(), 1e-9);
        assertEquals("tau_ratio", model.terms().get(0).factor());
        assertEquals("4.0", model.terms().get(0).level());
        assertEquals("1.0", model.terms().get(0).reference());
        assertEquals(plain.coefficients()[1], model.terms().get(0).logOdds(), 1e-9);
        assertEquals(plain.standardErrors()[1], model.terms().get(0).se(), 1e-9);
        // the fit solves the score equations of the four cells: observed = expected successes per column
        double[] beta = plain.coefficients();
        for (int j = 0; j < 3; j++) {
            double score = 0;
            for (int i = 0; i < 4; i++) {
                double eta = beta[0] + x[i][1] * beta[1] + x[i][2] * beta[2];
                score += x[i][j] * (k[i] - n[i] / (1 + Math.exp(-eta)));
            }
            assertEquals(0, score, 1e-8, "score of column " + j);
        }
        assertEquals("mse+rate_l2=0.01", model.terms().get(1).level());
        assertEquals(plain.coefficients()[2], model.terms().get(1).logOdds(), 1e-9);
        assertTrue(OddsModel.sentence(model.terms().get(0)).startsWith("tau_ratio = 4.0 vs 1.0 multiplies the odds of"
                + " alpha → 1 by "));
        // the fixture has no pressure: the headline model has nothing to fit, and the report says so
        assertEquals(0, outcome.model().runs());
        assertTrue(markdown.contains("**No pressure recorded**"), markdown);
    }

    @Test
    void aLevelWhereEveryRunReachesDaleIsRefittedWithTheRidgeAndSaysSo() throws AnalysisInputException {
        SparkSession own = spark.newSession(); // its own temp views: the fixture's stay untouched
        own.sql("SELECT * FROM VALUES ('a', 0.95), ('a', 0.2), ('a', 0.3), ('a', 0.1),"
                + " ('b', 0.91), ('b', 0.99), ('b', 0.97) AS t(f_task, a)").createOrReplaceTempView("learned");
        OddsModel.Result model = OddsModel.fit(own, List.of(Factor.column("task")));
        LogisticRegression.Fit ridge = LogisticRegression.fit(new double[][] {{1, 0}, {1, 1}}, new double[] {4, 3},
                new double[] {1, 3}, OddsModel.RIDGE);
        assertEquals(OddsModel.RIDGE, model.ridge());
        assertTrue(model.notes().get(0).contains("ridge penalty of " + OddsModel.RIDGE), model.notes().toString());
        assertEquals(ridge.coefficients()[1], model.terms().get(0).logOdds(), 1e-9);
        assertTrue(Double.isFinite(model.terms().get(0).se()));
    }

    @Test
    void whenNoRunReachesDaleTheModelIsNotFittedAndTheReportSaysWhy() throws AnalysisInputException {
        SparkSession own = spark.newSession();
        for (String a : new String[] {"0.2, 0.5, 0.1, 0.3", "0.95, 0.99, 0.91, 0.97"}) {
            String[] v = a.split(", ");
            own.sql("SELECT * FROM VALUES ('a', " + v[0] + "), ('a', " + v[1] + "), ('b', " + v[2] + "), ('b', "
                    + v[3] + ") AS t(f_task, a)").createOrReplaceTempView("learned");
            OddsModel.Result model = OddsModel.fit(own, List.of(Factor.column("task")));
            assertTrue(model.terms().isEmpty());
            assertTrue(Double.isNaN(model.intercept()));
            assertEquals(4, model.runs());
            assertTrue(model.notes().get(0).endsWith("there are no odds to model, so no model was fitted."),
                    model.notes().toString());
        }
    }

    @Test
    void aTaskParameterIsAFactorOnlyWhereItVariesWithinATask() throws AnalysisInputException {
        SparkSession own = spark.newSession();
        Path two = tmp.resolve("two-tasks");
        // decision_ms differs between the tasks only (their defaults); coherence varies within pdm
        own.sql("SELECT * FROM VALUES ('r1', 'pdm', 300.0, 1.0, 0.5, true, 0.5, 'COMPLETED', 0.4),"
                + " ('r2', 'pdm', 300.0, 2.0, 2.0, true, 0.5, 'COMPLETED', 0.6),"
                + " ('r3', 'gng', 500.0, 1.0, 0.5, true, 0.5, 'COMPLETED', 0.5),"
                + " ('r4', 'gng', 500.0, 1.0, 2.0, true, 0.5, 'COMPLETED', 0.7)"
                + " AS t(run_id, task, task_decision_ms, task_coherence, tau_ratio, alpha_trainable, alpha_init,"
                + " status, alpha_final)").write().partitionBy("task").parquet(two.resolve("runs").toString());
        List<String> names = Factors.detect(SweepOutput.open(own, two)).stream().map(Factor::name).toList();
        assertEquals(List.of("task", "task_coherence", "tau_ratio"), names);
    }

    @Test
    void learnedAlphaIsComparedWithTheControlsAtTheSameGridPoint() throws AnalysisInputException {
        ControlComparison cc = new ControlComparison(SweepOutput.open(spark, in), outcome.factors());
        assertEquals(4, cc.points());
        List<ControlComparison.Summary> byTau = cc.summary(outcome.factors().get(0));
        ControlComparison.Summary tau1 = byTau.get(0);
        assertEquals("1.0", tau1.level());
        assertEquals(2, tau1.points());
        assertEquals(2, tau1.withDale());
        assertEquals(2, tau1.withFree()); // the (1, l2) free control exists but diverged
        double learnedMse = mean(SweepFixture.loss(1, 0), SweepFixture.loss(2, 0), SweepFixture.loss(3, 0),
                SweepFixture.loss(4, 0));
        double learnedL2 = mean(SweepFixture.loss(1, 0.01), SweepFixture.loss(2, 0.01), SweepFixture.loss(3, 0.01));
        assertEquals(mean(learnedMse, learnedL2), tau1.learnedLoss(), 1e-12);
        assertEquals(mean(mean(0.5, 0.7), 0.6), tau1.daleLoss(), 1e-12);
        assertEquals(mean(0.05, 0.15), tau1.freeLoss(), 1e-12);
        double accDiffMse = (1 - learnedMse) - mean(0.55, 0.65);
        double accDiffL2 = (1 - learnedL2) - 0.5;
        assertEquals(mean(accDiffMse, accDiffL2), tau1.diffDale(), 1e-12);
        assertEquals(sd(accDiffMse, accDiffL2), tau1.sdDale(), 1e-12);
        assertEquals(1, tau1.nFree());
        assertEquals((1 - learnedMse) - mean(0.95, 0.85), tau1.diffFree(), 1e-12);

        ControlComparison.Summary tau4 = byTau.get(1);
        assertEquals(1, tau4.withDale());
        assertEquals(0, tau4.withFree());
        assertEquals(0.3, tau4.daleLoss(), 1e-12);
        assertEquals(Double.NaN, tau4.freeLoss());
        assertTrue(markdown.contains("no controls"), "grid points without controls are named");
        assertTrue(markdown.contains("no completed control"), "a control that only diverged is named");
    }

    @Test
    void perNeuronAlphasAreSplitIntoExcitatoryAndInhibitoryUnits() {
        double[] all = DoubleStream.of(concat(concat(SweepFixture.TAU1_MSE, SweepFixture.TAU4_MSE),
                concat(SweepFixture.TAU1_L2, SweepFixture.TAU4_L2))).toArray();
        double eMean = DoubleStream.of(all).map(a -> Math.min(1, a + 0.05)).average().orElseThrow();
        double iMean = DoubleStream.of(all).map(a -> Math.max(0, a - 0.05)).average().orElseThrow();
        assertTrue(markdown.contains("| pdm | E | 28 | " + Format.num(eMean, 3) + " |"), markdown);
        assertTrue(markdown.contains("| pdm | I | 28 | " + Format.num(iMean, 3) + " |"), markdown);
        double[] e = spark.sql("SELECT cell_type, avg(alpha) FROM neuron_alphas GROUP BY 1 ORDER BY 1")
                .collectAsList().stream().mapToDouble(r -> r.getDouble(1)).toArray();
        assertArrayEquals(new double[] {eMean, iMean}, e, 1e-12);
    }

    @Test
    void spectralBinsAverageTheRunsInEachAlphaBin() {
        // alpha_final in [0.8, 1]: 0.95 0.99 0.92 0.97 0.91 0.93 0.95 0.96; spectral_radius_init = 1 + alpha/2
        double[] top = {0.95, 0.99, 0.92, 0.97, 0.91, 0.93, 0.95, 0.96};
        double rho = 1 + mean(top) / 2;
        assertTrue(markdown.contains("| 0.8–1.0 | 8 | " + Format.num(rho, 3) + " |"), markdown);
    }

    @Test
    void reportIsWrittenAsMarkdownAndSelfContainedHtml() throws Exception {
        String html = Files.readString(in.resolve("report/report.html"));
        assertTrue(html.contains("src=\"data:image/png;base64,"));
        assertFalse(html.contains("src=\"heatmap"));
        for (String image : outcome.images()) {
            assertTrue(Files.size(in.resolve("report").resolve(image)) > 1000, image);
            assertTrue(markdown.contains("](" + image + ")"), image);
        }
        assertTrue(outcome.images().contains("heatmap_f_tau_ratio_x_f_loss.png"));
        assertTrue(outcome.images().contains("loss_curves_pdm.png"));
        assertTrue(outcome.images().stream().anyMatch(i -> i.startsWith("alpha_trajectories_")));
    }

    @Test
    void aMissingDirectoryIsReportedByName() {
        Path missing = tmp.resolve("nowhere");
        AnalysisInputException e = assertThrows(AnalysisInputException.class,
                () -> new Analyzer(spark).analyze(missing, tmp.resolve("r")));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
