package org.dalesweep.train;

/**
 * One evaluation during training: alpha (mean, min and max over neurons; all equal at network
 * granularity), the training loss of the last batch, held-out loss and score, the weights' global
 * gradient norm before clipping with the norm of alpha's own gradient, and the pressure on alpha
 * over the steps since the previous evaluation.
 */
public record TrajectoryPoint(
        int iteration,
        double seconds,
        double alphaMean,
        double alphaMin,
        double alphaMax,
        double trainLoss,
        double evalLoss,
        double evalTaskLoss,
        double accuracy,
        double gradNorm,
        double alphaGradNorm,
        PressureWindow pressure) {
}
