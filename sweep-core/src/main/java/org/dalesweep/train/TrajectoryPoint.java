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

    public TrajectoryPoint {
        java.util.Objects.requireNonNull(pressure, "pressure");
    }

    /** A point without pressure figures. */
    public TrajectoryPoint(int iteration, double seconds, double alphaMean, double alphaMin, double alphaMax,
                           double trainLoss, double evalLoss, double evalTaskLoss, double accuracy, double gradNorm,
                           double alphaGradNorm) {
        this(iteration, seconds, alphaMean, alphaMin, alphaMax, trainLoss, evalLoss, evalTaskLoss, accuracy, gradNorm,
                alphaGradNorm, PressureWindow.NONE);
    }

    /** This point with another time stamp (tests compare results without their timings). */
    public TrajectoryPoint withSeconds(double newSeconds) {
        return new TrajectoryPoint(iteration, newSeconds, alphaMean, alphaMin, alphaMax, trainLoss, evalLoss, evalTaskLoss,
                accuracy, gradNorm, alphaGradNorm, pressure);
    }
}
