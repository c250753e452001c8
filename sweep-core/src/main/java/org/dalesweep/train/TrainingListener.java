package org.dalesweep.train;

import org.dalesweep.spec.RunSpec;

/** Hears a run's progress: one call per evaluation. Implementations must be cheap. */
@FunctionalInterface
public interface TrainingListener {

    /** Does nothing: the default for sweeps, where progress is counted per run. */
    TrainingListener NONE = (spec, point, totalIterations) -> { };

    void onEvaluation(RunSpec spec, TrajectoryPoint point, int totalIterations);
}
