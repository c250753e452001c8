package org.dalesweep.spec;

/**
 * How one run trains: Adam with global-norm gradient clipping, evaluation on held-out trials
 * every {@code eval_every} iterations, an optional early stop at {@code target_accuracy} (0 = off),
 * a wall-clock budget ({@code budget_s}, 0 = none), and the loss above which a run has diverged.
 */
public record TrainingSpec(
        int iterations,
        int batchSize,
        double learningRate,
        double adamBeta1,
        double adamBeta2,
        double adamEps,
        double gradClip,
        int evalEvery,
        int evalBatch,
        double targetAccuracy,
        double budgetS,
        double divergeLoss) {

    public TrainingSpec {
        new Checks("training")
                .nonNegative("iterations", iterations)
                .positive("batch_size", batchSize)
                .positive("learning_rate", learningRate)
                .require(adamBeta1 >= 0 && adamBeta1 < 1, "adam_beta1", adamBeta1, "must be in [0, 1)")
                .require(adamBeta2 >= 0 && adamBeta2 < 1, "adam_beta2", adamBeta2, "must be in [0, 1)")
                .positive("adam_eps", adamEps)
                .nonNegative("grad_clip", gradClip)
                .positive("eval_every", evalEvery)
                .positive("eval_batch", evalBatch)
                .within("target_accuracy", targetAccuracy, 0, 1)
                .nonNegative("budget_s", budgetS)
                .positive("diverge_loss", divergeLoss)
                .done();
    }

    /** True when training stops early once held-out accuracy reaches {@link #targetAccuracy()}. */
    public boolean stopsAtTarget() {
        return targetAccuracy > 0;
    }
}
