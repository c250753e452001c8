package org.dalesweep.analysis;

import java.nio.file.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A synthetic sweep output for the scale benchmark of {@code analyze}: {@code runs} runs in
 * the layout of DESIGN §6 (runs/task=…/, trajectories/ with {@code points} evaluations per
 * run), generated and written by Spark without training anything. The grid: three tasks ×
 * four tau_ratio × two loss variants × two granularities, learned alpha with 10 % frozen
 * controls (alpha 0 and 1); alpha_final follows a known logistic law in tau_ratio and the task,
 * so the report has something to find. 2 % of runs diverge, 1 % fail.
 */
public final class SyntheticSweep {

    private SyntheticSweep() {
    }

    public static void write(SparkSession spark, Path dir, long runs, int points) {
        spark.range(runs).selectExpr("id",
                "element_at(array('perceptual_dm', 'go_no_go', 'adding'), cast(id % 3 AS int) + 1) AS task",
                "element_at(array(0.5D, 1D, 2D, 4D), cast((id DIV 3) % 4 AS int) + 1) AS tau_ratio",
                "if((id DIV 12) % 2 = 0, 0D, 0.01D) AS loss_rate_l2",
                "if((id DIV 24) % 2 = 0, 'network', 'neuron') AS alpha_granularity",
                "id DIV 48 AS seed",
                "rand(7) AS u1", "rand(11) AS u2", "rand(13) AS u3")
                .createOrReplaceTempView("synthetic_base");
        spark.sql("SELECT *, CASE WHEN u3 < 0.05 THEN 0D WHEN u3 < 0.10 THEN 1D ELSE 0.5D END AS alpha_init,"
                + " u3 >= 0.10 AS alpha_trainable,"
                + " CASE WHEN u2 < 0.02 THEN 'DIVERGED' WHEN u2 < 0.03 THEN 'FAILED' ELSE 'COMPLETED' END AS status,"
                + " 1 / (1 + exp(-(-1.0 + 0.8 * log2(tau_ratio) + if(task = 'adding', -1.0, 0.5) - 100 * loss_rate_l2)))"
                + " AS p_dale FROM synthetic_base").createOrReplaceTempView("synthetic_plan");
        spark.sql("SELECT concat('syn', lpad(hex(id), 12, '0')) AS run_id, 'synthetic' AS sweep, status,"
                + " if(status = 'COMPLETED', '', 'synthetic failure') AS message, 'iterations' AS stop_reason,"
                + " 'bench' AS tool_version, seed, task, task AS task_name, 16 AS units, 0.75D AS e_fraction,"
                + " 100D AS tau_e_ms, tau_ratio, 20D AS dt_ms, 0.05D AS sigma_rec, 'relu' AS phi, alpha_init,"
                + " 'sigmoid' AS alpha_param, alpha_trainable, alpha_granularity, 'mse' AS loss_kind, loss_rate_l2,"
                + " 0D AS loss_weight_l2, 'effective' AS loss_weight_l2_on, 0D AS loss_weight_l1,"
                + " 1000 AS training_iterations, 50 AS iterations,"
                + " CASE WHEN status <> 'COMPLETED' THEN double('NaN') WHEN NOT alpha_trainable THEN alpha_init"
                + " WHEN u1 < p_dale THEN 0.9 + 0.1 * u1 / p_dale ELSE 0.9 * (u1 - p_dale) / (1 - p_dale) END"
                + " AS alpha_final,"
                + " 0.2 + 0.3 * u2 + 0.2 * if(alpha_trainable, 0D, alpha_init) AS final_loss,"
                + " 0.5 + 0.45 * u1 AS accuracy, 1.5D AS spectral_radius_init_base, u1, u2"
                + " FROM synthetic_plan").createOrReplaceTempView("synthetic_runs");
        spark.sql("SELECT *, final_loss AS final_task_loss,"
                + " if(alpha_granularity = 'neuron', transform(sequence(0, 15), i -> least(1D, greatest(0D,"
                + " alpha_final + if(i < 12, 0.05, -0.15) * (1 - alpha_final)))), array(alpha_final)) AS alpha_neurons,"
                + " 1.2 + 0.6 * u2 AS spectral_radius_init, 1.0 + 0.5 * u1 AS spectral_radius_final,"
                + " 0.85 - 0.1 * alpha_final + 0.05 * u2 AS svd_entropy_init, 0.8D AS svd_entropy_final"
                + " FROM synthetic_runs").drop("u1", "u2", "spectral_radius_init_base")
                .write().mode(SaveMode.Overwrite).partitionBy("task").parquet(dir.resolve("runs").toString());
        spark.sql("SELECT run_id, it * 20 AS iteration, it * 0.1D AS seconds,"
                + " if(alpha_trainable, 0.5 + (alpha_final - 0.5) * (1 - exp(-it / 10.0)), alpha_init) AS alpha_mean,"
                + " final_loss * (1 + 4 * exp(-it / 8.0)) AS train_loss, final_loss * (1 + 4 * exp(-it / 8.0)) AS eval_loss,"
                + " final_loss * (1 + 4 * exp(-it / 8.0)) AS eval_task_loss, accuracy * (1 - exp(-it / 8.0)) AS accuracy,"
                + " 1D AS grad_norm, 0.1D AS alpha_grad_norm"
                + " FROM synthetic_runs LATERAL VIEW explode(sequence(0, " + (points - 1) + ")) s AS it"
                + " WHERE status = 'COMPLETED'")
                .write().mode(SaveMode.Overwrite).parquet(dir.resolve("trajectories").toString());
    }
}
