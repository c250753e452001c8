package org.dalesweep.spark;

import java.util.ArrayList;
import java.util.List;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.train.ParamSnapshot;
import org.dalesweep.train.PressureSummary;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;
import org.dalesweep.train.TrajectoryPoint;

/**
 * A stand-in trainer for tests about the Spark mechanics (not about training): returns a
 * plausible result derived from the spec, optionally after a pause, and fails in the ways a
 * real run can — throwing {@link OutOfMemoryError} or diverging — for the alpha.init given.
 */
final class FakeExecutor implements RunExecutor {
    private static final long serialVersionUID = 1L;

    private final long sleepMillis;
    private final double throwAtAlphaInit;
    private final double divergeAtAlphaInit;

    FakeExecutor(long sleepMillis, double throwAtAlphaInit, double divergeAtAlphaInit) {
        this.sleepMillis = sleepMillis;
        this.throwAtAlphaInit = throwAtAlphaInit;
        this.divergeAtAlphaInit = divergeAtAlphaInit;
    }

    static FakeExecutor quick() {
        return new FakeExecutor(0, Double.NaN, Double.NaN);
    }

    @Override
    public RunResult train(RunSpec spec, boolean keepParams) {
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double a0 = spec.alpha().init();
        if (a0 == throwAtAlphaInit) {
            throw new OutOfMemoryError("fake: Java heap space");
        }
        boolean diverged = a0 == divergeAtAlphaInit;
        double a1 = spec.alpha().trainable() ? Math.min(1, Math.max(0, a0 + 0.1 * Math.sin(spec.seed()))) : a0;
        int n = spec.network().units();
        List<TrajectoryPoint> points = new ArrayList<>();
        for (int it = 0; it <= spec.training().iterations(); it += spec.training().evalEvery()) {
            double a = a0 + (a1 - a0) * it / Math.max(1, spec.training().iterations());
            points.add(new TrajectoryPoint(it, it * 0.01, a, a, a, 1.0 / (1 + it), 1.1 / (1 + it), 1.0 / (1 + it),
                    0.5 + 0.4 * it / Math.max(1, spec.training().iterations()), 0.3, 0.01));
        }
        List<ParamSnapshot> params = keepParams
                ? List.of(new ParamSnapshot("init", "w_free", n, n, new double[n * n]),
                        new ParamSnapshot("final", "w_free", n, n, new double[n * n]))
                : List.of();
        RunResult.Ending ending = diverged
                ? new RunResult.Ending(RunStatus.DIVERGED, "loss is NaN at iteration 3", "diverged",
                        spec.training().iterations(), 0.05)
                : new RunResult.Ending(RunStatus.COMPLETED, "", "iterations", spec.training().iterations(), 0.05);
        return new RunResult(new SpecCodec().runId(spec), spec, "test", ending,
                new RunResult.AlphaSummary(a0, diverged ? Double.NaN : a1, Math.min(a0, a1), Math.max(a0, a1), a1, a1,
                        List.of(a1)),
                new RunResult.Scores(diverged ? Double.NaN : 0.1, 0.09, 0.9, Double.NaN),
                new RunResult.WeightSpectra(new RunResult.Spectrum(1.5, 0.7, 0.0, 40.0),
                        new RunResult.Spectrum(1.4, 0.72, 0.3, 12.0), 1.2, 0.8, 30.0),
                PressureSummary.NONE, points, params);
    }
}
