package org.dalesweep.train;

import org.dalesweep.model.Precision;
import org.dalesweep.model.Products;
import org.dalesweep.model.RateRnn;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.Task;
import org.dalesweep.task.Tasks;

/**
 * A run's task, random streams, float32 network and training step, set up as the trainer sets
 * them up, for code that times steps rather than trains a run ({@link Benchmark}, {@link CostEstimate}).
 */
record TimingRig(Task task, RngStreams rng, RateRnn net, TrainingStep step) {

    static TimingRig of(RunSpec spec) throws SpecException {
        return of(spec, Products.BLAS);
    }

    /** With the products run by {@code products} (a solo run's OpenBLAS, an ensemble's vector kernel). */
    static TimingRig of(RunSpec spec, Products products) throws SpecException {
        Task task = Tasks.create(spec.task(), spec.network());
        RngStreams rng = RngStreams.of(spec.seed());
        RateRnn net = RateRnn.create(spec, task.inputCount(), task.outputCount(), Precision.FLOAT32, products,
                rng.init());
        return new TimingRig(task, rng, net, new TrainingStep(net, spec.training(), spec.alpha()));
    }

    /** One training step on a fresh batch of the spec's size; the batch is drawn before it. */
    void step(int batchSize) {
        step.run(task.sample(batchSize, rng.trainTrials()), rng.trainNoise());
    }
}
