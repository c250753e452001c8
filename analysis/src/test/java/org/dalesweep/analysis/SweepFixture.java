package org.dalesweep.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.dalesweep.schema.Column;
import org.dalesweep.schema.ColumnType;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.SpecColumn;
import org.dalesweep.schema.TrajectoriesColumn;

/**
 * A hand-made sweep output in the layout of DESIGN §6 (runs/task=…/, trajectories/), small
 * enough that every statistic can be worked out by hand. One task ("pdm"), learned alpha at
 * neuron granularity on a 2 × 2 grid (tau_ratio 1 or 4, loss mse or mse+rate_l2=0.01), a
 * DIVERGED and a FAILED run, one run written twice, frozen controls at some grid points only.
 */
final class SweepFixture {

    /** The columns of the fixture's runs, as output-schema declares them (a task parameter of "pdm" among them). */
    static final List<Column> RUN_COLUMNS = List.of(RunsColumn.RUN_ID, RunsColumn.SWEEP, RunsColumn.STATUS,
            RunsColumn.MESSAGE, SpecColumn.SEED, SpecColumn.TASK, RunsColumn.TASK_NAME,
            SpecColumn.taskParameter("coherence", ColumnType.DOUBLE, "a pdm parameter"), SpecColumn.UNITS,
            SpecColumn.E_FRACTION, SpecColumn.TAU_RATIO, SpecColumn.ALPHA_INIT, SpecColumn.ALPHA_PARAM,
            SpecColumn.ALPHA_TRAINABLE, SpecColumn.ALPHA_GRANULARITY, SpecColumn.LOSS_KIND, SpecColumn.LOSS_RATE_L2,
            SpecColumn.LOSS_WEIGHT_L2, SpecColumn.LOSS_WEIGHT_L2_ON, SpecColumn.LOSS_WEIGHT_L1, RunsColumn.ITERATIONS,
            RunsColumn.ALPHA_FINAL, RunsColumn.ALPHA_NEURONS, RunsColumn.FINAL_LOSS, RunsColumn.ACCURACY,
            RunsColumn.SPECTRAL_RADIUS_INIT, RunsColumn.SPECTRAL_RADIUS_FINAL, RunsColumn.SVD_ENTROPY_INIT,
            RunsColumn.SVD_ENTROPY_FINAL);

    static final StructType RUNS = SparkColumns.struct(RUN_COLUMNS);

    static final StructType TRAJECTORIES = SparkColumns.struct(List.of(TrajectoriesColumn.RUN_ID,
            TrajectoriesColumn.ITERATION, TrajectoriesColumn.ALPHA_MEAN, TrajectoriesColumn.TRAIN_LOSS,
            TrajectoriesColumn.EVAL_LOSS, TrajectoriesColumn.EVAL_TASK_LOSS));

    /** alpha_final of the COMPLETED learned runs at (tau_ratio, rate_l2). */
    static final double[] TAU1_MSE = {0.95, 0.2, 0.05, 0.5};
    static final double[] TAU4_MSE = {0.92, 0.97, 0.3, 0.91};
    static final double[] TAU1_L2 = {0.99, 0.6, 0.08};
    static final double[] TAU4_L2 = {0.93, 0.95, 0.96};

    final List<Row> runs = new ArrayList<>();
    final List<Row> trajectories = new ArrayList<>();

