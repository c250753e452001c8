package org.dalesweep.model;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.task.Batch;

/**
 * API placeholder of the alpha-mixed E/I rate network (DESIGN §1); the engine branch replaces
 * the bodies.
 */
public final class RateRnn {

    public static RateRnn create(RunSpec spec, int inputCount, int outputCount, Precision precision,
                                 RandomGenerator initRng) {
        throw new UnsupportedOperationException("engine not merged yet");
    }

    public List<Parameter> parameters() {
        throw new UnsupportedOperationException();
    }

    public LossParts lossAndGradient(Batch batch, RandomGenerator noise) {
        throw new UnsupportedOperationException();
    }

    public LossParts evaluate(Batch batch, RandomGenerator noise, float[] outputs) {
        throw new UnsupportedOperationException();
    }

    public void project() {
        throw new UnsupportedOperationException();
    }

    public double[] alpha() {
        throw new UnsupportedOperationException();
    }

    public int excitatory() {
        throw new UnsupportedOperationException();
    }

    public double[][] effectiveRecurrent() {
        throw new UnsupportedOperationException();
    }

    public double[][] daleRecurrent() {
        throw new UnsupportedOperationException();
    }

    public double[][] freeRecurrent() {
        throw new UnsupportedOperationException();
    }

    public void checkInvariants() {
        throw new UnsupportedOperationException();
    }
}
