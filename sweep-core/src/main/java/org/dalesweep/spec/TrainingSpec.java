package org.dalesweep.spec;

/**
 * How one run trains: Adam (or SGD with {@code momentum}) with global-norm gradient clipping on the
 * weights, evaluation on held-out trials every {@code eval_every} iterations, an optional early stop
 * at {@code target_accuracy} (0 = off), an optional stop once alpha and the held-out loss have
 * settled over the last {@code settle_window} evaluations ({@code stop_when_settled}, DESIGN §4.3),
 * a wall-clock budget ({@code budget_s}, 0 = none), and the loss above which a run has diverged.
 * {@code adam_beta1/2} and {@code adam_eps} also serve alpha's own Adam.
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
        double divergeLoss,
        Optimizer optimizer,
        double momentum,
        boolean stopWhenSettled,
        int settleWindow) {

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
                .notNull("optimizer", optimizer)
                .require(momentum >= 0 && momentum < 1, "momentum", momentum, "must be in [0, 1)")
                .require(settleWindow >= 3, "settle_window", settleWindow,
                        "must be an integer >= 3 (evaluations: a line through them needs a residual)")
                .done();
    }

    /** True when training stops early once held-out accuracy reaches {@link #targetAccuracy()}. */
    public boolean stopsAtTarget() {
        return targetAccuracy > 0;
    }
}
