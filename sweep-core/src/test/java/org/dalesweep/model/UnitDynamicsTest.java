package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.dalesweep.linalg.NativeArray;
import org.dalesweep.spec.Phi;
import org.dalesweep.spec.RunSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The integrators' noise: isolated units driven by noise alone settle at the variance each promises. */
class UnitDynamicsTest {

    private static final double SIGMA = 0.3;

    /**
     * Isolated units (no recurrence, no input) from v = 0, stepped through the production
     * element-wise step: after a burn-in of 40 time constants the variance over trials and steps
     * is sigma^2 under exact and 2 sigma^2 / (2 - k) under Euler, within sampling error.
     */
    @ParameterizedTest
    @CsvSource({"exact, 0.2", "exact, 0.8", "euler, 0.2", "euler, 0.8"})
    void isolatedUnitsReachTheStationaryVarianceOfTheirIntegrator(String integrator, double k) {
        RunSpec spec = Fixtures.spec(java.util.List.of(), "network.units=2", "network.e_fraction=0.5",
                "network.tau_e_ms=100", "network.dt_ms=" + (100 * k), "network.tau_ratio=1",
                "network.sigma_rec=" + SIGMA, "network.integrator=" + integrator);
        UnitDynamics dynamics = UnitDynamics.of(spec.network());
        int units = 2;
        int trials = 400;
        EulerSteps steps = EulerSteps.of(Precision.FLOAT64, dynamics.gain(), dynamics.noise(), Phi.TANH, true);
        NativeArray drive = NativeArray.doubles(units * trials);
        NativeArray rates = NativeArray.doubles(units * trials);
        steps.reset(trials);
        steps.normals.reseed(new SplittableRandom(7));
        int burnIn = (int) Math.ceil(40 / k);
        int every = (int) Math.ceil(3 / k); // samples ~3 time constants apart are nearly independent
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        for (int t = 0; t < burnIn + 60 * every; t++) {
            steps.forward(drive, 0, units, rates, 0, units, trials);
            if (t >= burnIn && (t - burnIn) % every == 0) {
                for (int b = 0; b < trials; b++) {
                    for (int i = 0; i < units; i++) {
                        double v = steps.state(b, i);
                        sum += v;
                        sumSq += v * v;
                        count++;
                    }
                }
            }
        }
        double variance = sumSq / count - (sum / count) * (sum / count);
        double expected = integrator.equals("exact") ? SIGMA * SIGMA : 2 * SIGMA * SIGMA / (2 - k);
        // 48,000 nearly independent samples: the relative standard error of a variance is sqrt(2/n) = 0.65 %
        assertEquals(expected, variance, 0.03 * expected, integrator + " at k = " + k);
    }
}