    SweepFixture() {
        learned(1, 0, TAU1_MSE);
        learned(4, 0, TAU4_MSE);
        learned(1, 0.01, TAU1_L2);
        learned(4, 0.01, TAU4_L2);
        runs.add(run("tau1-mse-diverged", "DIVERGED", 5, 1, 0, 0.5, true, Double.NaN, Double.NaN, Double.NaN, null));
        runs.add(run("tau4-mse-failed", "FAILED", 5, 4, 0, 0.5, true, Double.NaN, Double.NaN, Double.NaN, null));
        // controls: (tau 1, mse) both; (tau 1, rate_l2) Dale + a diverged free; (tau 4, mse) Dale only
        runs.add(run("c-dale-1-mse-s1", "COMPLETED", 1, 1, 0, 1, false, 1, 0.5, 0.55, null));
        runs.add(run("c-dale-1-mse-s2", "COMPLETED", 2, 1, 0, 1, false, 1, 0.7, 0.65, null));
        runs.add(run("c-free-1-mse-s1", "COMPLETED", 1, 1, 0, 0, false, 0, 0.05, 0.95, null));
        runs.add(run("c-free-1-mse-s2", "COMPLETED", 2, 1, 0, 0, false, 0, 0.15, 0.85, null));
        runs.add(run("c-dale-1-l2-s1", "COMPLETED", 1, 1, 0.01, 1, false, 1, 0.6, 0.5, null));
        runs.add(run("c-free-1-l2-s1", "DIVERGED", 1, 1, 0.01, 0, false, Double.NaN, Double.NaN, Double.NaN, null));
        runs.add(run("c-dale-4-mse-s1", "COMPLETED", 1, 4, 0, 1, false, 1, 0.3, 0.7, null));
    }

    /** Learned runs, seeds 1…: loss 0.1·seed·(1 + rateL2·10), accuracy 1 − that; neurons E = alpha ± 0.01·seed. */
    private void learned(double tauRatio, double rateL2, double[] alphas) {
        for (int i = 0; i < alphas.length; i++) {
            int seed = i + 1;
            String id = "tau" + (int) tauRatio + (rateL2 > 0 ? "-l2-" : "-mse-") + seed;
            runs.add(run(id, "COMPLETED", seed, tauRatio, rateL2, 0.5, true, alphas[i], loss(seed, rateL2),
                    1 - loss(seed, rateL2), neurons(alphas[i])));
            for (int it = 0; it <= 20; it += 10) {
                trajectories.add(RowFactory.create(id, it, 0.5 + (alphas[i] - 0.5) * it / 20.0, 1.0 / (1 + it),
                        1.0 / (1 + it), 1.0 / (1 + it)));
            }
        }
    }

    static double loss(int seed, double rateL2) {
        return 0.1 * seed * (1 + rateL2 * 10);
    }

    /** Per-neuron alphas: the two E units at min(1, alpha + 0.05), the two I units at max(0, alpha − 0.05). */
    static List<Double> neurons(double alpha) {
        double e = Math.min(1, alpha + 0.05);
        double i = Math.max(0, alpha - 0.05);
        return Arrays.asList(e, e, i, i);
    }

    private static Row run(String id, String status, long seed, double tauRatio, double rateL2, double alphaInit,
                           boolean trainable, double alphaFinal, double loss, double accuracy, List<Double> neurons) {
        return RowFactory.create(id, "fixture", status, status.equals("COMPLETED") ? "" : "boom", seed, "pdm", "pdm",
                0.5, 4, 0.5, tauRatio, alphaInit, trainable ? "sigmoid" : "clip", trainable,
                trainable ? "neuron" : "network", "mse", rateL2, 0.0, "effective", 0.0, 20, orNull(alphaFinal),
                neurons,
                orNull(loss), orNull(accuracy), orNull(1 + 0.5 * alphaFinal), orNull(1.2 + alphaFinal),
                orNull(0.9 - 0.2 * alphaFinal), 0.7);
    }

    /** A figure not measured is null, as the writer writes it, never NaN. */
    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }

    /** Writes the fixture under {@code dir}: the runs partitioned by task, then one run again in a second file. */
    void write(SparkSession spark, Path dir) {
        spark.createDataFrame(runs, RUNS).drop("task").withColumn("task", org.apache.spark.sql.functions.lit("pdm"))
                .coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("task").parquet(dir.resolve("runs").toString());
        Row again = runs.stream().filter(r -> r.getString(0).equals("tau4-mse-1")).findFirst().orElseThrow();
        spark.createDataFrame(List.of(again), RUNS).drop("task").withColumn("task", org.apache.spark.sql.functions.lit("pdm"))
                .write().mode(SaveMode.Append).partitionBy("task").parquet(dir.resolve("runs").toString());
        spark.createDataFrame(trajectories, TRAJECTORIES).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(dir.resolve("trajectories").toString());
    }
}
