package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.task.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dale signs, alpha's range, the connectivity and readout masks, and the initialisation. */
class RateRnnInvariantsTest {

    private static void perturbAll(RateRnn net, SplittableRandom rng, double size) {
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.setValue(i, p.value(i) + size * rng.nextGaussian());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abs", "relu", "softplus"})
    void daleColumnsStaySingleSignedUnderAnyParameters(String map) {
        RunSpec spec = Fixtures.small("network.dale_map=" + map, "alpha.param=clip", "alpha.granularity=neuron",
                "network.connectivity.p_ee=0.6", "network.connectivity.p_ie=0.8");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT32, 81);
        net.checkInvariants();
        SplittableRandom rng = new SplittableRandom(82);
        double[][] mask = net.connectivity();
        for (int round = 0; round < 50; round++) {
            perturbAll(net, rng, 2.0);
            net.project();
            assertDoesNotThrow(net::checkInvariants);
            double[][] dale = net.daleRecurrent();
            double[][] rec = net.effectiveRecurrent();
            for (int i = 0; i < net.units(); i++) {
                for (int j = 0; j < net.units(); j++) {
                    assertTrue(j < net.excitatory() ? dale[i][j] >= 0 : dale[i][j] <= 0, "W_dale[" + i + "][" + j + "]");
                    if (mask[i][j] == 0) {
                        assertEquals(0.0, rec[i][j], 0.0, "W_rec[" + i + "][" + j + "] outside the mask");
                    }
                }
            }
            assertEquals(1.0, Spectra.daleness(dale));
        }
    }

