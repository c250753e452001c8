package org.dalesweep.train;

import java.util.List;
import org.dalesweep.spec.RunSpec;

/**
 * The outcome of one run (DESIGN §4) with its provenance: the resolved spec (seed included) and
 * the tool version, so any result can be reproduced. Losses are held-out figures at the last
 * evaluation; {@code accuracy} is the test-set score of a completed run for tasks with a test set
 * (NaN when the run did not complete), else the last held-out score; {@code valAccuracy} is the last
 * held-out (validation) score; {@code alphaMin}/{@code alphaMax} are the extremes of mean alpha over
 * training; {@code alphaNeurons} holds the final alpha of every presynaptic neuron (one value at
 * network granularity). Norms are Frobenius norms of {@code alpha·W_dale} and
 * {@code (1−alpha)·W_free} at the end; "daleness" is the fraction of W_rec's columns that are
 * single-signed. A run that diverged or failed keeps what it had measured so far (NaN otherwise).
 */
public record RunResult(
        String runId,
        RunSpec spec,
        String toolVersion,
        RunStatus status,
        String message,
        String stopReason,
        int iterations,
        double seconds,
        double alphaInit,
        double alphaFinal,
        double alphaMin,
        double alphaMax,
        double alphaFinalE,
        double alphaFinalI,
        List<Double> alphaNeurons,
        double finalLoss,
        double finalTaskLoss,
        double accuracy,
        double daleNorm,
        double freeNorm,
        double spectralRadiusInit,
        double spectralRadiusFinal,
        double svdEntropyInit,
        double svdEntropyFinal,
        double dalenessInit,
        double dalenessFinal,
        List<TrajectoryPoint> trajectory,
        List<ParamSnapshot> params,
        PressureSummary pressure,
        double valAccuracy) {

    public RunResult {
        alphaNeurons = List.copyOf(alphaNeurons);
        trajectory = List.copyOf(trajectory);
        params = List.copyOf(params);
        message = message == null ? "" : message;
    }
}
