package org.dalesweep.train;

import java.util.Objects;
import org.dalesweep.model.Precision;
import org.dalesweep.model.Products;

/**
 * How a {@link Trainer} runs, beyond the spec: arithmetic precision, which code runs the matrix
 * products (OpenBLAS for solo runs, the vector kernel for ensembles: {@link Products}), whether
 * the parameters at init and at the end are kept in the result, and who hears progress. None of
 * these change a run's identity.
 */
public record TrainOptions(Precision precision, Products products, boolean keepParams, TrainingListener listener) {

    public static final TrainOptions DEFAULT = new TrainOptions(Precision.FLOAT32, false, TrainingListener.NONE);

    public TrainOptions {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(products, "products");
        Objects.requireNonNull(listener, "listener");
    }

    /** Products by OpenBLAS, as every solo run. */
    public TrainOptions(Precision precision, boolean keepParams, TrainingListener listener) {
        this(precision, Products.BLAS, keepParams, listener);
    }

    public TrainOptions withKeepParams(boolean keep) {
        return new TrainOptions(precision, products, keep, listener);
    }

    public TrainOptions withListener(TrainingListener newListener) {
        return new TrainOptions(precision, products, keepParams, newListener);
    }

    public TrainOptions withProducts(Products newProducts) {
        return new TrainOptions(precision, newProducts, keepParams, listener);
    }
}
