package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dalesweep.spec.ReadoutFrom;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.task.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Analytic BPTT gradients against central finite differences in float64, for every trainable
 * tensor, over every model option and loss variant, with recurrent noise held fixed.
 */
class RateRnnGradientTest {

    /**
     * Small, because a step that moves a ReLU unit across its kink somewhere in the batch makes
     * the difference quotient wrong at O(STEP) (seen at 1e-5 on one 6e-7 entry, at 1e-4 on a 1e-2
     * one); the rounding this costs is allowed for below.
     */
    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-5;
    private static final int ENTRIES_PER_TENSOR = 8;

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("defaults (relu, abs, sigmoid alpha, mse)", List.of()),
                Arguments.of("phi tanh", List.of("network.phi=tanh")),
                Arguments.of("phi softplus", List.of("network.phi=softplus")),
                Arguments.of("dale_map relu", List.of("network.dale_map=relu")),
                Arguments.of("dale_map softplus", List.of("network.dale_map=softplus")),
                Arguments.of("alpha sigmoid, neuron", List.of("alpha.granularity=neuron", "alpha.init=0.3")),
                Arguments.of("alpha clip, network", List.of("alpha.param=clip", "alpha.init=0.6")),
                Arguments.of("alpha clip, neuron", List.of("alpha.param=clip", "alpha.granularity=neuron")),
                Arguments.of("alpha frozen", List.of("alpha.trainable=false", "alpha.init=0.7")),
                Arguments.of("cross_entropy", List.of("loss.kind=cross_entropy", "task.catch_prob=0.3")),
                Arguments.of("rate_l2", List.of("loss.rate_l2=0.5")),
                Arguments.of("weight_l2 effective", List.of("loss.weight_l2=20", "loss.weight_l2_on=effective")),
                Arguments.of("weight_l2 separate", List.of("loss.weight_l2=20", "loss.weight_l2_on=separate",
                        "alpha.granularity=neuron")),
                Arguments.of("weight_l1", List.of("loss.weight_l1=5", "alpha.param=clip", "alpha.granularity=neuron")),
                Arguments.of("sparse typed connectivity", List.of("network.connectivity.p_ee=0.5",
                        "network.connectivity.p_ei=0.7", "network.connectivity.p_ie=0.6",
                        "network.connectivity.p_ii=0.8", "alpha.granularity=neuron")),
                Arguments.of("autapses", List.of("network.connectivity.autapses=true")),
                Arguments.of("readout excitatory", List.of("network.readout_from=excitatory")),
                Arguments.of("input_sign nonneg", List.of("network.input_sign=nonneg")),
                Arguments.of("input_sign nonneg, softplus map", List.of("network.input_sign=nonneg",
                        "network.dale_map=softplus")),
                Arguments.of("free_init copy", List.of("network.free_init=copy")),
                Arguments.of("free_init independent", List.of("network.free_init=independent")),
                Arguments.of("integrator euler", List.of("network.integrator=euler", "loss.rate_l2=0.5")),
                Arguments.of("integrator euler, tau_ratio 0.5, tanh", List.of("network.integrator=euler",
                        "network.tau_ratio=0.5", "network.phi=tanh")),
                Arguments.of("twin (dale_map none)", List.of("network.dale_map=none", "network.input_sign=nonneg",
                        "alpha.granularity=neuron")),
                Arguments.of("mixed_cost", List.of("loss.mixed_cost=0.05")),
                Arguments.of("mixed_cost, alpha frozen", List.of("loss.mixed_cost=0.05", "alpha.trainable=false",
                        "alpha.init=0.7")),
                Arguments.of("mixed_cost, alpha clip, neuron", List.of("loss.mixed_cost=0.05", "alpha.param=clip",
                        "alpha.granularity=neuron", "alpha.init=0.4")),
                Arguments.of("mixed_cost, sigmoid neuron, relu map, sparse", List.of("loss.mixed_cost=0.05",
                        "alpha.granularity=neuron", "network.dale_map=relu", "network.connectivity.p_ee=0.6",
                        "network.connectivity.p_ii=0.7")),
                Arguments.of("mixed_cost, twin (dale_map none), neuron", List.of("loss.mixed_cost=0.05",
                        "network.dale_map=none", "alpha.granularity=neuron")),
                Arguments.of("everything at once", List.of("network.phi=softplus", "network.dale_map=softplus",
                        "alpha.param=clip", "alpha.granularity=neuron", "loss.kind=cross_entropy",
                        "loss.rate_l2=0.3", "loss.weight_l2=10", "loss.weight_l2_on=separate", "loss.weight_l1=3",
                        "network.connectivity.p_ee=0.6", "network.connectivity.p_ei=0.9",
                        "network.connectivity.p_ie=0.7", "network.connectivity.p_ii=0.5",
                        "network.readout_from=excitatory", "network.input_sign=nonneg",
                        "network.dale_init=colei", "task.catch_prob=0.2", "loss.mixed_cost=0.02")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyParameterGradientMatchesCentralDifferences(String name, List<String> overrides) {
        RunSpec spec = Fixtures.small(overrides.toArray(String[]::new));
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 11);
        Batch batch = Fixtures.batch(spec, 4, 12);
        long noiseSeed = 13;
        net.lossAndGradient(batch, new SplittableRandom(noiseSeed));
        assertAwayFromTheKink(spec, net);

        double[][] mask = net.connectivity();
        SplittableRandom pick = new SplittableRandom(14);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Parameter p : net.parameters()) {
            List<Integer> live = new ArrayList<>();
            for (int idx = 0; idx < p.size(); idx++) {
                if (isLive(spec, net, p, idx, mask)) {
                    live.add(idx);
                } else {
                    assertEquals(0.0, p.grad(idx), 0.0, p.name() + "[" + idx + "] is masked out, its gradient must be 0");
                }
            }
            for (int n = 0; n < Math.min(ENTRIES_PER_TENSOR, live.size()); n++) {
                int idx = live.remove(pick.nextInt(live.size()));
                double analytic = p.grad(idx);
                double[] ends = Fixtures.lossesAround(net, p, idx, STEP, batch, noiseSeed);
                double plus = ends[0];
                double minus = ends[1];
                double numeric = (plus - minus) / (2 * STEP);
                double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
                // relative to the larger of the two, with a floor at the difference quotient's own
                // rounding: a few ulps of the loss over 2 STEP, about 1e-10 for a loss near 1 (10 ulps allowed)
                double floor = 10 * Math.ulp(Math.max(Math.abs(plus), Math.abs(minus))) / STEP;
                double error = Math.abs(analytic - numeric) / Math.max(scale, floor / TOLERANCE);
                if (!(error < TOLERANCE)) {
                    failures.add(p.name() + "[" + idx + "]: analytic " + analytic + ", numeric " + numeric
                            + ", relative error " + error);
                }
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), name + ": " + failures.size() + " of " + checked + " entries off:\n"
                + String.join("\n", failures));
        assertTrue(checked >= 6 * 6, "checked only " + checked + " entries");
    }

    @Test
    void alphaGradientIsNonZeroAndChecked() {
        RunSpec spec = Fixtures.small("alpha.granularity=neuron");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 3);
        net.lossAndGradient(Fixtures.batch(spec, 4, 4), new SplittableRandom(5));
        Parameter alpha = Fixtures.parameter(net, "alpha_param");
        assertEquals(spec.network().units(), alpha.cols());
        double norm = 0;
        for (int j = 0; j < alpha.size(); j++) {
            norm += Math.abs(alpha.grad(j));
        }
        assertTrue(norm > 1e-6, "alpha gradient vanishes: " + norm);
    }

    static Stream<Arguments> pressureVariants() {
        return Stream.of(
                Arguments.of("sigmoid, network", List.of()),
                Arguments.of("frozen at 1", List.of("alpha.trainable=false", "alpha.init=1")),
                Arguments.of("frozen at 0, rate and weight costs", List.of("alpha.trainable=false", "alpha.init=0",
                        "loss.rate_l2=0.5", "loss.weight_l2=20", "loss.weight_l1=3")),
                Arguments.of("clip, neuron, rate cost", List.of("alpha.param=clip", "alpha.granularity=neuron",
                        "loss.rate_l2=0.5", "loss.weight_l2=20")),
                Arguments.of("sigmoid, neuron, euler, separate L2", List.of("alpha.granularity=neuron",
                        "network.integrator=euler", "loss.weight_l2=20", "loss.weight_l2_on=separate")),
                Arguments.of("twin, cross_entropy", List.of("network.dale_map=none", "loss.kind=cross_entropy",
                        "task.catch_prob=0.3", "loss.rate_l2=0.2")),
                Arguments.of("mixed_cost, sigmoid, network", List.of("loss.mixed_cost=0.05")),
                Arguments.of("mixed_cost, frozen at 0", List.of("loss.mixed_cost=0.05", "alpha.trainable=false",
                        "alpha.init=0")),
                Arguments.of("mixed_cost, frozen at 1", List.of("loss.mixed_cost=0.05", "alpha.trainable=false",
                        "alpha.init=1")),
                Arguments.of("mixed_cost, clip, neuron, rate cost", List.of("loss.mixed_cost=0.05", "alpha.param=clip",
                        "alpha.granularity=neuron", "loss.rate_l2=0.5")),
                Arguments.of("mixed_cost, twin, neuron", List.of("loss.mixed_cost=0.05", "network.dale_map=none",
                        "alpha.granularity=neuron")));
    }

    /**
     * The pressure, -dL/dalpha in alpha's units with its task and regulariser parts and (at neuron
     * granularity) its E and I means, against central differences of the loss when alpha moves:
     * every alpha together for the total and its parts, the E or the I columns alone for their means.
     * Frozen alpha too, where alpha is not a parameter but the gradient still exists.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pressureVariants")
    void pressureMatchesCentralDifferencesInAlpha(String name, List<String> overrides) {
        RunSpec spec = Fixtures.small(overrides.toArray(String[]::new));
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 17);
        Batch batch = Fixtures.batch(spec, 4, 18);
        long noiseSeed = 19;
        net.lossAndGradient(batch, new SplittableRandom(noiseSeed));
        AlphaPressure p = net.pressure();
        int entries = net.alpha().length;
        boolean neuron = entries > 1;
        double h = 1e-6;
        // a frozen control may sit at 0 or 1: difference inward there (one-sided, second order)
        double a0 = net.alpha()[0];
        double[] loss = new double[3];
        double[] task = new double[3];
        double[] dLtask = differences(net, batch, noiseSeed, 0, entries, h, a0, loss, task);
        // a part may be (near) zero: it is then compared at the total's scale, as a difference of two quotients
        double floor = 1e-3 * Math.abs(p.total());
        assertClose(name + " total", -dLtask[0], p.total(), 1e-7);
        assertClose(name + " task part", -dLtask[1], p.task(), floor);
        assertClose(name + " regulariser part", -dLtask[0] + dLtask[1], p.reg(), floor);
        assertEquals(p.total(), p.task() + p.reg(), 1e-12 * Math.abs(p.total()) + 1e-15);
        if (neuron) {
            int nE = net.excitatory();
            double[] e = differences(net, batch, noiseSeed, 0, nE, h, a0, loss, task);
            double[] i = differences(net, batch, noiseSeed, nE, entries, h, a0, loss, task);
            assertClose(name + " E mean", -e[0] / nE, p.eMean(), 1e-7);
            assertClose(name + " I mean", -i[0] / (entries - nE), p.iMean(), 1e-7);
        } else {
            assertTrue(Double.isNaN(p.eMean()) && Double.isNaN(p.iMean()), "no E/I split at network granularity");
        }
        assertTrue(Math.abs(p.total()) > 1e-6, name + ": pressure vanishes: " + p.total());
    }

    /** d(total loss)/dh and d(task loss)/dh when alpha entries [from, to) move by h together. */
    private static double[] differences(RateRnn net, Batch batch, long noiseSeed, int from, int to, double h,
                                        double a0, double[] loss, double[] task) {
        double[] offsets = a0 >= 1 ? new double[] {0, -h, -2 * h} : a0 <= 0 ? new double[] {0, h, 2 * h}
                : new double[] {-h, 0, h};
        for (int o = 0; o < 3; o++) {
            for (int j = from; j < to; j++) {
                net.shiftAlpha(j, offsets[o]);
            }
            LossParts parts = net.evaluate(batch, new SplittableRandom(noiseSeed), null);
            loss[o] = parts.total();
            task[o] = parts.task();
            for (int j = from; j < to; j++) {
                net.shiftAlpha(j, -offsets[o]);
            }
        }
        return new double[] {derivative(loss, offsets, h), derivative(task, offsets, h)};
    }

    /** Central (or, at a bound, second-order one-sided) difference at offset 0. */
    private static double derivative(double[] f, double[] offsets, double h) {
        if (offsets[0] == -h) {
            return (f[2] - f[0]) / (2 * h);
        }
        double direction = Math.signum(offsets[1]);
        return direction * (-3 * f[0] + 4 * f[1] - f[2]) / (2 * h);
    }

    private static void assertClose(String what, double expected, double actual, double floor) {
        double scale = Math.max(Math.max(Math.abs(expected), Math.abs(actual)), floor);
        assertTrue(Math.abs(expected - actual) < 1e-4 * scale, what + ": numeric " + expected + ", analytic " + actual);
    }

    /**
     * The wrong-sign cost has a kink where an entry of W_rec is 0; the difference quotients above
     * are only valid away from it. Every unmasked entry must sit well clear of 0 (masked entries are
     * 0 and stay 0 under every perturbation, so they contribute nothing on either side).
     */
    private static void assertAwayFromTheKink(RunSpec spec, RateRnn net) {
        if (spec.loss().mixedCost() == 0) {
            return;
        }
        double[][] w = net.effectiveRecurrent();
        double[][] mask = net.connectivity();
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (mask[i][j] != 0) {
                    closest = Math.min(closest, Math.abs(w[i][j]));
                }
            }
        }
        assertTrue(closest > 1e-4, "an entry of W_rec is " + closest + " from the cost's kink: the check would not hold");
    }

    /** Entries that can influence the loss: recurrent entries inside the mask, readout columns seen. */
    private static boolean isLive(RunSpec spec, RateRnn net, Parameter p, int idx, double[][] mask) {
        int n = net.units();
        return switch (p.name()) {
            case "w_dale_raw", "w_free" -> mask[idx % n][idx / n] != 0;
            case "w_out" -> spec.network().readoutFrom() == ReadoutFrom.ALL || idx / p.rows() < net.excitatory();
            default -> true;
        };
    }
}
