package org.dalesweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dalesweep.model.Parameter;
import org.dalesweep.spec.RunSpec;
import org.junit.jupiter.api.Test;

/** The optimisers against their formulas, and what alpha's default step lets it do. */
class OptimiserTest {

    /** A one-entry parameter whose gradient the test sets. */
    private static final class Scalar implements Parameter {
        double value;
        double grad;

        Scalar(double value) {
            this.value = value;
        }

        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public int rows() {
            return 1;
        }

        @Override
        public int cols() {
            return 1;
        }

        @Override
        public double value(int i) {
            return value;
        }

        @Override
        public void setValue(int i, double v) {
            value = v;
        }

        @Override
        public double grad(int i) {
            return grad;
        }
    }

    @Test
    void sgdWithMomentumFollowsPyTorchsRecursion() {
        Scalar p = new Scalar(1.0);
        Optimiser sgd = Optimiser.sgd(List.of(p), 0.1, 0.9);
        double[] grads = {0.5, -0.2, 0.3};
        double b = 0;
        double expected = 1.0;
        for (int k = 0; k < grads.length; k++) {
            p.grad = grads[k];
            sgd.step(0.5);
            b = k == 0 ? 0.5 * grads[k] : 0.9 * b + 0.5 * grads[k];
            expected -= 0.1 * b;
            assertEquals(expected, p.value, 1e-15, "step " + k);
        }
        Scalar plain = new Scalar(1.0);
        Optimiser noMomentum = Optimiser.sgd(List.of(plain), 0.1, 0);
        plain.grad = 2;
        noMomentum.step(1);
        noMomentum.step(1);
        assertEquals(1.0 - 0.4, plain.value, 1e-15);
    }

    /**
     * A consistent pressure, however weak (|dL/dalpha| = 1e-6), carries a sigmoid alpha from 0.1 to
     * 0.9 within the default iterations at the default alpha.learning_rate: Adam's step does not
     * shrink with the gradient. (With the weights' learning rate, 1e-3, it would reach ~0.5.)
     */
    @Test
    void aConsistentPressureCarriesAlphaFromPointOneToPointNineWithinTheDefaultIterations() {
        RunSpec defaults = RunSpec.DEFAULT;
        Scalar theta = new Scalar(Math.log(0.1 / 0.9));
        Optimiser adam = Optimiser.adam(List.of(theta), defaults.alpha().learningRate(),
                defaults.training().adamBeta1(), defaults.training().adamBeta2(), defaults.training().adamEps());
        int crossed = -1;
        for (int step = 1; step <= defaults.training().iterations(); step++) {
            double alpha = 1 / (1 + Math.exp(-theta.value));
            theta.grad = -1e-6 * alpha * (1 - alpha); // dL/dtheta for dL/dalpha = -1e-6: pressure toward Dale
            adam.step(1);
            if (crossed < 0 && 1 / (1 + Math.exp(-theta.value)) >= 0.9) {
                crossed = step;
            }
        }
        assertTrue(crossed > 0 && crossed < defaults.training().iterations(), "crossed 0.9 at step " + crossed);
    }
}
