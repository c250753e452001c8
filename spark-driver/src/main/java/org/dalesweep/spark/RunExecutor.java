package org.dalesweep.spark;

import java.io.Serializable;
import java.util.List;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.Trainer;

/**
 * What a Spark task calls to train its runs. Serializable because Spark ships it to executors.
 * The production executor is {@link TrainerExecutor}; tests about Spark mechanics substitute
 * runs that fail or take time on purpose.
 */
@FunctionalInterface
public interface RunExecutor extends Serializable {

    /**
     * The executor for the tasks of {@code run --ensemble K} with K >= 2, whatever size each
     * task's group ends up (so that a run's bits do not depend on how the runs were grouped):
     * the production one multiplies with the vector kernel there; by default this one.
     */
    default RunExecutor forEnsembles() {
        return this;
    }

    /** Trains a resolved spec; {@code keepParams} asks for the parameters at init and at the end. */
    RunResult train(RunSpec spec, boolean keepParams);

    /**
     * Trains runs of one shape as an ensemble, handing each result to {@code finished} as soon as
     * its run ends; an exception from {@code finished} stops the ensemble and is rethrown. This
     * default trains them one after another, each through {@link #train} (anything it throws
     * becomes that run's FAILED result).
     */
    default <E extends Exception> void trainTogether(List<RunSpec> specs, boolean keepParams,
                                                     Trainer.Finished<E> finished) throws E {
        for (RunSpec spec : specs) {
            finished.accept(RunTask.trainSafely(this, spec, keepParams));
        }
    }
}
