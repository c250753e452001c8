package org.dalesweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dalesweep.spec.Integrator;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.task.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fused BPTT forward pass against the formulas, across precisions, and its determinism. */
class RateRnnForwardTest {

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(List.of("loss.rate_l2=0.2", "loss.weight_l2=0.3")),
                Arguments.of(List.of("network.phi=tanh", "loss.weight_l1=0.4", "alpha.granularity=neuron")),
                Arguments.of(List.of("network.phi=softplus", "network.dale_map=softplus", "loss.weight_l2=0.3",
                        "loss.weight_l2_on=separate")),
                Arguments.of(List.of("network.input_sign=nonneg", "network.readout_from=excitatory",
                        "network.connectivity.p_ee=0.5", "network.connectivity.p_ii=0.5")),
                Arguments.of(List.of("network.integrator=euler", "network.tau_ratio=0.5", "loss.rate_l2=0.2")),
                Arguments.of(List.of("network.dale_map=none", "network.input_sign=nonneg", "network.tau_ratio=2")));
    }

    /** A plain, per-trial, per-formula implementation of DESIGN §1 and §2 (mse), both integrators. */
    private static double[] literalOutputs(RunSpec spec, RateRnn net, Batch batch, long noiseSeed, double[] lossOut) {
        NetworkSpec ns = spec.network();
        int n = net.units();
        int nIn = batch.inputCount();
        int nOut = batch.outputCount();
        int steps = batch.steps();
        int size = batch.size();
        double[][] w = net.effectiveRecurrent();
        double[][] wOut = net.effectiveReadout();
        Parameter wInRaw = Fixtures.parameter(net, "w_in");
        Parameter bRec = Fixtures.parameter(net, "b_rec");
        Parameter bOut = Fixtures.parameter(net, "b_out");
        double[][] wIn = new double[n][nIn];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < nIn; c++) {
                double raw = wInRaw.value(c * n + i);
                wIn[i][c] = ns.inputSign().toString().equals("nonneg") ? positive(ns, raw) : raw;
            }
        }
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = ns.dtMs() / (i < net.excitatory() ? ns.tauEMs() : ns.tauEMs() * ns.tauRatio());
        }
        NormalSampler noise = NormalSampler.from(new SplittableRandom(noiseSeed));
        double[][][] xi = new double[steps][size][n];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < size; b++) {
                for (int i = 0; i < n; i++) {
                    xi[t][b][i] = noise.next();
                }
            }
        }
        double[] z = new double[steps * size * nOut];
        double rateSum = 0;
        for (int b = 0; b < size; b++) {
            double[] v = new double[n];
            for (int t = 0; t < steps; t++) {
                double[] r = new double[n];
                for (int i = 0; i < n; i++) {
                    r[i] = phi(ns, v[i]);
                }
                double[] next = new double[n];
                for (int i = 0; i < n; i++) {
                    double rec = 0;
                    for (int j = 0; j < n; j++) {
                        rec += w[i][j] * r[j];
                    }
                    double in = 0;
                    for (int c = 0; c < nIn; c++) {
                        in += wIn[i][c] * batch.input(t, b, c);
                    }
                    double drive = rec + in + bRec.value(i);
                    next[i] = ns.integrator() == Integrator.EULER
                            ? v[i] + k[i] * (-v[i] + drive) + Math.sqrt(2 * k[i]) * ns.sigmaRec() * xi[t][b][i]
                            : Math.exp(-k[i]) * v[i] + (1 - Math.exp(-k[i])) * drive
                                    + Math.sqrt(1 - Math.exp(-2 * k[i])) * ns.sigmaRec() * xi[t][b][i];
                }
                v = next;
                for (int o = 0; o < nOut; o++) {
                    double acc = bOut.value(o);
                    for (int i = 0; i < n; i++) {
                        acc += wOut[o][i] * phi(ns, v[i]);
                    }
                    z[(t * size + b) * nOut + o] = acc;
                }
                for (int i = 0; i < n; i++) {
                    rateSum += phi(ns, v[i]) * phi(ns, v[i]);
                }
            }
        }
        double sq = 0;
        double m = 0;
        for (int e = 0; e < z.length; e++) {
            sq += batch.mask()[e] * Math.pow(z[e] - batch.targets()[e], 2);
            m += batch.mask()[e];
        }
        double task = sq / m;
        double rate = spec.loss().rateL2() * rateSum / ((double) steps * size * n);
        double l2 = 0;
        double l1 = 0;
        double[][] dale = net.daleRecurrent();
        double[][] free = net.freeRecurrent();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                l2 += spec.loss().weightL2On().toString().equals("effective") ? w[i][j] * w[i][j]
                        : dale[i][j] * dale[i][j] + free[i][j] * free[i][j];
                l1 += Math.abs(w[i][j]);
            }
        }
        double weight = (spec.loss().weightL2() * l2 + spec.loss().weightL1() * l1) / ((double) n * n);
        lossOut[0] = task;
        lossOut[1] = rate;
        lossOut[2] = weight;
        return z;
    }

    private static double phi(NetworkSpec ns, double v) {
        return switch (ns.phi()) {
            case RELU -> Math.max(0, v);
            case TANH -> Math.tanh(v);
            case SOFTPLUS -> Math.log(1 + Math.exp(v));
        };
    }

    private static double positive(NetworkSpec ns, double x) {
        return switch (ns.daleMap()) {
            case ABS -> Math.abs(x);
            case RELU -> Math.max(0, x);
            case SOFTPLUS -> Math.log(1 + Math.exp(x));
            case NONE -> Math.abs(x); // the twin keeps abs on its non-negative inputs
        };
    }

    @ParameterizedTest
    @MethodSource("variants")
    void forwardEqualsLiteralPerTrialFormulaInFloat64(List<String> overrides) {
        RunSpec spec = Fixtures.small(overrides.toArray(String[]::new));
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 21);
        Batch batch = Fixtures.batch(spec, 5, 22);
        double[] fused = new double[batch.targets().length];
        LossParts parts = net.evaluateWithDoubleOutputs(batch, new SplittableRandom(23), fused);
        double[] literalLoss = new double[3];
        double[] literal = literalOutputs(spec, net, batch, 23, literalLoss);
        double scale = 0;
        for (double x : literal) {
            scale = Math.max(scale, Math.abs(x));
        }
        assertTrue(scale > 1e-3, "outputs too small to compare: " + scale);
        assertArrayEquals(literal, fused, 1e-12 * scale);
        assertEquals(literalLoss[0], parts.task(), 1e-12 * Math.abs(literalLoss[0]));
        assertEquals(literalLoss[1], parts.rate(), 1e-12 * Math.abs(literalLoss[1]) + 1e-300);
        assertEquals(literalLoss[2], parts.weight(), 1e-12 * Math.abs(literalLoss[2]) + 1e-300);
        assertEquals(parts.task() + parts.rate() + parts.weight(), parts.total(), 1e-15 * parts.total());
    }

    @Test
    void crossEntropyIsTheMaskWeightedMeanOverLabelledResponseSteps() {
        RunSpec spec = Fixtures.small("loss.kind=cross_entropy", "task.catch_prob=0.4");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 24);
        Batch batch = Fixtures.batch(spec, 6, 25);
        double[] z = new double[batch.targets().length];
        LossParts parts = net.evaluateWithDoubleOutputs(batch, new SplittableRandom(26), z);
        double sum = 0;
        double weight = 0;
        int labelled = 0;
        for (int t = 0; t < batch.steps(); t++) {
            for (int b = 0; b < batch.size(); b++) {
                int label = batch.labels()[b];
                double m = batch.mask(t, b, 0);
                if (m <= 0 || label < 0) {
                    continue;
                }
                int base = (t * batch.size() + b) * 2;
                double logSumExp = Math.log(Math.exp(z[base]) + Math.exp(z[base + 1]));
                sum += m * (logSumExp - z[base + label]);
                weight += m;
                labelled++;
            }
        }
        assertTrue(labelled > 0 && labelled < batch.steps() * batch.size(), "the batch mixes scored and unscored steps");
        assertEquals(sum / weight, parts.task(), 1e-12);
    }

    @Test
    void float32AgreesWithFloat64OnTheSameInitialisation() {
        RunSpec spec = Fixtures.small("network.units=40", "network.phi=tanh", "loss.rate_l2=0.1");
        RateRnn f32 = Fixtures.network(spec, Precision.FLOAT32, 31);
        RateRnn f64 = Fixtures.network(spec, Precision.FLOAT64, 31);
        Batch batch = Fixtures.batch(spec, 6, 32);
        float[] z32 = new float[batch.targets().length];
        float[] z64 = new float[batch.targets().length];
        LossParts l32 = f32.evaluate(batch, new SplittableRandom(33), z32);
        LossParts l64 = f64.evaluate(batch, new SplittableRandom(33), z64);
        double scale = 0;
        for (float x : z64) {
            scale = Math.max(scale, Math.abs(x));
        }
        for (int e = 0; e < z64.length; e++) {
            assertEquals(z64[e], z32[e], 1e-4 * scale, "output " + e);
        }
        assertEquals(l64.total(), l32.total(), 1e-4 * l64.total());

        LossParts g32 = f32.lossAndGradient(batch, new SplittableRandom(33));
        LossParts g64 = f64.lossAndGradient(batch, new SplittableRandom(33));
        assertEquals(g64.total(), g32.total(), 1e-4 * g64.total());
        for (int p = 0; p < f64.parameters().size(); p++) {
            Parameter a = f32.parameters().get(p);
            Parameter b = f64.parameters().get(p);
            double norm = 0;
            double diff = 0;
            for (int i = 0; i < b.size(); i++) {
                norm += b.grad(i) * b.grad(i);
                diff += Math.pow(a.grad(i) - b.grad(i), 2);
            }
            assertTrue(Math.sqrt(diff) <= 1e-3 * Math.sqrt(norm) + 1e-12,
                    b.name() + ": float32 gradient differs by " + Math.sqrt(diff) + " of " + Math.sqrt(norm));
        }
    }

    @Test
    void sameSeedsGiveBitIdenticalLossAndGradients() {
        RunSpec spec = Fixtures.small("alpha.granularity=neuron", "network.connectivity.p_ee=0.7");
        Batch batch = Fixtures.batch(spec, 4, 42);
        for (Precision precision : Precision.values()) {
            RateRnn a = Fixtures.network(spec, precision, 41);
            RateRnn b = Fixtures.network(spec, precision, 41);
            LossParts la = a.lossAndGradient(batch, new SplittableRandom(43));
            LossParts lb = b.lossAndGradient(batch, new SplittableRandom(43));
            assertEquals(la, lb);
            for (int p = 0; p < a.parameters().size(); p++) {
                Parameter pa = a.parameters().get(p);
                Parameter pb = b.parameters().get(p);
                for (int i = 0; i < pa.size(); i++) {
                    assertEquals(Double.doubleToRawLongBits(pa.value(i)), Double.doubleToRawLongBits(pb.value(i)));
                    assertEquals(Double.doubleToRawLongBits(pa.grad(i)), Double.doubleToRawLongBits(pb.grad(i)),
                            pa.name() + "[" + i + "]");
                }
            }
            // the same network, asked again, gives the same bits too (buffers reused, not stale)
            assertEquals(la, a.lossAndGradient(batch, new SplittableRandom(43)));
        }
    }

    @Test
    void differentSeedsGiveDifferentNetworksAndNoise() {
        RunSpec spec = Fixtures.small();
        Batch batch = Fixtures.batch(spec, 4, 52);
        double base = Fixtures.network(spec, Precision.FLOAT64, 51).evaluate(batch, new SplittableRandom(53), null).total();
        double otherInit = Fixtures.network(spec, Precision.FLOAT64, 54).evaluate(batch, new SplittableRandom(53), null).total();
        double otherNoise = Fixtures.network(spec, Precision.FLOAT64, 51).evaluate(batch, new SplittableRandom(55), null).total();
        assertNotEquals(base, otherInit);
        assertNotEquals(base, otherNoise);
    }

    @Test
    void noiselessNetworkDrawsNoNoise() {
        RunSpec spec = Fixtures.small("network.sigma_rec=0");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 61);
        Batch batch = Fixtures.batch(spec, 3, 62);
        SplittableRandom noise = new SplittableRandom(63);
        net.evaluate(batch, noise, null);
        assertEquals(new SplittableRandom(63).nextLong(), noise.nextLong());
    }

    @Test
    void float32GradientDescentLowersTheLossOnAFixedBatch() {
        RunSpec spec = Fixtures.small("network.units=24", "alpha.param=clip", "alpha.granularity=neuron",
                "loss.rate_l2=0.01");
        RateRnn net = Fixtures.network(spec, Precision.FLOAT32, 91);
        Batch batch = Fixtures.batch(spec, 8, 92);
        double first = net.evaluate(batch, new SplittableRandom(93), null).total();
        for (int step = 0; step < 200; step++) {
            net.lossAndGradient(batch, new SplittableRandom(93));
            for (Parameter p : net.parameters()) {
                for (int i = 0; i < p.size(); i++) {
                    p.setValue(i, p.value(i) - 0.05 * p.grad(i));
                }
            }
            net.project();
        }
        net.checkInvariants();
        double last = net.evaluate(batch, new SplittableRandom(93), null).total();
        assertTrue(last < 0.5 * first, "loss went from " + first + " to " + last);
    }

    @Test
    void gradientsDoNotDependOnEarlierLargerBatches() {
        RunSpec spec = Fixtures.small("loss.kind=cross_entropy", "task.catch_prob=0.3");
        RunSpec longer = Fixtures.small("loss.kind=cross_entropy", "task.stimulus_ms=200");
        RateRnn used = Fixtures.network(spec, Precision.FLOAT32, 81);
        RateRnn fresh = Fixtures.network(spec, Precision.FLOAT32, 81);
        used.lossAndGradient(Fixtures.batch(longer, 7, 82), new SplittableRandom(83));
        Batch batch = Fixtures.batch(spec, 3, 84);
        assertEquals(fresh.lossAndGradient(batch, new SplittableRandom(85)),
                used.lossAndGradient(batch, new SplittableRandom(85)));
        for (int p = 0; p < fresh.parameters().size(); p++) {
            Parameter a = fresh.parameters().get(p);
            Parameter b = used.parameters().get(p);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.grad(i), b.grad(i), 0.0, a.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void productsAloneLeaveTheNextPassAndTheGradientsAsTheyWere() {
        RunSpec spec = Fixtures.small("loss.rate_l2=0.01");
        RateRnn plain = Fixtures.network(spec, Precision.FLOAT32, 61);
        RateRnn timed = Fixtures.network(spec, Precision.FLOAT32, 61);
        Batch batch = Fixtures.batch(spec, 5, 62);
        LossParts first = plain.lossAndGradient(batch, new SplittableRandom(63));
        assertEquals(first, timed.lossAndGradient(batch, new SplittableRandom(63)));
        timed.productsOnly(batch.steps() + 3, batch.size() + 2);
        timed.productsOnly(batch.steps(), batch.size());
        for (int p = 0; p < plain.parameters().size(); p++) {
            Parameter a = plain.parameters().get(p);
            Parameter b = timed.parameters().get(p);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.grad(i), b.grad(i), 0.0, a.name() + "[" + i + "]");
            }
        }
        Batch next = Fixtures.batch(spec, 5, 64);
        assertEquals(plain.lossAndGradient(next, new SplittableRandom(65)),
                timed.lossAndGradient(next, new SplittableRandom(65)));
    }

    @Test
    void batchesOfOtherShapesReuseTheNetwork() {
        RunSpec spec = Fixtures.small();
        RateRnn net = Fixtures.network(spec, Precision.FLOAT64, 71);
        Batch small = Fixtures.batch(spec, 2, 72);
        LossParts first = net.evaluate(small, new SplittableRandom(73), null);
        net.lossAndGradient(Fixtures.batch(spec, 9, 74), new SplittableRandom(75));
        assertEquals(first, net.evaluate(small, new SplittableRandom(73), null));
        assertThrows(IllegalArgumentException.class, () -> net.evaluate(small, new SplittableRandom(1), new float[3]));
    }
}
