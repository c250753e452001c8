package org.dalesweep.train;

import java.util.Objects;
import org.dalesweep.model.Precision;

/**
 * How a {@link Trainer} runs, beyond the spec: arithmetic precision, whether the parameters at
 * init and at the end are kept in the result, and who hears progress. None of these change a
 * run's identity.
 */
public record TrainOptions(Precision precision, boolean keepParams, TrainingListener listener) {

    public static final TrainOptions DEFAULT = new TrainOptions(Precision.FLOAT32, false, TrainingListener.NONE);

    public TrainOptions {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(listener, "listener");
    }

    public TrainOptions withKeepParams(boolean keep) {
        return new TrainOptions(precision, keep, listener);
    }

    public TrainOptions withListener(TrainingListener newListener) {
        return new TrainOptions(precision, keepParams, newListener);
    }
}
