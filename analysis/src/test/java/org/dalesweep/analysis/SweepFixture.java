package org.dalesweep.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A hand-made sweep output in the layout of DESIGN §6 (runs/task=…/, trajectories/), small
 * enough that every statistic can be worked out by hand. One task ("pdm"), learned alpha at
 * neuron granularity on a 2 × 2 grid (tau_ratio 1 or 4, loss mse or mse+rate_l2=0.01), a
 * DIVERGED and a FAILED run, one run written twice, frozen controls at some grid points only.
 */
final class SweepFixture {

    static final StructType RUNS = new StructType()
            .add("run_id", DataTypes.StringType).add("sweep", DataTypes.StringType)
            .add("status", DataTypes.StringType).add("message", DataTypes.StringType)
            .add("seed", DataTypes.LongType).add("task", DataTypes.StringType).add("task_name", DataTypes.StringType)
            .add("task_coherence", DataTypes.DoubleType).add("units", DataTypes.IntegerType)
            .add("e_fraction", DataTypes.DoubleType).add("tau_ratio", DataTypes.DoubleType)
            .add("alpha_init", DataTypes.DoubleType).add("alpha_param", DataTypes.StringType)
            .add("alpha_trainable", DataTypes.BooleanType).add("alpha_granularity", DataTypes.StringType)
            .add("loss_kind", DataTypes.StringType).add("loss_rate_l2", DataTypes.DoubleType)
            .add("loss_weight_l2", DataTypes.DoubleType).add("loss_weight_l2_on", DataTypes.StringType)
            .add("loss_weight_l1", DataTypes.DoubleType).add("iterations", DataTypes.IntegerType)
            .add("alpha_final", DataTypes.DoubleType)
            .add("alpha_neurons", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("final_loss", DataTypes.DoubleType).add("accuracy", DataTypes.DoubleType)
            .add("spectral_radius_init", DataTypes.DoubleType).add("spectral_radius_final", DataTypes.DoubleType)
            .add("svd_entropy_init", DataTypes.DoubleType).add("svd_entropy_final", DataTypes.DoubleType);

    static final StructType TRAJECTORIES = new StructType()
            .add("run_id", DataTypes.StringType).add("iteration", DataTypes.IntegerType)
            .add("alpha_mean", DataTypes.DoubleType).add("train_loss", DataTypes.DoubleType)
            .add("eval_loss", DataTypes.DoubleType).add("eval_task_loss", DataTypes.DoubleType);

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
                trainable ? "neuron" : "network", "mse", rateL2, 0.0, "effective", 0.0, 20, alphaFinal,
                neurons,
                loss, accuracy, 1 + 0.5 * alphaFinal, 1.2 + alphaFinal, 0.9 - 0.2 * alphaFinal, 0.7);
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