    @Test
    void clipProjectsAlphaBackIntoTheUnitInterval() {
        RunSpec spec = Fixtures.small("alpha.param=clip", "alpha.granularity=neuron");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 91);
        Parameter alpha = Fixtures.parameter(net, "alpha_param");
        for (int j = 0; j < alpha.size(); j++) {
            alpha.setValue(j, j % 2 == 0 ? 1.7 : -0.3);
        }
        IllegalStateException broken = assertThrows(IllegalStateException.class, net::checkInvariants);
        assertTrue(broken.getMessage().contains("alpha"), broken.getMessage());
        net.project();
        net.checkInvariants();
        double[] a = net.alpha();
        for (int j = 0; j < a.length; j++) {
            assertEquals(j % 2 == 0 ? 1.0 : 0.0, a[j]);
        }
    }

    @Test
    void sigmoidAlphaStartsAtInitAndFrozenAlphaIsNotAParameter() {
        RateRnn sigmoid = Fixtures.network(Fixtures.small("alpha.init=0.3"), Precision.FLOAT64, 1);
        assertEquals(0.3, sigmoid.alpha()[0], 1e-15);
        assertEquals(1, sigmoid.alpha().length);
        RateRnn frozen = Fixtures.network(Fixtures.small("alpha.trainable=false", "alpha.init=1",
                "alpha.granularity=neuron"), Precision.FLOAT64, 1);
        assertTrue(frozen.parameters().stream().noneMatch(p -> p.name().equals("alpha_param")));
        assertEquals(10, frozen.alpha().length);
        for (double a : frozen.alpha()) {
            assertEquals(1.0, a);
        }
        assertEquals(List.of("w_in", "b_rec", "w_dale_raw", "w_free", "alpha_param", "w_out", "b_out"),
                sigmoid.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void checkInvariantsNamesAConnectionOutsideTheMask() {
        RateRnn net = Fixtures.network(Fixtures.small(), Precision.FLOAT64, 2);
        Parameter free = Fixtures.parameter(net, "w_free");
        free.setValue(3 * net.units() + 3, 0.5); // an autapse, which the mask forbids
        assertDoesNotThrow(net::checkInvariants, "W_free is masked on use, so W_rec stays clean");
        assertEquals(0.0, net.effectiveRecurrent()[3][3]);
        net.project();
        assertEquals(0.0, free.value(3 * net.units() + 3));
    }

    @Test
    void inhibitoryUnitsCannotLeakIntoAnExcitatoryReadout() {
        for (String readout : List.of("excitatory", "all")) {
            RunSpec spec = Fixtures.small("network.readout_from=" + readout, "network.sigma_rec=0");
            RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 101);
            int n = net.units();
            int nE = net.excitatory();
            // cut I -> anything, so I activity cannot reach E units through W_rec
            for (String name : List.of("w_dale_raw", "w_free")) {
                Parameter p = Fixtures.parameter(net, name);
                for (int j = nE; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        p.setValue(j * n + i, 0);
                    }
                }
            }
            Parameter wOut = Fixtures.parameter(net, "w_out");
            for (int j = nE; j < n; j++) {
                for (int c = 0; c < wOut.rows(); c++) {
                    wOut.setValue(j * wOut.rows() + c, 3.0); // a readout weight that must not count
                }
            }
            Batch batch = Fixtures.batch(spec, 3, 102);
            float[] before = new float[batch.targets().length];
            net.evaluate(batch, new SplittableRandom(1), before);
            Parameter bRec = Fixtures.parameter(net, "b_rec");
            for (int i = nE; i < n; i++) {
                bRec.setValue(i, bRec.value(i) + 5); // drives the I units hard
            }
            float[] after = new float[batch.targets().length];
            net.lossAndGradient(batch, new SplittableRandom(1));
            net.evaluate(batch, new SplittableRandom(1), after);
            if (readout.equals("excitatory")) {
                assertArrayEquals(before, after, "I activity changed the outputs");
                for (int j = nE; j < n; j++) {
                    for (int c = 0; c < wOut.rows(); c++) {
                        assertEquals(0.0, wOut.grad(j * wOut.rows() + c), 0.0, "gradient into W_out's I column " + j);
                        assertEquals(0.0, net.effectiveReadout()[c][j], 0.0);
                    }
                }
                net.project();
                for (int j = nE; j < n; j++) {
                    for (int c = 0; c < wOut.rows(); c++) {
                        assertEquals(0.0, wOut.value(j * wOut.rows() + c), 0.0);
                    }
                }
                net.checkInvariants();
            } else {
                assertFalse(java.util.Arrays.equals(before, after), "control: a full readout sees I units");
            }
        }
    }

    @Test
    void excitatoryReadoutStartsWithZeroInhibitoryColumns() {
        RateRnn net = Fixtures.network(Fixtures.small("network.readout_from=excitatory"), Precision.FLOAT32, 3);
        Parameter wOut = Fixtures.parameter(net, "w_out");
        for (int j = 0; j < net.units(); j++) {
            for (int c = 0; c < wOut.rows(); c++) {
                double w = wOut.value(j * wOut.rows() + c);
                if (j < net.excitatory()) {
                    assertNotEquals(0.0, w);
                } else {
                    assertEquals(0.0, w, 0.0);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gamma_balanced", "gaussian_balanced", "colei"})
    void balancedInitCancelsEachRowsInputInExpectation(String init) {
        // independent: W_dale alone at rho0 (matched, the default since the spec's free_init change, scales the mixture there)
        RunSpec spec = Fixtures.small("network.units=200", "network.e_fraction=0.8", "network.dale_init=" + init,
                "network.free_init=independent");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 111);
        double[][] dale = net.daleRecurrent();
        double sum = 0;
        double mass = 0;
        for (double[] row : dale) {
            for (double w : row) {
                sum += w;
                mass += Math.abs(w);
            }
        }
        assertTrue(Math.abs(sum) < 0.02 * mass, init + ": mean row sum " + sum / 200 + " vs mean row mass " + mass / 200);
        double rho0 = spec.network().rho0();
        assertEquals(rho0, Spectra.spectralRadius(dale), 1e-6 * rho0, "spectral radius of W_dale = rho0");
    }

    static Stream<Arguments> matchedStarts() {
        return Stream.of("gamma_balanced", "gaussian_balanced", "colei")
                .flatMap(init -> Stream.of(0.1, 0.5, 0.9).map(a -> Arguments.of(init, a)));
    }

    @ParameterizedTest
    @MethodSource("matchedStarts")
    void matchedInitGivesEqualNormsAndStartsTheMixtureAtRho0WhateverAlphaInit(String init, double alphaInit) {
        RunSpec spec = Fixtures.small("network.units=60", "network.dale_init=" + init, "alpha.init=" + alphaInit);
        assertEquals("matched", spec.network().freeInit().toString(), "matched is the default");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 151);
        double dale = frobenius(net.daleRecurrent());
        double free = frobenius(net.freeRecurrent());
        assertEquals(dale, free, 1e-12 * dale, "||W_free||_F = ||W_dale||_F");
        double rho0 = spec.network().rho0();
        assertEquals(rho0, Spectra.spectralRadius(net.effectiveRecurrent()), 1e-6 * rho0,
                "spectral radius of W_rec(0) at alpha_init " + alphaInit);
        assertTrue(Spectra.daleness(net.daleRecurrent()) == 1 && Spectra.daleness(net.freeRecurrent()) < 1);
    }

    @Test
    void theTwinStartsFromTheSameDrawsAsTheLearnedRun() {
        RateRnn learned = Fixtures.network(Fixtures.small(), Precision.FLOAT64, 161);
        RateRnn twin = Fixtures.network(Fixtures.small("network.dale_map=none"), Precision.FLOAT64, 161);
        assertTrue(java.util.Arrays.deepEquals(learned.daleRecurrent(), twin.daleRecurrent()));
        assertTrue(java.util.Arrays.deepEquals(learned.freeRecurrent(), twin.freeRecurrent()));
        for (String name : List.of("w_in", "w_out", "w_dale_raw")) {
            Parameter a = Fixtures.parameter(learned, name);
            Parameter b = Fixtures.parameter(twin, name);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.value(i), b.value(i), 0.0, name + "[" + i + "]");
            }
        }
    }

    private static double frobenius(double[][] w) {
        double s = 0;
        for (double[] row : w) {
            for (double x : row) {
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void balanceHoldsPerPostsynapticTypeUnderSparseConnectivity() {
        RunSpec spec = Fixtures.small("network.units=300", "network.e_fraction=0.8", "network.rho0=1.1",
                "network.connectivity.p_ee=0.1", "network.connectivity.p_ei=0.5", "network.connectivity.p_ie=0.3",
                "network.connectivity.p_ii=0.5", "network.free_init=independent");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 121);
        double[][] dale = net.daleRecurrent();
        double[][] mask = net.connectivity();
        int nE = net.excitatory();
        for (boolean postE : new boolean[] {true, false}) {
            double sum = 0;
            double mass = 0;
            int present = 0;
            int possible = 0;
            for (int i = postE ? 0 : nE; i < (postE ? nE : 300); i++) {
                for (int j = 0; j < 300; j++) {
                    sum += dale[i][j];
                    mass += Math.abs(dale[i][j]);
                    if (j < nE && i != j) {
                        possible++;
                        present += (int) mask[i][j];
                    }
                }
            }
            assertTrue(Math.abs(sum) < 0.05 * mass, (postE ? "E" : "I") + " rows: sum " + sum + ", mass " + mass);
            double p = present / (double) possible;
            assertEquals(postE ? 0.1 : 0.3, p, 0.03, "E->" + (postE ? "E" : "I") + " connection density");
        }
        assertEquals(1.1, Spectra.spectralRadius(dale), 1.1e-6);
        assertEquals(1.1, Spectra.spectralRadius(net.freeRecurrent()), 1.1e-6);
    }

    @Test
    void copiedFreeInitEqualsDaleAndIndependentDoesNot() {
        RateRnn copy = Fixtures.network(Fixtures.small("network.free_init=copy", "network.dale_map=softplus"),
                Precision.FLOAT64, 131);
        double[][] dale = copy.daleRecurrent();
        double[][] free = copy.freeRecurrent();
        for (int i = 0; i < dale.length; i++) {
            assertArrayEquals(dale[i], free[i], 1e-12 * 10);
        }
        RateRnn independent = Fixtures.network(Fixtures.small(), Precision.FLOAT64, 131);
        assertFalse(java.util.Arrays.deepEquals(independent.daleRecurrent(), independent.freeRecurrent()));
        assertTrue(Spectra.daleness(independent.freeRecurrent()) < 1);
    }

    @Test
    void denseMaskHasEveryConnectionButAutapses() {
        RateRnn net = Fixtures.network(Fixtures.small(), Precision.FLOAT64, 141);
        double[][] m = net.connectivity();
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                assertEquals(i == j ? 0.0 : 1.0, m[i][j]);
            }
        }
        double[][] withAutapses = Fixtures.network(Fixtures.small("network.connectivity.autapses=true"),
                Precision.FLOAT64, 141).connectivity();
        assertEquals(1.0, withAutapses[4][4]);
    }
}
