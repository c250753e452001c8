package org.dalesweep.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.dalesweep.analysis.PressureTables.FrozenRow;
import org.dalesweep.analysis.PressureTables.LearnedRow;
import org.dalesweep.analysis.PressureTables.Verdict;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.ColumnType;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.SpecColumn;
import org.dalesweep.schema.TrajectoriesColumn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer sections (issue 15): a teacher-task sweep whose condition factor is
 * task_teacher_daleness. At daleness 1 the learned runs' late pressure clearly exceeds their twins'
 * (toward Dale); at daleness 0 learned and twin are the same up to symmetric noise (undecided);
 * daleness 0.5 has one run (no interval, undecided). The frozen alpha = 1 controls at daleness 0
 * have a clearly negative late pressure (free weights would help). The same sweep without twins
 * and controls checks the no-twin case.
 */
class PressureReportTest {

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Analyzer.Outcome withTwin;
    static Analyzer.Outcome noTwin;
    static String markdown;
    static String markdownNoTwin;
    static Path reportDir;

    static final List<Column> COLUMNS = List.of(RunsColumn.RUN_ID, RunsColumn.ARM, RunsColumn.STATUS, SpecColumn.SEED,
            SpecColumn.TASK, SpecColumn.taskParameter("teacher_daleness", ColumnType.DOUBLE, "teacher daleness"),
            SpecColumn.UNITS, SpecColumn.E_FRACTION, SpecColumn.DALE_MAP, SpecColumn.ALPHA_INIT,
            SpecColumn.ALPHA_TRAINABLE, SpecColumn.ALPHA_GRANULARITY, RunsColumn.ITERATIONS, RunsColumn.ALPHA_FINAL,
            RunsColumn.ALPHA_DELTA, RunsColumn.ALPHA_FINAL_E, RunsColumn.ALPHA_FINAL_I, RunsColumn.FINAL_LOSS,
            RunsColumn.ACCURACY, RunsColumn.PRESSURE_MEAN, RunsColumn.PRESSURE_LATE_MEAN);
    static final StructType RUNS = SparkColumns.struct(COLUMNS);
    static final StructType TRAJECTORIES = SparkColumns.struct(List.of(TrajectoriesColumn.RUN_ID,
            TrajectoriesColumn.ITERATION, TrajectoriesColumn.ALPHA_MEAN, TrajectoriesColumn.EVAL_TASK_LOSS,
            TrajectoriesColumn.PRESSURE_MEAN, TrajectoriesColumn.PRESSURE_E_MEAN, TrajectoriesColumn.PRESSURE_I_MEAN));

    /** Late pressures of the learned runs and their twins, seeds 1…6. */
    static final double[] LEARNED_D1 = {0.011, 0.012, 0.010, 0.013, 0.009, 0.012};
    static final double[] TWIN_D1 = {0.001, 0.000, 0.002, 0.001, 0.000, 0.001};
    static final double[] TWIN_D0 = {0.002, -0.001, 0.003, 0.000, -0.002, 0.001};
    static final double[] NOISE_D0 = {0.001, -0.001, 0.0005, -0.0005, 0.0002, -0.0002};
    static final double[] FROZEN1_D0 = {-0.010, -0.012, -0.011};

