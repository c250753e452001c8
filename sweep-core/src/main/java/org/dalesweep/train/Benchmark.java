package org.dalesweep.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dalesweep.model.Products;
import org.dalesweep.model.RateRnn;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.Batch;
import org.dalesweep.task.Task;

/**
 * Times training steps of a run spec after warm-up: the same step the trainer takes (noise,
 * forward, BPTT, clipping, Adam), trials generated outside the timed region, as the PyTorch
 * reference in shared/bench does.
 */
public final class Benchmark {

    /**
     * Timing of one configuration: median and quartiles of wall ms per iteration, throughput, the
     * median ms of the iteration's matrix products alone ({@link RateRnn#productsOnly}: the floor
     * this BLAS sets), and the bytes of the per-step buffers the network held for BPTT
     * ({@link RateRnn#trajectoryBytes()}).
     */
    public record Timing(int units, int batch, int steps, int inputs, int outputs, double medianMs, double p25Ms,
                         double p75Ms, double trialsPerSecond, double gflops, double flopsPerIteration,
                         double productsMs, long trajectoryBytes) {
    }

    /** Repetitions of the products alone, after the timed iterations. */
    private static final int PRODUCT_REPEATS = 15;

    private Benchmark() {
    }

    /** Runs {@code warmup} untimed and {@code iterations} timed steps of the spec's network and task. */
    public static Timing measure(RunSpec spec, int warmup, int iterations) throws SpecException {
        TimingRig rig = TimingRig.of(spec);
        Task task = rig.task();
        RngStreams rng = rig.rng();
        RateRnn net = rig.net();
        TrainingStep step = rig.step();
        int b = spec.training().batchSize();
        double[] ms = new double[iterations];
        for (int i = 0; i < warmup + iterations; i++) {
            Batch batch = task.sample(b, rng.trainTrials());
            long t0 = System.nanoTime();
            step.run(batch, rng.trainNoise());
            long t1 = System.nanoTime();
            if (i >= warmup) {
                ms[i - warmup] = (t1 - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        double median = quantile(ms, 0.5);
        int n = spec.network().units();
        int t = task.steps();
        double flops = flopsPerIteration(n, b, t, task.inputCount(), task.outputCount());
        return new Timing(n, b, t, task.inputCount(), task.outputCount(), median, quantile(ms, 0.25),
                quantile(ms, 0.75), b / (median / 1e3), flops / (median / 1e3) / 1e9, flops, productsMs(rig, b),
                net.trajectoryBytes());
    }

    /**
     * Timing of K runs of one shape stepped together: the median wall ms per run-iteration, and
     * the median ms of one run's matrix products alone ({@link RateRnn#productsOnly}, with the
     * products the ensemble uses), so that what the products take and what the rest of the step
     * takes (noise, element-wise passes, losses, optimiser) can be told apart.
     */
    public record EnsembleTiming(double msPerRun, double productsMs) {
    }

    /**
     * Median wall ms per run-iteration of {@code k} runs of the spec's shape (seeds {@code seed},
     * {@code seed + 1}, ...) stepped in turn, each its own iteration, as {@link Trainer#trainTogether}
     * steps an ensemble: the K runs' trials are generated first, outside the timed region, then the
     * K steps are timed together and the time divided by K. {@code k = 1} is the solo step
     * (OpenBLAS's products); {@code k >= 2} multiplies as {@code run --ensemble K} does
     * ({@link Products#VECTOR}). Then the first run's products alone are timed.
     */
    public static EnsembleTiming ensembleMsPerRun(RunSpec spec, int k, int warmup, int iterations) throws SpecException {
        List<TimingRig> rigs = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            rigs.add(TimingRig.of(spec.withSeed(spec.seed() + i), k >= 2 ? Products.VECTOR : Products.BLAS));
        }
        int b = spec.training().batchSize();
        Batch[] batches = new Batch[k];
        double[] ms = new double[iterations];
        for (int it = 0; it < warmup + iterations; it++) {
            for (int i = 0; i < k; i++) {
                batches[i] = rigs.get(i).task().sample(b, rigs.get(i).rng().trainTrials());
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < k; i++) {
                TimingRig rig = rigs.get(i);
                rig.step().run(batches[i], rig.rng().trainNoise());
            }
            long t1 = System.nanoTime();
            if (it >= warmup) {
                ms[it - warmup] = (t1 - t0) / 1e6 / k;
            }
        }
        Arrays.sort(ms);
        return new EnsembleTiming(quantile(ms, 0.5), productsMs(rigs.get(0), b));
    }

    /** Median ms of the rig's iteration's products alone, over {@link #PRODUCT_REPEATS} repeats. */
    private static double productsMs(TimingRig rig, int b) {
        int steps = rig.task().steps();
        double[] products = new double[PRODUCT_REPEATS];
        for (int i = 0; i < products.length; i++) {
            long t0 = System.nanoTime();
            rig.net().productsOnly(steps, b);
            products[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(products);
        return quantile(products, 0.5);
    }

    /**
     * Floating-point operations of one training iteration, counted as the reference counts them:
     * recurrent product forward plus two backward products per step, input projection forward and
     * weight gradient, readout forward and two backward products.
     */
    public static double flopsPerIteration(int units, int batch, int steps, int inputs, int outputs) {
        double recurrent = 3.0 * 2.0 * units * (double) units * batch * steps;
        double input = 2.0 * (2.0 * batch * steps * units * inputs);
        double readout = 3.0 * (2.0 * batch * steps * units * outputs);
        return recurrent + input + readout;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
