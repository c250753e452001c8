package org.dalesweep.spark;

import java.util.List;
import org.dalesweep.model.Products;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.TrainOptions;
import org.dalesweep.train.Trainer;

/**
 * The production {@link RunExecutor}: the real {@link Trainer} with default options, ensembles in
 * step; {@link #forEnsembles()} the same with the vector kernel's products ({@link Products#VECTOR}).
 */
public final class TrainerExecutor implements RunExecutor {
    private static final long serialVersionUID = 1L;

    private final Products products;

    /** OpenBLAS's products: a solo run's bits. */
    public TrainerExecutor() {
        this(Products.BLAS);
    }

    private TrainerExecutor(Products products) {
        this.products = products;
    }

    /** Every run this executor trains multiplies with the vector kernel (issue 21). */
    @Override
    public RunExecutor forEnsembles() {
        return new TrainerExecutor(Products.VECTOR);
    }

    @Override
    public RunResult train(RunSpec spec, boolean keepParams) {
        return trainer(keepParams).train(spec);
    }

    @Override
    public <E extends Exception> void trainTogether(List<RunSpec> specs, boolean keepParams,
                                                    Trainer.Finished<E> finished) throws E {
        trainer(keepParams).trainTogether(specs, finished);
    }

    private Trainer trainer(boolean keepParams) {
        return new Trainer(TrainOptions.DEFAULT.withKeepParams(keepParams).withProducts(products));
    }
}
