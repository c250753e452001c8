package org.dalesweep.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.linalg.Blas;
import org.dalesweep.linalg.NativeArray;
import org.dalesweep.spec.AlphaParam;
import org.dalesweep.spec.AlphaSpec;
import org.dalesweep.spec.ConnectivitySpec;
import org.dalesweep.spec.DaleMap;
import org.dalesweep.spec.FreeInit;
import org.dalesweep.spec.Granularity;
import org.dalesweep.spec.InputSign;
import org.dalesweep.spec.LossKind;
import org.dalesweep.spec.LossSpec;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.Phi;
import org.dalesweep.spec.ReadoutFrom;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.WeightL2On;
import org.dalesweep.task.Batch;

/**
 * The alpha-mixed E/I rate network of DESIGN §1 with its losses (§2) and exact gradients by
 * back-propagation through time.
 *
 * <pre>
 *   v_0 = 0,  r_t = phi(v_t)
 *   v_{t+1} = v_t + k (-v_t + W_rec r_t + W_in' u_t + b_rec) + sqrt(2k) sigma_rec xi_t,   k = dt/tau
 *   z_t = W_out' r_{t+1} + b_out,                        t = 0 .. T-1
 *   W_rec = A * W_dale + (1 - A) * W_free,  W_dale = M * (f(R) diag(d)),  W_free = M * F
 * </pre>
 *
 * <p>The first {@code round(e_fraction N)} units are excitatory; column j of a recurrent matrix
 * holds presynaptic unit j's outgoing weights. A is alpha (one value, or one per column).
 *
 * <p>Parameters live in float64 on the heap; each pass copies the effective weights into native
 * buffers of the network's {@link Precision} and runs on them with BLAS: the input drive of all
 * steps is one product (bias and noise folded in), each step one product plus one fused loop,
 * the readout one product, each backward step one product plus one fused loop, and the weight
 * gradients one product each over all steps. Only the rates are stored for BPTT (phi' is
 * recovered from phi). Not thread-safe: one network belongs to one run.
 */
public final class RateRnn {

    private final Precision precision;
    private final int units;
    private final int excitatory;
    private final int inputCount;
    private final int outputCount;
    private final Phi phi;
    private final DaleMap daleMap;
    private final InputSign inputSign;
    private final LossSpec loss;
    private final boolean alphaSigmoid;
    private final boolean alphaTrainable;
    private final boolean alphaPerNeuron;

    /** k_i = dt / tau_i. */
    private final double[] k;
    /** sigma_rec sqrt(2 / k_i): the noise of step t enters the drive as this times xi, then times k. */
    private final double[] noiseGain;
    private final boolean noisy;
    /** d_j: +1 excitatory, -1 inhibitory. */
    private final double[] sign;
    /** Connectivity M, N x N column-major, 1 or 0. */
    private final double[] mask;
    /** 1 for units the readout sees, 0 otherwise. */
    private final double[] readout;

    private final Tensor wIn;
    private final Tensor bRec;
    private final Tensor wDaleRaw;
    private final Tensor wFree;
    private final Tensor alphaParam;
    private final Tensor wOut;
    private final Tensor bOut;
    private final List<Parameter> trainable;

    /** Derived weights, refreshed from the parameters at every pass (column-major, heap). */
    private final double[] alphaOfColumn;
    private final double[] wDale;
    private final double[] wFreeMasked;
    private final double[] wRec;

    private final Workspace ws;

