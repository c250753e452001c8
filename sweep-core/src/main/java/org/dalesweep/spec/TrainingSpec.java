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

    /** Every default of the section, in this one place; {@code with…} gives a spec that differs in one key. */
    public static final TrainingSpec DEFAULT = new TrainingSpec(
            1000,           // iterations
            32,             // batch_size
            1e-3,           // learning_rate
            0.9,            // adam_beta1
            0.999,          // adam_beta2
            1e-8,           // adam_eps
            1.0,            // grad_clip
            50,             // eval_every
            256,            // eval_batch
            0,              // target_accuracy (off)
            0,              // budget_s (none)
            1e6,            // diverge_loss
            Optimizer.ADAM, // optimizer
            0,              // momentum
            false,          // stop_when_settled
            5);             // settle_window

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

    public TrainingSpec withIterations(int value) {
        return new TrainingSpec(value, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withBatchSize(int value) {
        return new TrainingSpec(iterations, value, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withLearningRate(double value) {
        return new TrainingSpec(iterations, batchSize, value, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withAdamBeta1(double value) {
        return new TrainingSpec(iterations, batchSize, learningRate, value, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withAdamBeta2(double value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, value, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withAdamEps(double value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, value, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withGradClip(double value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, value, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withEvalEvery(int value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, value,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withEvalBatch(int value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                value, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withTargetAccuracy(double value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, value, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withBudgetS(double value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, value, divergeLoss, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withDivergeLoss(double value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, value, optimizer, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withOptimizer(Optimizer value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, value, momentum, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withMomentum(double value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, value, stopWhenSettled, settleWindow);
    }

    public TrainingSpec withStopWhenSettled(boolean value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, value, settleWindow);
    }

    public TrainingSpec withSettleWindow(int value) {
        return new TrainingSpec(iterations, batchSize, learningRate, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery,
                evalBatch, targetAccuracy, budgetS, divergeLoss, optimizer, momentum, stopWhenSettled, value);
    }
}
