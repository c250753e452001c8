package org.dalesweep.spark;

import java.util.List;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.TrainOptions;
import org.dalesweep.train.Trainer;

/** The production {@link RunExecutor}: the real {@link Trainer} with default options, ensembles in step. */
public final class TrainerExecutor implements RunExecutor {
    private static final long serialVersionUID = 1L;

    @Override
    public RunResult train(RunSpec spec, boolean keepParams) {
        return trainer(keepParams).train(spec);
    }

    @Override
    public <E extends Exception> void trainTogether(List<RunSpec> specs, boolean keepParams,
                                                    Trainer.Finished<E> finished) throws E {
        trainer(keepParams).trainTogether(specs, finished);
    }

    private static Trainer trainer(boolean keepParams) {
        return new Trainer(TrainOptions.DEFAULT.withKeepParams(keepParams));
    }
}
