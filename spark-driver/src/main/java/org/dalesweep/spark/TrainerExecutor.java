package org.dalesweep.spark;

import org.dalesweep.spec.RunSpec;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.TrainOptions;
import org.dalesweep.train.Trainer;

/** The production {@link RunExecutor}: the real {@link Trainer} with default options. */
public final class TrainerExecutor implements RunExecutor {
    private static final long serialVersionUID = 1L;

    @Override
    public RunResult train(RunSpec spec, boolean keepParams) {
        return new Trainer(TrainOptions.DEFAULT.withKeepParams(keepParams)).train(spec);
    }
}