    private RateRnn(RunSpec spec, int inputCount, int outputCount, Precision precision) {
        NetworkSpec net = spec.network();
        AlphaSpec alphaSpec = spec.alpha();
        if (inputCount < 1 || outputCount < 1) {
            throw new IllegalArgumentException("a network needs >= 1 input and >= 1 output, got "
                    + inputCount + " inputs and " + outputCount + " outputs");
        }
        this.precision = precision;
        this.units = net.units();
        this.excitatory = net.excitatory();
        this.inputCount = inputCount;
        this.outputCount = outputCount;
        this.phi = net.phi();
        this.daleMap = net.daleMap();
        this.inputSign = net.inputSign();
        this.loss = spec.loss();
        this.alphaTrainable = alphaSpec.trainable();
        this.alphaSigmoid = alphaTrainable && alphaSpec.param() == AlphaParam.SIGMOID;
        this.alphaPerNeuron = alphaSpec.granularity() == Granularity.NEURON;

        int n = units;
        k = new double[n];
        noiseGain = new double[n];
        sign = new double[n];
        for (int i = 0; i < n; i++) {
            boolean exc = i < excitatory;
            k[i] = net.dtMs() / (exc ? net.tauEMs() : net.tauIMs());
            noiseGain[i] = net.sigmaRec() * Math.sqrt(2 / k[i]);
            sign[i] = exc ? 1 : -1;
        }
        noisy = net.sigmaRec() > 0;
        mask = new double[n * n];
        readout = new double[n];
        for (int j = 0; j < n; j++) {
            readout[j] = net.readoutFrom() == ReadoutFrom.ALL || j < excitatory ? 1 : 0;
        }

        wIn = new Tensor("w_in", n, inputCount);
        bRec = new Tensor("b_rec", n, 1);
        wDaleRaw = new Tensor("w_dale_raw", n, n);
        wFree = new Tensor("w_free", n, n);
        alphaParam = new Tensor("alpha_param", 1, alphaPerNeuron ? n : 1);
        wOut = new Tensor("w_out", outputCount, n);
        bOut = new Tensor("b_out", outputCount, 1);
        List<Parameter> list = new ArrayList<>(List.of(wIn, bRec, wDaleRaw, wFree));
        if (alphaTrainable) {
            list.add(alphaParam);
        }
        list.add(wOut);
        list.add(bOut);
        trainable = List.copyOf(list);

        alphaOfColumn = new double[n];
        wDale = new double[n * n];
        wFreeMasked = new double[n * n];
        wRec = new double[n * n];
        ws = new Workspace(precision == Precision.FLOAT64, n, inputCount, outputCount);
    }

    /**
     * A freshly initialised network for {@code spec}. Every random choice (mask, W_dale, F, W_in,
     * W_out, in that order) comes from {@code initRng}: the same RNG state gives the same bits.
     */
    public static RateRnn create(RunSpec spec, int inputCount, int outputCount, Precision precision,
                                 RandomGenerator initRng) {
        RateRnn net = new RateRnn(spec, inputCount, outputCount, precision);
        net.initialise(spec, initRng);
        return net;
    }

    // ------------------------------------------------------------------ initialisation

