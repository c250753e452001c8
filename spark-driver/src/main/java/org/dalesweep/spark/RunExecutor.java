package org.dalesweep.spark;

import java.io.Serializable;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.train.RunResult;

/**
 * What a Spark task calls to train one run. Serializable because Spark ships it to executors.
 * The production executor is {@link TrainerExecutor}; tests about Spark mechanics substitute
 * runs that fail or take time on purpose.
 */
@FunctionalInterface
public interface RunExecutor extends Serializable {

    /** Trains a resolved spec; {@code keepParams} asks for the parameters at init and at the end. */
    RunResult train(RunSpec spec, boolean keepParams);
}
