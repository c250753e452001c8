package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dalesweep.spec.DaleMap;
import org.dalesweep.spec.Phi;
import org.junit.jupiter.api.Test;

/** The fast nonlinearities against the JDK's accurate ones, and phi' through the rate. */
class MapsTest {

    private static double[] grid() {
        double[] xs = new double[4001];
        for (int i = 0; i < xs.length; i++) {
            double u = (i - 2000) / 2000.0; // [-1, 1]
            xs[i] = Math.signum(u) * Math.pow(10, 6 * Math.abs(u) - 4) * 0.8; // |x| from 8e-5 to 8e1
        }
        xs[2000] = 0;
        return xs;
    }

    @Test
    void fastTanhMatchesTheJdkToAFewUlps() {
        for (double x : grid()) {
            double expected = Math.tanh(x);
            assertEquals(expected, Maps.tanh(x), 8 * Math.ulp(expected) + 1e-300, "tanh(" + x + ")");
        }
        assertEquals(1.0, Maps.tanh(1000), 0.0);
        assertEquals(-1.0, Maps.tanh(-1000), 0.0);
    }

    @Test
    void fastSoftplusMatchesLog1pExpRelatively() {
        for (double x : grid()) {
            double expected = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
            assertEquals(expected, Maps.softplus(x), 1e-13 * expected, "softplus(" + x + ")");
        }
        assertEquals(Math.exp(-700), Maps.softplus(-700), 1e-13 * Math.exp(-700));
    }

    @Test
    void phiPrimeThroughTheRateEqualsTheDerivative() {
        for (double v : grid()) {
            assertEquals(1 / Math.pow(Math.cosh(v), 2), Maps.phiPrimeOfRate(Phi.TANH, Maps.phi(Phi.TANH, v)), 1e-12);
            double sigmoid = 1 / (1 + Math.exp(-v));
            assertEquals(sigmoid, Maps.phiPrimeOfRate(Phi.SOFTPLUS, Maps.phi(Phi.SOFTPLUS, v)), 1e-12 * Math.max(sigmoid, 1e-3));
            assertEquals(v > 0 ? 1.0 : 0.0, Maps.phiPrimeOfRate(Phi.RELU, Maps.phi(Phi.RELU, v)));
        }
    }

    @Test
    void positiveInverseRecoversTheMagnitude() {
        for (double m : new double[] {1e-9, 1e-3, 0.5, 3, 25, 400}) {
            for (DaleMap map : DaleMap.values()) {
                assertEquals(m, Maps.positive(map, Maps.positiveInverse(map, m)), 1e-12 * m, map + " " + m);
            }
        }
    }
}
