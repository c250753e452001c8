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
                Arguments.of("everything at once", List.of("network.phi=softplus", "network.dale_map=softplus",
                        "alpha.param=clip", "alpha.granularity=neuron", "loss.kind=cross_entropy",
                        "loss.rate_l2=0.3", "loss.weight_l2=10", "loss.weight_l2_on=separate", "loss.weight_l1=3",
                        "network.connectivity.p_ee=0.6", "network.connectivity.p_ei=0.9",
                        "network.connectivity.p_ie=0.7", "network.connectivity.p_ii=0.5",
                        "network.readout_from=excitatory", "network.input_sign=nonneg",
                        "network.dale_init=colei", "task.catch_prob=0.2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyParameterGradientMatchesCentralDifferences(String name, List<String> overrides) {
        RunSpec spec = Fixtures.small(overrides.toArray(String[]::new));
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 11);
        Batch batch = Fixtures.batch(spec, 4, 12);
        long noiseSeed = 13;
        net.lossAndGradient(batch, new SplittableRandom(noiseSeed));

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
                double original = p.value(idx);
                p.setValue(idx, original + STEP);
                double plus = net.evaluate(batch, new SplittableRandom(noiseSeed), null).total();
                p.setValue(idx, original - STEP);
                double minus = net.evaluate(batch, new SplittableRandom(noiseSeed), null).total();
                p.setValue(idx, original);
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