    private void initialise(RunSpec spec, RandomGenerator rng) {
        NetworkSpec net = spec.network();
        int n = units;
        ConnectivitySpec conn = net.connectivity();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double p = probability(conn, i, j);
                boolean present = p >= 1 || (p > 0 && rng.nextDouble() < p);
                mask[j * n + i] = present && (i != j || conn.autapses()) ? 1 : 0;
            }
        }

        // W_dale magnitudes, balanced per postsynaptic type, masked, scaled to rho0.
        double[] iScale = {balance(conn, true), balance(conn, false)};
        double[] magnitude = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int idx = j * n + i;
                if (mask[idx] == 0) {
                    continue;
                }
                double m = switch (net.daleInit()) {
                    case GAMMA_BALANCED -> rng.nextExponential() + rng.nextExponential();
                    case GAUSSIAN_BALANCED -> Math.abs(rng.nextGaussian());
                    case COLEI -> rng.nextExponential();
                };
                magnitude[idx] = j < excitatory ? m : m * iScale[i < excitatory ? 0 : 1];
            }
        }
        double[] signed = new double[n * n];
        for (int idx = 0; idx < n * n; idx++) {
            signed[idx] = magnitude[idx] * sign[idx / n];
        }
        double daleScale = scaleTo(signed, net.rho0());
        for (int idx = 0; idx < n * n; idx++) {
            magnitude[idx] *= daleScale;
            signed[idx] *= daleScale;
            wDaleRaw.value[idx] = magnitude[idx] > 0 ? Maps.positiveInverse(daleMap, magnitude[idx]) : 0;
        }

        if (net.freeInit() == FreeInit.COPY) {
            System.arraycopy(signed, 0, wFree.value, 0, n * n);
        } else {
            for (int idx = 0; idx < n * n; idx++) {
                wFree.value[idx] = mask[idx] == 0 ? 0 : rng.nextGaussian();
            }
            double freeScale = scaleTo(wFree.value, net.rho0());
            for (int idx = 0; idx < n * n; idx++) {
                wFree.value[idx] *= freeScale;
            }
        }

        double inGain = 1 / Math.sqrt(inputCount);
        for (int idx = 0; idx < wIn.value.length; idx++) {
            double g = rng.nextGaussian() * inGain;
            wIn.value[idx] = inputSign == InputSign.NONNEG ? Maps.positiveInverse(daleMap, Math.abs(g)) : g;
        }
        int seen = 0;
        for (double r : readout) {
            seen += (int) r;
        }
        double outGain = 1 / Math.sqrt(seen);
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < outputCount; c++) {
                wOut.value[j * outputCount + c] = readout[j] == 0 ? 0 : rng.nextGaussian() * outGain;
            }
        }

        double a0 = spec.alpha().init();
        Arrays.fill(alphaParam.value, alphaSigmoid ? Math.log(a0 / (1 - a0)) : a0);
    }

    /** Connection probability from presynaptic j to postsynaptic i. */
    private double probability(ConnectivitySpec c, int i, int j) {
        boolean postE = i < excitatory;
        boolean preE = j < excitatory;
        if (postE) {
            return preE ? c.pEE() : c.pEI();
        }
        return preE ? c.pIE() : c.pII();
    }

    /**
     * Factor on inhibitory magnitudes into a postsynaptic unit of the given type so that its
     * expected E input equals its expected I input: (expected E partners) / (expected I partners),
     * counting the missing autapse. 1 when either count is zero (nothing to balance).
     */
    private double balance(ConnectivitySpec c, boolean postExcitatory) {
        int inhibitory = units - excitatory;
        boolean noAutapse = !c.autapses();
        double ePartners = (excitatory - (postExcitatory && noAutapse ? 1 : 0)) * (postExcitatory ? c.pEE() : c.pIE());
        double iPartners = (inhibitory - (!postExcitatory && noAutapse ? 1 : 0)) * (postExcitatory ? c.pEI() : c.pII());
        return ePartners > 0 && iPartners > 0 ? ePartners / iPartners : 1;
    }

    /** Factor that brings the spectral radius of column-major {@code w} to {@code rho0} (1 if it is 0). */
    private double scaleTo(double[] w, double rho0) {
        double rho = Spectra.spectralRadius(rows(w));
        return rho > 0 ? rho0 / rho : 1;
    }

    // ------------------------------------------------------------------ API

    /** The trainable tensors, in a fixed order ({@code alpha_param} only when alpha is trainable). */
    public List<Parameter> parameters() {
        return trainable;
    }

    public Precision precision() {
        return precision;
    }

    public int units() {
        return units;
    }

    /** Number of excitatory units, n_E (units 0 .. n_E-1). */
    public int excitatory() {
        return excitatory;
    }

    /** Current alpha: one value at network granularity, one per presynaptic unit at neuron granularity. */
    public double[] alpha() {
        double[] a = new double[alphaParam.value.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = alphaValue(j);
        }
        return a;
    }

    private double alphaValue(int index) {
        double p = alphaParam.value[index];
        return alphaSigmoid ? Maps.sigmoid(p) : p;
    }

    /** Keeps the constraints after an optimiser step: alpha in [0, 1], masked entries at zero. */
    public void project() {
        if (!alphaSigmoid) {
            for (int j = 0; j < alphaParam.value.length; j++) {
                alphaParam.value[j] = Math.min(1, Math.max(0, alphaParam.value[j]));
            }
        }
        for (int idx = 0; idx < mask.length; idx++) {
            if (mask[idx] == 0) {
                wDaleRaw.value[idx] = 0;
                wFree.value[idx] = 0;
            }
        }
        for (int j = 0; j < units; j++) {
            if (readout[j] == 0) {
                Arrays.fill(wOut.value, j * outputCount, (j + 1) * outputCount, 0);
            }
        }
    }

    /** Effective W_rec as rows (row i = postsynaptic unit i). */
    public double[][] effectiveRecurrent() {
        refreshWeights();
        return rows(wRec);
    }

    /** W_dale = M * (f(R) diag(d)) as rows. */
    public double[][] daleRecurrent() {
        refreshWeights();
        return rows(wDale);
    }

    /** W_free = M * F as rows. */
    public double[][] freeRecurrent() {
        refreshWeights();
        return rows(wFreeMasked);
    }

    /** Connectivity mask M as rows (1 where a connection exists). */
    public double[][] connectivity() {
        return rows(mask);
    }

    /** W_out' (readout mask applied) as rows (row c = output c). */
    public double[][] effectiveReadout() {
        double[][] out = new double[outputCount][units];
        for (int c = 0; c < outputCount; c++) {
            for (int j = 0; j < units; j++) {
                out[c][j] = wOut.value[j * outputCount + c] * readout[j];
            }
        }
        return out;
    }

    /**
     * Throws {@link IllegalStateException} naming the first broken invariant: W_dale columns of
     * the wrong sign, alpha outside [0, 1], a connection outside the mask, a readout from a unit
     * it must not see.
     */
    public void checkInvariants() {
        refreshWeights();
        int n = units;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double w = wDale[j * n + i];
                boolean ok = j < excitatory ? w >= 0 : w <= 0;
                if (!ok) {
                    throw new IllegalStateException("W_dale[" + i + "][" + j + "] = " + w + " has the wrong sign for "
                            + (j < excitatory ? "excitatory" : "inhibitory") + " presynaptic unit " + j);
                }
                if (mask[j * n + i] == 0 && wRec[j * n + i] != 0) {
                    throw new IllegalStateException("W_rec[" + i + "][" + j + "] = " + wRec[j * n + i]
                            + " where the connectivity mask has no connection");
                }
            }
        }
        double[] a = alpha();
        for (int j = 0; j < a.length; j++) {
            if (!(a[j] >= 0 && a[j] <= 1)) {
                throw new IllegalStateException("alpha[" + j + "] = " + a[j] + " is outside [0, 1]");
            }
        }
        double[][] out = effectiveReadout();
        for (int c = 0; c < outputCount; c++) {
            for (int j = 0; j < n; j++) {
                if (readout[j] == 0 && out[c][j] != 0) {
                    throw new IllegalStateException("W_out'[" + c + "][" + j + "] = " + out[c][j]
                            + " reads inhibitory unit " + j + " with readout_from excitatory");
                }
            }
        }
    }

    /**
     * Loss of {@code batch} and the gradient of every parameter (zeroed, then filled). The
     * recurrent noise is drawn from {@code noise}: T x B x N standard normals, none when
     * sigma_rec = 0.
     */
    public LossParts lossAndGradient(Batch batch, RandomGenerator noise) {
        forward(batch, noise);
        LossParts parts = losses(batch, true);
        backward(batch);
        return parts;
    }

    /**
     * Forward pass only: the loss, and the outputs into {@code outputs[(t*B + b)*n_out + k]}
     * (time-major like {@link Batch}) unless it is null.
     */
    public LossParts evaluate(Batch batch, RandomGenerator noise, float[] outputs) {
        forward(batch, noise);
        LossParts parts = losses(batch, false);
        if (outputs != null) {
            int count = requireOutputLength(batch, outputs.length);
            for (int e = 0; e < count; e++) {
                outputs[e] = (float) ws.z.get(e);
            }
        }
        return parts;
    }

    /** As {@link #evaluate(Batch, RandomGenerator, float[])}, with the outputs at full width. */
    public LossParts evaluateWithDoubleOutputs(Batch batch, RandomGenerator noise, double[] outputs) {
        forward(batch, noise);
        LossParts parts = losses(batch, false);
        int count = requireOutputLength(batch, outputs.length);
        for (int e = 0; e < count; e++) {
            outputs[e] = ws.z.get(e);
        }
        return parts;
    }

    private int requireOutputLength(Batch batch, int length) {
        int count = batch.steps() * batch.size() * outputCount;
        if (length != count) {
            throw new IllegalArgumentException("outputs has " + length + " values, expected " + count);
        }
        return count;
    }

    // ------------------------------------------------------------------ passes

    /** Recomputes alpha per column, W_dale, W_free and W_rec from the parameters. */
    private void refreshWeights() {
        int n = units;
        for (int j = 0; j < n; j++) {
            alphaOfColumn[j] = alphaValue(alphaPerNeuron ? j : 0);
        }
        for (int j = 0; j < n; j++) {
            double a = alphaOfColumn[j];
            for (int i = 0; i < n; i++) {
                int idx = j * n + i;
                double m = mask[idx];
                double dale = m == 0 ? 0 : Maps.positive(daleMap, wDaleRaw.value[idx]) * sign[j];
                double free = m == 0 ? 0 : wFree.value[idx];
                wDale[idx] = dale;
                wFreeMasked[idx] = free;
                wRec[idx] = a * dale + (1 - a) * free;
            }
        }
    }

    private void loadWeights() {
        refreshWeights();
        ws.wRec.copyFrom(wRec, wRec.length);
        for (int idx = 0; idx < wIn.value.length; idx++) {
            double raw = wIn.value[idx];
            ws.wIn.set(idx, inputSign == InputSign.NONNEG ? Maps.positive(daleMap, raw) : raw);
        }
        for (int j = 0; j < units; j++) {
            for (int c = 0; c < outputCount; c++) {
                int idx = j * outputCount + c;
                ws.wOut.set(idx, wOut.value[idx] * readout[j]);
            }
        }
    }

    private void forward(Batch batch, RandomGenerator noise) {
        if (batch.inputCount() != inputCount || batch.outputCount() != outputCount) {
            throw new IllegalArgumentException("batch has " + batch.inputCount() + " inputs and "
                    + batch.outputCount() + " outputs, the network " + inputCount + " and " + outputCount);
        }
        int n = units;
        int steps = batch.steps();
        int size = batch.size();
        int cols = steps * size;
        int block = n * size;
        ws.ensure(steps, size);
        loadWeights();
        NativeArray x = ws.drive;
        NativeArray r = ws.rates;
        double[] v = ws.state;
        double[] xi = ws.noise;

        // Input drive of every step in one product; bias and noise join in the step loop.
        ws.u.copyFrom(batch.inputs(), inputCount * cols);
        Blas.gemm(false, false, n, cols, inputCount, 1, ws.wIn, 0, n, ws.u, 0, inputCount, 0, x, 0, n);
        double[] bias = bRec.value;

        double r0 = Maps.phi(phi, 0);
        r.fill(0, block, r0);
        Arrays.fill(v, 0, block, 0);
        for (int t = 0; t < steps; t++) {
            int off = t * block;
            Blas.gemm(false, false, n, size, n, 1, ws.wRec, 0, n, r, off, n, 1, x, off, n);
            if (noisy) {
                fillGaussian(noise, xi, block);
            }
            stepForward(x, off, r, off + block, v, xi, bias, size);
        }

        Blas.gemm(false, false, outputCount, cols, n, 1, ws.wOut, 0, outputCount, r, block, n, 0, ws.z, 0, outputCount);
        double[] bo = bOut.value;
        for (int c = 0, e = 0; c < cols; c++) {
            for (int o = 0; o < outputCount; o++, e++) {
                ws.z.set(e, ws.z.get(e) + bo[o]);
            }
        }
    }

    /** Standard normals into {@code xi[0, count)}; its own method so that the sampler inlines into the loop. */
    private static void fillGaussian(RandomGenerator rng, double[] xi, int count) {
        for (int e = 0; e < count; e++) {
            xi[e] = rng.nextGaussian();
        }
    }

    /**
     * One Euler step for a block of trials: v += k (h - v) with h = (drive block, W_rec r_t already
     * added) + b_rec + noise / k, and r_{t+1} = phi(v) into the rates at {@code next}.
     */
    private void stepForward(NativeArray x, int off, NativeArray r, int next, double[] v, double[] xi,
                             double[] bias, int size) {
        int n = units;
        boolean withNoise = noisy;
        for (int bi = 0, e = 0; bi < size; bi++) {
            for (int i = 0; i < n; i++, e++) {
                double h = x.get(off + e) + bias[i] + (withNoise ? noiseGain[i] * xi[e] : 0);
                double vt = v[e];
                double vn = vt + k[i] * (h - vt);
                v[e] = vn;
                r.set(next + e, Maps.phi(phi, vn));
            }
        }
    }

    /**
     * One BPTT step for a block of trials: with a = dL/dv_{t+1} and {@code gr} block holding
     * dL/dr_t from the readout plus W_rec^T dL/dh_t, a becomes dL/dv_t and dL/dh_{t-1} = k a is
     * written into the drive buffer at {@code prev}.
     */
    private void stepBackward(NativeArray r, int rOff, NativeArray gr, int grOff, double[] a, boolean first,
                              NativeArray x, int prev, double rateCoef, int size) {
        int n = units;
        for (int bi = 0, e = 0; bi < size; bi++) {
            for (int i = 0; i < n; i++, e++) {
                double rt = r.get(rOff + e);
                double carried = first ? 0 : (1 - k[i]) * a[e];
                double at = carried + Maps.phiPrimeOfRate(phi, rt) * (gr.get(grOff + e) + rateCoef * rt);
                a[e] = at;
                x.set(prev + e, k[i] * at);
            }
        }
    }

    /** The loss of the last forward pass; with {@code gradient}, dL/dz into {@code ws.gradZ}. */
    private LossParts losses(Batch batch, boolean gradient) {
        int steps = batch.steps();
        int size = batch.size();
        int cols = steps * size;
        double task = loss.kind() == LossKind.MSE ? mse(batch, gradient) : crossEntropy(batch, gradient);

        double rate = 0;
        if (loss.rateL2() > 0) {
            NativeArray r = ws.rates;
            int from = units * size;
            int count = units * cols;
            double sum = 0;
            for (int e = from; e < from + count; e++) {
                double x = r.get(e);
                sum += x * x;
            }
            rate = loss.rateL2() * sum / count;
        }
        double weight = weightCost(null, null, null);
        return new LossParts(task + rate + weight, task, rate, weight);
    }

    private double mse(Batch batch, boolean gradient) {
        int count = batch.steps() * batch.size() * outputCount;
        float[] y = batch.targets();
        float[] m = batch.mask();
        double weight = 0;
        double sum = 0;
        for (int e = 0; e < count; e++) {
            double d = ws.z.get(e) - y[e];
            sum += m[e] * d * d;
            weight += m[e];
        }
        if (gradient) {
            double scale = weight > 0 ? 2 / weight : 0;
            for (int e = 0; e < count; e++) {
                ws.gradZ.set(e, scale * m[e] * (ws.z.get(e) - y[e]));
            }
        }
        return weight > 0 ? sum / weight : 0;
    }

    private double crossEntropy(Batch batch, boolean gradient) {
        int size = batch.size();
        int cols = batch.steps() * size;
        float[] m = batch.mask();
        int[] labels = batch.labels();
        double[] p = new double[outputCount];
        double weight = 0;
        double sum = 0;
        if (gradient) {
            ws.gradZ.fill(0, cols * outputCount, 0);
        }
        for (int c = 0; c < cols; c++) {
            int base = c * outputCount;
            int label = labels[c % size];
            double w = m[base];
            if (!(w > 0) || label < 0) {
                continue;
            }
            if (label >= outputCount) {
                throw new IllegalArgumentException("label " + label + " of trial " + (c % size)
                        + " is not one of the " + outputCount + " outputs");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < outputCount; o++) {
                max = Math.max(max, ws.z.get(base + o));
            }
            double total = 0;
            for (int o = 0; o < outputCount; o++) {
                p[o] = Math.exp(ws.z.get(base + o) - max);
                total += p[o];
            }
            sum += w * (Math.log(total) + max - ws.z.get(base + label));
            weight += w;
            if (gradient) {
                for (int o = 0; o < outputCount; o++) {
                    ws.gradZ.set(base + o, w * (p[o] / total - (o == label ? 1 : 0)));
                }
            }
        }
        if (gradient) {
            double scale = weight > 0 ? 1 / weight : 0;
            for (int e = 0; e < cols * outputCount; e++) {
                ws.gradZ.set(e, ws.gradZ.get(e) * scale);
            }
        }
        return weight > 0 ? sum / weight : 0;
    }

    /**
     * The weight cost from the current derived weights; when the arrays are given, adds its
     * gradient with respect to W_rec, W_dale and W_free into them.
     */
    private double weightCost(double[] gradRec, double[] gradDale, double[] gradFree) {
        double entries = (double) units * units;
        double cost = 0;
        if (loss.weightL2() > 0) {
            double c2 = loss.weightL2() / entries;
            if (loss.weightL2On() == WeightL2On.EFFECTIVE) {
                for (int idx = 0; idx < wRec.length; idx++) {
                    cost += c2 * wRec[idx] * wRec[idx];
                    if (gradRec != null) {
                        gradRec[idx] += 2 * c2 * wRec[idx];
                    }
                }
            } else {
                for (int idx = 0; idx < wRec.length; idx++) {
                    cost += c2 * (wDale[idx] * wDale[idx] + wFreeMasked[idx] * wFreeMasked[idx]);
                    if (gradDale != null) {
                        gradDale[idx] += 2 * c2 * wDale[idx];
                        gradFree[idx] += 2 * c2 * wFreeMasked[idx];
                    }
                }
            }
        }
        if (loss.weightL1() > 0) {
            double c1 = loss.weightL1() / entries;
            for (int idx = 0; idx < wRec.length; idx++) {
                cost += c1 * Math.abs(wRec[idx]);
                if (gradRec != null) {
                    gradRec[idx] += c1 * Math.signum(wRec[idx]);
                }
            }
        }
        return cost;
    }

    private void backward(Batch batch) {
        int n = units;
        int steps = batch.steps();
        int size = batch.size();
        int cols = steps * size;
        int block = n * size;
        NativeArray x = ws.drive;
        NativeArray r = ws.rates;
        double[] a = ws.state;
        NativeArray gr = ws.gradRates;
        double rateCoef = loss.rateL2() > 0 ? 2 * loss.rateL2() / ((double) n * cols) : 0;

        // dL/dr_{t+1} from the readout for every step at once, and dL/dW_out'.
        Blas.gemm(true, false, n, cols, outputCount, 1, ws.wOut, 0, outputCount, ws.gradZ, 0, outputCount,
                0, gr, 0, n);
        Blas.gemm(false, true, outputCount, n, cols, 1, ws.gradZ, 0, outputCount, r, block, n,
                0, ws.gradWOut, 0, outputCount);

        // a = dL/dv_T, and dL/dh_{T-1} = k a into the drive buffer's last block.
        int last = (steps - 1) * block;
        stepBackward(r, last + block, gr, last, a, true, x, last, rateCoef, size);
        for (int t = steps - 1; t >= 1; t--) {
            int off = t * block;
            int prev = off - block;
            // gr block t-1 (dL/dr_t from the readout) += W_rec^T dL/dh_t
            Blas.gemm(true, false, n, size, n, 1, ws.wRec, 0, n, x, off, n, 1, gr, prev, n);
            stepBackward(r, off, gr, prev, a, false, x, prev, rateCoef, size);
        }

        // Weight gradients over all steps: the drive buffer now holds dL/dh_t for t = 0 .. T-1.
        Blas.gemm(false, true, n, n, cols, 1, x, 0, n, r, 0, n, 0, ws.gradWRec, 0, n);
        Blas.gemm(false, true, n, inputCount, cols, 1, x, 0, n, ws.u, 0, inputCount, 0, ws.gradWIn, 0, n);
        Blas.gemm(false, false, n, 1, cols, 1, x, 0, n, ws.ones, 0, cols, 0, ws.gradBRec, 0, n);
        Blas.gemm(false, false, outputCount, 1, cols, 1, ws.gradZ, 0, outputCount, ws.ones, 0, cols,
                0, ws.gradBOut, 0, outputCount);

        chainToParameters();
    }

    /** From dL/d(effective weights) to dL/d(parameters), weight cost included. */
    private void chainToParameters() {
        int n = units;
        double[] gRec = new double[n * n];
        for (int idx = 0; idx < gRec.length; idx++) {
            gRec[idx] = ws.gradWRec.get(idx);
        }
        double[] gDale = new double[n * n];
        double[] gFree = new double[n * n];
        weightCost(gRec, gDale, gFree);

        double[] gAlpha = alphaParam.grad;
        Arrays.fill(gAlpha, 0);
        for (int j = 0; j < n; j++) {
            double aj = alphaOfColumn[j];
            double column = 0;
            for (int i = 0; i < n; i++) {
                int idx = j * n + i;
                double m = mask[idx];
                double g = gRec[idx];
                wDaleRaw.grad[idx] = m == 0 ? 0
                        : (aj * g + gDale[idx]) * sign[j] * Maps.positivePrime(daleMap, wDaleRaw.value[idx]);
                wFree.grad[idx] = m == 0 ? 0 : (1 - aj) * g + gFree[idx];
                column += g * (wDale[idx] - wFreeMasked[idx]);
            }
            gAlpha[alphaPerNeuron ? j : 0] += column;
        }
        if (alphaSigmoid) {
            for (int j = 0; j < gAlpha.length; j++) {
                double s = alphaValue(j);
                gAlpha[j] *= s * (1 - s);
            }
        }

        for (int idx = 0; idx < wIn.grad.length; idx++) {
            double g = ws.gradWIn.get(idx);
            wIn.grad[idx] = inputSign == InputSign.NONNEG ? g * Maps.positivePrime(daleMap, wIn.value[idx]) : g;
        }
        for (int i = 0; i < n; i++) {
            bRec.grad[i] = ws.gradBRec.get(i);
        }
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < outputCount; c++) {
                int idx = j * outputCount + c;
                wOut.grad[idx] = ws.gradWOut.get(idx) * readout[j];
            }
        }
        for (int c = 0; c < outputCount; c++) {
            bOut.grad[c] = ws.gradBOut.get(c);
        }
    }

    /** Column-major n x n to rows. */
    private double[][] rows(double[] colMajor) {
        int n = units;
        double[][] out = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                out[i][j] = colMajor[j * n + i];
            }
        }
        return out;
    }
}
