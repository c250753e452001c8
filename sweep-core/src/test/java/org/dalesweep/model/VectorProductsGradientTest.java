package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dalesweep.linalg.VectorGemm;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.task.Batch;
import org.dalesweep.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ensemble's path ({@link Products#VECTOR}: float32 with the vector products, padded buffers
 * on the heap) computes the gradient of the loss: every trainable tensor's analytic gradient
 * against central finite differences of the same network's loss in float64 (the loss the float32
 * pass rounds), over the model options and losses that change the passes, and against the
 * float32 OpenBLAS path's gradient. float32 allows about 1e-3 of relative error where the float64
 * check ({@link RateRnnGradientTest}) allows 1e-5. Milliseconds.
 */
class VectorProductsGradientTest {
    private static final double STEP = 1e-6;
    private static final int ENTRIES_PER_TENSOR = 8;

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("defaults", List.of()),
                Arguments.of("alpha neuron, rate cost, separate L2", List.of("alpha.granularity=neuron",
                        "loss.rate_l2=0.5", "loss.weight_l2=20", "loss.weight_l2_on=separate")),
                Arguments.of("cross_entropy, tanh", List.of("loss.kind=cross_entropy", "task.catch_prob=0.3",
                        "network.phi=tanh")),
                Arguments.of("sparse, readout excitatory, nonneg inputs", List.of("network.connectivity.p_ee=0.6",
                        "network.connectivity.p_ii=0.7", "network.readout_from=excitatory",
                        "network.input_sign=nonneg")),
                Arguments.of("twin, euler, frozen alpha", List.of("network.dale_map=none", "network.integrator=euler",
                        "alpha.trainable=false", "alpha.init=0.6")),
                Arguments.of("64 units (a whole number of vectors)", List.of("network.units=64")));
    }

    private static RateRnn network(RunSpec spec, Precision precision, Products products) {
        Task task = Fixtures.task(spec);
        return RateRnn.create(spec, task.inputCount(), task.outputCount(), precision, products,
                new SplittableRandom(11));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theVectorPathsGradientMatchesCentralDifferencesAndTheBlasPath(String name, List<String> overrides) {
        assumeTrue(VectorGemm.usable(), "no 256-bit vectors here: ensembles multiply with OpenBLAS");
        RunSpec spec = Fixtures.small(overrides.toArray(String[]::new));
        RateRnn vector = network(spec, Precision.FLOAT32, Products.VECTOR);
        assertEquals(Products.VECTOR, vector.products(), "the path under test runs");
        RateRnn blas = network(spec, Precision.FLOAT32, Products.BLAS);
        RateRnn exact = network(spec, Precision.FLOAT64, Products.BLAS);
        Batch batch = Fixtures.batch(spec, 4, 12);
        long noiseSeed = 13;
        double lossVector = vector.lossAndGradient(batch, new SplittableRandom(noiseSeed)).total();
        double lossBlas = blas.lossAndGradient(batch, new SplittableRandom(noiseSeed)).total();
        double lossExact = exact.evaluate(batch, new SplittableRandom(noiseSeed), null).total();
        assertEquals(lossBlas, lossVector, 1e-5 * Math.abs(lossBlas), name + ": the loss");
        assertEquals(lossExact, lossVector, 1e-4 * Math.abs(lossExact), name + ": the loss against float64");
        assertEquals(vector.pressure().total(), blas.pressure().total(),
                1e-3 * Math.abs(blas.pressure().total()) + 1e-9, name + ": the pressure");

        SplittableRandom pick = new SplittableRandom(14);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<Parameter> vp = vector.parameters();
        List<Parameter> bp = blas.parameters();
        List<Parameter> ep = exact.parameters();
        for (int t = 0; t < vp.size(); t++) {
            Parameter v = vp.get(t);
            Parameter b = bp.get(t);
            Parameter e = ep.get(t);
            double scale = 0;
            for (int idx = 0; idx < v.size(); idx++) {
                scale = Math.max(scale, Math.abs(b.grad(idx)));
                double agree = Math.abs(v.grad(idx) - b.grad(idx));
                if (!(agree <= 1e-4 * Math.abs(b.grad(idx)) + 1e-5 * scaleOf(b))) {
                    failures.add(v.name() + "[" + idx + "]: vector " + v.grad(idx) + ", blas " + b.grad(idx));
                }
            }
            for (int n = 0; n < Math.min(ENTRIES_PER_TENSOR, v.size()); n++) {
                int idx = pick.nextInt(v.size());
                double[] ends = Fixtures.lossesAround(exact, e, idx, STEP, batch, noiseSeed);
                double numeric = (ends[0] - ends[1]) / (2 * STEP);
                double analytic = v.grad(idx);
                // float32 rounding is relative to the tensor's largest gradient, not to each entry
                double error = Math.abs(analytic - numeric) / Math.max(Math.abs(numeric), 1e-2 * scale + 1e-9);
                if (!(error < 1e-3)) {
                    failures.add(v.name() + "[" + idx + "]: vector " + analytic + ", numeric " + numeric
                            + ", relative error " + error);
                }
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), name + ": " + failures.size() + " entries off:\n" + String.join("\n", failures));
        assertTrue(checked >= 6 * 6, "checked only " + checked + " entries");
    }

    private static double scaleOf(Parameter p) {
        double m = 0;
        for (int i = 0; i < p.size(); i++) {
            m = Math.max(m, Math.abs(p.grad(i)));
        }
        return m;
    }

    @Test
    void networksAboveTheLimitAndFloat64KeepOpenBlas() {
        RunSpec large = Fixtures.small("network.units=" + (Products.vectorMaxUnits() + 1));
        assertEquals(Products.BLAS, network(large, Precision.FLOAT32, Products.VECTOR).products());
        assertEquals(Products.BLAS, network(Fixtures.small(), Precision.FLOAT64, Products.VECTOR).products());
        assertEquals(Products.BLAS, network(Fixtures.small(), Precision.FLOAT32, Products.BLAS).products());
    }
}