    @BeforeAll
    static void analyze() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("PressureReportTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        Path in = tmp.resolve("out");
        write(in, true);
        reportDir = in.resolve("report");
        withTwin = new Analyzer(spark).analyze(in, reportDir);
        markdown = Files.readString(reportDir.resolve("report.md"));
        Path bare = tmp.resolve("bare");
        write(bare, false);
        noTwin = new Analyzer(spark).analyze(bare, bare.resolve("report"));
        markdownNoTwin = Files.readString(bare.resolve("report/report.md"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static void write(Path dir, boolean controls) {
        List<Row> runs = new ArrayList<>();
        List<Row> points = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            double[] twin0 = {TWIN_D0[s] + NOISE_D0[s], TWIN_D0[s]};
            add(runs, points, "l1-" + s, "learned", s + 1, 1.0, "abs", 0.5, true, LEARNED_D1[s]);
            add(runs, points, "l0-" + s, "learned", s + 1, 0.0, "abs", 0.5, true, twin0[0]);
            if (controls) {
                add(runs, points, "t1-" + s, "twin", s + 1, 1.0, "none", 0.5, true, TWIN_D1[s]);
                add(runs, points, "t0-" + s, "twin", s + 1, 0.0, "none", 0.5, true, twin0[1]);
            }
        }
        add(runs, points, "l5", "learned", 1, 0.5, "abs", 0.5, true, 0.02);
        if (controls) {
            add(runs, points, "t5", "twin", 1, 0.5, "none", 0.5, true, 0.0);
            for (int s = 0; s < 3; s++) {
                add(runs, points, "f1-d0-" + s, "frozen", s + 1, 0.0, "abs", 1.0, false, FROZEN1_D0[s]);
                add(runs, points, "f0-d0-" + s, "frozen", s + 1, 0.0, "abs", 0.0, false, 0.001 * (s - 1));
                add(runs, points, "f1-d1-" + s, "frozen", s + 1, 1.0, "abs", 1.0, false, 0.001 * (s - 1));
            }
        }
        spark.createDataFrame(runs, RUNS).drop("task").withColumn("task", org.apache.spark.sql.functions.lit("teacher"))
                .coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("task").parquet(dir.resolve("runs").toString());
        spark.createDataFrame(points, TRAJECTORIES).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(dir.resolve("trajectories").toString());
    }

    /** A run whose whole-run pressure is its late pressure plus a shared early transient (−0.05 per seed). */
    static void add(List<Row> runs, List<Row> points, String id, String arm, long seed, double daleness, String daleMap,
                    double alphaInit, boolean trainable, double late) {
        double delta = trainable ? 10 * late : 0;
        double early = -0.05 * seed;
        runs.add(RowFactory.create(id, arm, "COMPLETED", seed, "teacher", daleness, 4, 0.5, daleMap, alphaInit,
                trainable, "neuron", 20, alphaInit + delta, delta, alphaInit + 1.5 * delta, alphaInit + 0.5 * delta,
                0.1, 0.9, late + early / 4, late));
        for (int it = 0; it <= 20; it += 5) {
            double p = late + early * Math.exp(-it / 2.0);
            points.add(RowFactory.create(id, it, alphaInit + delta * it / 20.0, 1.0 / (1 + it), p, 1.5 * p, 0.5 * p));
        }
    }

    static double twoSidedP(double[] xs) {
        double m = DoubleStream.of(xs).average().orElseThrow();
        double sd = Math.sqrt(DoubleStream.of(xs).map(x -> (x - m) * (x - m)).sum() / (xs.length - 1));
        double t = m / (sd / Math.sqrt(xs.length));
        return 2 * new TDistribution(xs.length - 1).cumulativeProbability(-Math.abs(t));
    }

    static LearnedRow row(Analyzer.Outcome o, String label) {
        return o.answer().learned().stream().filter(r -> r.condition().label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void theReportLeadsWithTheAnswer() {
        int says = markdown.indexOf("## What this sweep says");
        assertTrue(says > 0 && says < markdown.indexOf("## Overview"), "the answer comes first");
        assertTrue(markdown.indexOf("## What this sweep says") < markdown.indexOf("## A model of the direction of drift"));
        assertTrue(markdown.contains("Holm"), "the correction is named");
        assertTrue(markdown.contains("late pressure"));
    }

    @Test
    void learnedPressureClearlyAboveTheTwinIsTowardDale() {
        assertTrue(withTwin.answer().withTwin());
        LearnedRow d1 = row(withTwin, "task_teacher_daleness = 1.0");
        double[] diff = new double[6];
        for (int s = 0; s < 6; s++) {
            diff[s] = LEARNED_D1[s] - TWIN_D1[s];
        }
        assertEquals(6, d1.tested().n());
        assertEquals(DoubleStream.of(diff).average().orElseThrow(), d1.tested().mean(), 1e-12);
        assertEquals(twoSidedP(diff), d1.p(), 1e-9);
        assertEquals(Verdict.TOWARD_DALE, d1.verdict());
        assertTrue(markdown.contains("On task_teacher_daleness = 1.0, the pressure is toward Dale"), markdown);
    }

    @Test
    void learnedNoDifferentFromTheTwinIsUndecided() {
        LearnedRow d0 = row(withTwin, "task_teacher_daleness = 0.0");
        assertEquals(NOISE_D0.length, d0.tested().n());
        assertEquals(DoubleStream.of(NOISE_D0).average().orElseThrow(), d0.tested().mean(), 1e-12);
        assertEquals(Verdict.UNDECIDED, d0.verdict());
    }

    @Test
    void aConditionWithOneRunHasNoIntervalAndIsUndecided() {
        LearnedRow half = row(withTwin, "task_teacher_daleness = 0.5");
        assertEquals(1, half.runs());
        assertTrue(Double.isNaN(half.tested().low()));
        assertTrue(Double.isNaN(half.p()));
        assertEquals(Verdict.UNDECIDED, half.verdict());
    }

    @Test
    void holmIsAppliedAcrossTheRows() {
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, Double.NaN},
                PressureTables.holm(new double[] {0.01, 0.04, 0.03, Double.NaN}), 1e-12);
        List<LearnedRow> rows = withTwin.answer().learned();
        double[] p = rows.stream().mapToDouble(LearnedRow::p).toArray();
        double[] expected = PressureTables.holm(p);
        long m = DoubleStream.of(p).filter(Double::isFinite).count();
        assertEquals(3, m); // all runs, daleness 0 and daleness 1 (daleness 0.5 has one run)
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(expected[i], rows.get(i).adjustedP(), 1e-15);
            if (Double.isFinite(p[i])) {
                assertTrue(rows.get(i).adjustedP() >= p[i]);
            }
        }
        LearnedRow d1 = row(withTwin, "task_teacher_daleness = 1.0");
        // the smallest p of three is multiplied by three
        assertEquals(Math.min(1, 3 * d1.p()), d1.adjustedP(), 1e-12);
    }

    @Test
    void theFrozenArmsHaveTheirOwnTable() {
        List<FrozenRow> frozen = withTwin.answer().frozen();
        FrozenRow dale0 = frozen.stream().filter(r -> r.end() == 1
                && r.condition().label().equals("task_teacher_daleness = 0.0")).findFirst().orElseThrow();
        assertEquals(3, dale0.runs());
        assertEquals(DoubleStream.of(FROZEN1_D0).average().orElseThrow(), dale0.late().mean(), 1e-12);
        assertEquals(Verdict.TOWARD_FREE, dale0.verdict());
        assertEquals("free weights would help", dale0.reading());
        FrozenRow free0 = frozen.stream().filter(r -> r.end() == 0
                && r.condition().label().equals("task_teacher_daleness = 0.0")).findFirst().orElseThrow();
        assertEquals(Verdict.UNDECIDED, free0.verdict());
        assertTrue(markdown.contains("### The controls speak: pressure at the frozen ends"));
        assertTrue(markdown.indexOf("The controls speak") < markdown.indexOf("## A model of the direction of drift"),
                "the frozen ends are part of the first section, the answer");
        assertTrue(markdown.contains("free weights would help"));
        // the frozen runs are not in the learned verdict table
        assertEquals(13, row(withTwin, "all runs").runs());
    }

    @Test
    void withoutTwinsTheVerdictIsTheLearnedArmsAloneAndSaysSo() {
        assertFalse(noTwin.answer().withTwin());
        assertTrue(markdownNoTwin.contains("**No twin arm**"), markdownNoTwin);
        assertFalse(markdownNoTwin.contains("Δ late pressure learned − twin"));
        assertTrue(markdownNoTwin.contains("**No frozen controls**"));
        LearnedRow d1 = row(noTwin, "task_teacher_daleness = 1.0");
        assertEquals(twoSidedP(LEARNED_D1), d1.p(), 1e-9);
        assertEquals(Verdict.TOWARD_DALE, d1.verdict());
        assertTrue(noTwin.answer().frozen().isEmpty());
    }

    @Test
    void theModelIsOfTheLatePressuresSign() {
        OddsModel.Result model = withTwin.model();
        assertEquals(OddsModel.LATE_TOWARD_DALE, model.outcome());
        assertEquals(13, model.runs());
        long positive = DoubleStream.of(LEARNED_D1).filter(x -> x > 0).count() + 1
                + java.util.stream.IntStream.range(0, 6).filter(s -> TWIN_D0[s] + NOISE_D0[s] > 0).count();
        assertEquals(positive, model.successes());
        assertTrue(markdown.contains("[late pressure > 0]"));
    }

    @Test
    void everyPlotHasAnSvgBesideItAndTheHtmlLinksIt() throws Exception {
        String html = Files.readString(reportDir.resolve("report.html"));
        for (String image : withTwin.images()) {
            Path svg = reportDir.resolve(Charts.svgName(image));
            assertTrue(Files.exists(svg), svg.toString());
            assertTrue(Files.readString(svg).contains("<svg"), svg.toString());
            assertTrue(html.contains("href=\"" + Charts.svgName(image) + "\""), image);
        }
        for (String expected : List.of("alpha_delta_by_task_arm.png", "learned_vs_twin_late_pressure.png",
                "alpha_delta_e_i.png", "pressure_by_arm_teacher.png", "pressure_e_i_teacher.png",
                "pressure_trajectories_task_teacher_daleness.png")) {
            assertTrue(withTwin.images().contains(expected), expected + " in " + withTwin.images());
        }
    }
}
