package org.dalesweep.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.linalg.Blas;
import org.dalesweep.linalg.NativeArray;
import org.dalesweep.linalg.VectorGemm;
import org.dalesweep.spec.AlphaParam;
import org.dalesweep.spec.AlphaSpec;
import org.dalesweep.spec.DaleMap;
import org.dalesweep.spec.Granularity;
import org.dalesweep.spec.InputSign;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.Phi;
import org.dalesweep.spec.ReadoutFrom;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.task.Batch;

/**
 * The alpha-mixed E/I rate network of DESIGN §1 with its losses (§2) and exact gradients by
 * back-propagation through time: the passes and the chain rule to the parameters, with the
 * pressure on alpha (§4.2), live here; the initialisation (§1.3) in {@link Initialiser}, the
 * losses in {@link Losses}.
 *
 * <pre>
 *   v_0 = 0,  r_t = phi(v_t)
 *   v_{t+1} = v_t + g (-v_t + W_rec r_t + W_in' u_t + b_rec) + g n xi_t     (g, n: {@link UnitDynamics})
 *   z_t = W_out' r_{t+1} + b_out,                        t = 0 .. T-1
 *   W_rec = A * W_dale + (1 - A) * W_free,  W_dale = M * (f(R) diag(d)),  W_free = M * F
 * </pre>
 *
 * <p>The first {@code round(e_fraction N)} units are excitatory; column j of a recurrent matrix
 * holds presynaptic unit j's outgoing weights. A is alpha (one value, or one per column).
 *
 * <p>Parameters live in float64 on the heap; each pass copies the effective weights and biases
 * into native buffers of the network's {@link Precision} ({@link Workspace}) and runs on them with
 * BLAS: each forward step is one product (recurrence, input, biases and the readout of the step
 * before together) plus one element-wise pass (noise, Euler update, phi: {@link EulerSteps});
 * each backward step is one product (recurrence and readout together) plus one element-wise
 * pass; the gradients of W_rec, W_in', W_out' and both biases are one product over all steps.
 * BPTT stores the rates only (phi' is recovered from phi). Products and element-wise passes run
 * in the network's precision; losses, the chain rule to the parameters and the parameters
 * themselves in float64. Not thread-safe: one network belongs to one run.
 */
public final class RateRnn {

    private final Precision precision;
    private final Products products;
    private final int units;
    private final int excitatory;
    private final int inputCount;
    private final int outputCount;
    private final Phi phi;
    private final DaleMap daleMap;
    /** The map of non-negative inputs ({@link Maps#inputMap}). */
    private final DaleMap inputMap;
    private final InputSign inputSign;
    private final Losses losses;
    private final boolean alphaSigmoid;
    private final boolean alphaTrainable;
    private final boolean alphaPerNeuron;

    /** The per-unit drive gain of a step (1 - e^{-k} or k) and noise gain: {@link UnitDynamics}. */
    private final double[] k;
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
    /**
     * During the chain rule: dL/dW_rec of the dynamics (task and rate cost), the weight cost's
     * dL/dW_rec, and the separate weight cost's dL/dW_dale and dL/dW_free.
     */
    private final double[] gradRec;
    private final double[] gradRecCost;
    private final double[] gradDaleCost;
    private final double[] gradFreeCost;

    private final Workspace ws;
    private final EulerSteps euler;
    /** dL/dalpha per alpha entry, in alpha's units: the rate cost's part, and the whole. */
    private final double[] alphaGradRate;
    private final double[] alphaGradTotal;
    /** dL/dz of the last pass, kept aside while the rate cost's part is propagated alone. */
    private double[] outputGradients = new double[0];
    private AlphaPressure pressure = AlphaPressure.NONE;

    private RateRnn(RunSpec spec, int inputCount, int outputCount, Precision precision, Products products) {
        NetworkSpec net = spec.network();
        AlphaSpec alphaSpec = spec.alpha();
        if (inputCount < 1 || outputCount < 1) {
            throw new IllegalArgumentException("a network needs >= 1 input and >= 1 output, got "
                    + inputCount + " inputs and " + outputCount + " outputs");
        }
        this.precision = precision;
        this.products = products.effective(precision, net.units());
        if (this.products == Products.VECTOR) {
            VectorGemm.warmUp();
        }
        this.units = net.units();
        this.excitatory = net.excitatory();
        this.inputCount = inputCount;
        this.outputCount = outputCount;
        this.phi = net.phi();
        this.daleMap = net.daleMap();
        this.inputMap = Maps.inputMap(daleMap);
        this.inputSign = net.inputSign();
        this.alphaTrainable = alphaSpec.trainable();
        this.alphaSigmoid = alphaTrainable && alphaSpec.param() == AlphaParam.SIGMOID;
        this.alphaPerNeuron = alphaSpec.granularity() == Granularity.NEURON;

        int n = units;
        UnitDynamics dynamics = UnitDynamics.of(net);
        k = dynamics.gain();
        noiseGain = dynamics.noise();
        sign = new double[n];
        for (int i = 0; i < n; i++) {
            sign[i] = i < excitatory ? 1 : -1;
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
        gradRec = new double[n * n];
        gradRecCost = new double[n * n];
        gradDaleCost = new double[n * n];
        gradFreeCost = new double[n * n];
        ws = new Workspace(precision == Precision.FLOAT64, n, inputCount, outputCount, this.products);
        alphaGradRate = new double[alphaPerNeuron ? n : 1];
        alphaGradTotal = new double[alphaPerNeuron ? n : 1];
        euler = EulerSteps.of(precision, k, noiseGain, phi, noisy);
        losses = new Losses(spec.loss(), n, outputCount, ws, wRec, wDale, wFreeMasked, sign);
    }

    /**
     * A freshly initialised network for {@code spec}. Every random choice (mask, W_dale, F, W_in,
     * W_out, in that order) comes from {@code initRng}: the same RNG state gives the same bits.
     */
    public static RateRnn create(RunSpec spec, int inputCount, int outputCount, Precision precision,
                                 RandomGenerator initRng) {
        return create(spec, inputCount, outputCount, precision, Products.BLAS, initRng);
    }

    /**
     * As {@link #create(RunSpec, int, int, Precision, RandomGenerator)}, with the products run by
     * {@code products} where this JVM and precision allow it ({@link Products#effective}): the same
     * initial network, the same draws.
     */
    public static RateRnn create(RunSpec spec, int inputCount, int outputCount, Precision precision,
                                 Products products, RandomGenerator initRng) {
        RateRnn net = new RateRnn(spec, inputCount, outputCount, precision, products);
        net.initialise(spec, initRng);
        return net;
    }

    // ------------------------------------------------------------------ initialisation

    /** DESIGN §1.3, in its order of draws: mask, W_dale magnitudes, F, W_in, W_out; alpha draws nothing. */
    private void initialise(RunSpec spec, RandomGenerator rng) {
        Initialiser init = new Initialiser(spec.network(), rng);
        init.mask(mask);
        init.recurrent(mask, spec.alpha().init(), wDaleRaw.value, wFree.value);
        init.input(wIn.value, inputCount);
        init.readout(readout, wOut.value, outputCount);
        Initialiser.alpha(alphaParam.value, spec.alpha().init(), alphaSigmoid);
    }

    // ------------------------------------------------------------------ API

    /** The trainable tensors, in a fixed order ({@code alpha_param} only when alpha is trainable). */
    public List<Parameter> parameters() {
        return trainable;
    }

    public Precision precision() {
        return precision;
    }

    /** Which code runs the matrix products: what was asked for, where this JVM and precision allow it. */
    public Products products() {
        return products;
    }

    public int units() {
        return units;
    }

    /**
     * Bytes of the native buffers that grow with steps x trials: one batch's inputs, drive, rates
     * and outputs for every step, which BPTT needs and which are reused from batch to batch.
     */
    public long trajectoryBytes() {
        return ws.trajectoryBytes();
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

    /**
     * The pressure on alpha measured by the last {@link #lossAndGradient} pass, frozen alpha
     * included: the gradient exists even when alpha is not trained.
     */
    public AlphaPressure pressure() {
        return pressure;
    }

    /**
     * Moves alpha entry {@code index} by {@code delta} in alpha's own units (through the sigmoid's
     * theta where alpha is a trained sigmoid), for finite-difference checks of the pressure.
     */
    void shiftAlpha(int index, double delta) {
        double a = alphaValue(index) + delta;
        alphaParam.value[index] = alphaSigmoid ? Maps.logit(a) : a;
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
        return Spectra.rows(wRec, units);
    }

    /** W_dale = M * (f(R) diag(d)) as rows. */
    public double[][] daleRecurrent() {
        refreshWeights();
        return Spectra.rows(wDale, units);
    }

    /** W_free = M * F as rows. */
    public double[][] freeRecurrent() {
        refreshWeights();
        return Spectra.rows(wFreeMasked, units);
    }

    /**
     * The wrong-sign mass {@code Σ_ij max(0, −s_j W[i,j])} under the network's E/I split of the
     * effective W_rec ({@code free = false}) or of W_free = M * F ({@code free = true}): what
     * {@code loss.mixed_cost} charges for, per unit of cost (DESIGN §2).
     */
    public double wrongSignMass(boolean free) {
        refreshWeights();
        return Losses.wrongSignMass(free ? wFreeMasked : wRec, sign);
    }

    /** Connectivity mask M as rows (1 where a connection exists). */
    public double[][] connectivity() {
        return Spectra.rows(mask, units);
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

    /** W_in' (the non-negative map applied under {@code input_sign: nonneg}) as rows (row i = unit i). */
    public double[][] effectiveInput() {
        double[][] out = new double[units][inputCount];
        for (int c = 0; c < inputCount; c++) {
            for (int i = 0; i < units; i++) {
                double raw = wIn.value[c * units + i];
                out[i][c] = inputSign == InputSign.NONNEG ? Maps.positive(inputMap, raw) : raw;
            }
        }
        return out;
    }

    /** b_rec (index i = unit i) and b_out (index c = output c). */
    public double[][] biases() {
        return new double[][] {bRec.value.clone(), bOut.value.clone()};
    }

    /** alpha of each presynaptic column (the network's one alpha repeated at network granularity). */
    public double[] alphaPerColumn() {
        refreshWeights();
        return alphaOfColumn.clone();
    }

    /**
     * The rates of the last forward pass, time-major like {@link Batch}:
     * {@code rates[(t*B + b)*N + i]} = r_{t+1} of unit i in trial b, the rate step t produced and
     * output z_t reads.
     */
    public float[] lastRates(int steps, int size) {
        int n = units;
        int rl = ws.rateRows;
        float[] out = new float[steps * size * n];
        for (int c = 0; c < steps * size; c++) {
            ws.rates.read((c + size) * rl, out, c * n, n);
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
                boolean ok = !daleMap.constrainsSign() || (j < excitatory ? w >= 0 : w <= 0);
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
     * recurrent noise comes from {@code noise}: one {@code nextLong()} seeds a
     * {@link NormalSampler} that draws the T x B x N standard normals (in step, trial, unit
     * order); nothing is drawn when sigma_rec = 0.
     */
    public LossParts lossAndGradient(Batch batch, RandomGenerator noise) {
        forward(batch, noise);
        LossParts parts = losses.of(batch, true);
        backward(batch);
        return parts;
    }

    /**
     * Forward pass only: the loss, and the outputs into {@code outputs[(t*B + b)*n_out + k]}
     * (time-major like {@link Batch}) unless it is null.
     */
    public LossParts evaluate(Batch batch, RandomGenerator noise, float[] outputs) {
        forward(batch, noise);
        LossParts parts = losses.of(batch, false);
        if (outputs != null) {
            int count = requireOutputLength(batch, outputs.length);
            for (int e = 0; e < count; e++) {
                outputs[e] = (float) ws.z[e];
            }
        }
        return parts;
    }

    /** As {@link #evaluate(Batch, RandomGenerator, float[])}, with the outputs at full width. */
    public LossParts evaluateWithDoubleOutputs(Batch batch, RandomGenerator noise, double[] outputs) {
        forward(batch, noise);
        LossParts parts = losses.of(batch, false);
        int count = requireOutputLength(batch, outputs.length);
        for (int e = 0; e < count; e++) {
            outputs[e] = ws.z[e];
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
        int n = units;
        int ld = ws.stacked;
        double[] w = ws.weightsStaging;
        for (int j = 0; j < n; j++) {
            System.arraycopy(wRec, j * n, w, j * ld, n);
            for (int c = 0; c < outputCount; c++) {
                w[j * ld + n + c] = wOut.value[j * outputCount + c] * readout[j];
            }
        }
        // W_in' in columns N.. of rows 0..N-1 (rows N.. of those columns stay zero)
        for (int c = 0; c < inputCount; c++) {
            for (int i = 0; i < n; i++) {
                double raw = wIn.value[c * n + i];
                w[(n + c) * ld + i] = inputSign == InputSign.NONNEG ? Maps.positive(inputMap, raw) : raw;
            }
        }
        // b_rec and b_out in the last column, which meets the row of ones under the rates
        System.arraycopy(bRec.value, 0, w, ws.biases, n);
        System.arraycopy(bOut.value, 0, w, ws.biases + n, outputCount);
        ws.weights.write(0, w, 0, w.length);
    }

    private void forward(Batch batch, RandomGenerator noise) {
        if (batch.inputCount() != inputCount || batch.outputCount() != outputCount) {
            throw new IllegalArgumentException("batch has " + batch.inputCount() + " inputs and "
                    + batch.outputCount() + " outputs, the network " + inputCount + " and " + outputCount);
        }
        if (batch.steps() < 1 || batch.size() < 1) {
            throw new IllegalArgumentException("a batch needs >= 1 step and >= 1 trial, got "
                    + batch.steps() + " steps of " + batch.size() + " trials");
        }
        int n = units;
        int ld = ws.stacked;
        int steps = batch.steps();
        int size = batch.size();
        int cols = steps * size;
        ws.ensure(steps, size);
        loadWeights();
        NativeArray x = ws.drive;
        NativeArray r = ws.rates;
        int rl = ws.rateRows;
        int nIn = inputCount;

        // u_t and a one under r_t in every column (zeros and a one under r_T), r_0 = phi(0)
        float[] u = batch.inputs();
        for (int c = 0; c < cols + size; c++) {
            for (int j = 0; j < nIn; j++) {
                r.set(c * rl + n + j, c < cols ? u[c * nIn + j] : 0);
            }
            r.set(c * rl + n + nIn, 1);
        }
        double phi0 = Maps.phi(phi, 0);
        for (int bi = 0; bi < size; bi++) {
            r.fill(bi * rl, n, phi0);
        }
        euler.reset(size);
        if (noisy) {
            euler.normals.reseed(noise);
        }
        for (int t = 0; t < steps; t++) {
            int xOff = t * size * ld;
            forwardProduct(t, size);
            euler.forward(x, xOff, ld, r, (t + 1) * size * rl, rl, size);
        }
        lastReadoutProduct(steps, size);

        // z_t (rows N.. of drive block t + 1) into the outputs, time-major
        x.readColumns(size * ld + n, ld, outputCount, cols, ws.z, 0);
    }

    private void backward(Batch batch) {
        int steps = batch.steps();
        int size = batch.size();
        double rateCoef = losses.rateCoefficient(steps, size);
        Arrays.fill(alphaGradRate, 0);
        if (products == Products.VECTOR) {
            loadTransposedWeights();
        }
        if (rateCoef > 0) {
            // BPTT is linear in its seeds: the rate cost's share of dL/dalpha is the pass with dL/dz at zero
            swapOutputGradients(steps, size, true);
            propagate(steps, size, rateCoef);
            weightGradientProduct(steps, size);
            readRecurrentGradient();
            alphaColumnSums(gradRec, alphaGradRate);
            swapOutputGradients(steps, size, false);
        }
        propagate(steps, size, rateCoef);
        weightGradientProduct(steps, size);
        chainToParameters();
    }

    /**
     * With {@code out}, copies dL/dz (rows N.. of drive blocks 1..T) aside and zeroes it; without,
     * writes it back.
     */
    private void swapOutputGradients(int steps, int size, boolean out) {
        int ld = ws.stacked;
        int count = steps * size * outputCount;
        if (outputGradients.length < count) {
            outputGradients = new double[count];
        }
        for (int c = 0; c < steps * size; c++) {
            int at = (c + size) * ld + units;
            if (out) {
                ws.drive.read(at, outputGradients, c * outputCount, outputCount);
                ws.drive.fill(at, outputCount, 0);
            } else {
                ws.drive.write(at, outputGradients, c * outputCount, outputCount);
            }
        }
    }

    /** The BPTT recursion from the seeds in the drive buffer: dL/dh_t into rows 0..N-1 of every block. */
    private void propagate(int steps, int size, double rateCoef) {
        int n = units;
        int ld = ws.stacked;
        NativeArray x = ws.drive;
        NativeArray r = ws.rates;
        euler.reset(size);
        // there is no dL/dh_T: zero rows 0..N-1 of block T, which holds dL/dz_{T-1} below them
        for (int bi = 0; bi < size; bi++) {
            x.fill((steps * size + bi) * ld, n, 0);
        }
        for (int t = steps; t >= 1; t--) {
            backwardProduct(t, size);
            euler.backward(r, t * size * ws.rateRows, ws.rateRows, ws.gradRate, ws.gradRows, x, (t - 1) * size * ld,
                    ld, rateCoef, size);
        }
    }

    /**
     * Step t's product: [W_rec W_in' b_rec; W_out' 0 b_out] [r_t; u_t; 1], whose rows 0..N-1 are
     * h_t and rows N.. the readout of r_t (z_{t-1}), into drive block t.
     */
    private void forwardProduct(int t, int size) {
        int ld = ws.stacked;
        int rl = ws.rateRows;
        if (products == Products.VECTOR) {
            VectorGemm.gemm(false, ld, size, rl, ws.weights, 0, ld, ws.rates, t * size * rl, rl, ws.drive,
                    t * size * ld, ld);
            return;
        }
        Blas.gemm(false, false, ld, size, rl, 1, ws.weights, 0, ld, ws.rates, t * size * rl, rl, 0, ws.drive,
                t * size * ld, ld);
    }

    /**
     * The readout of r_T, which no step multiplies, into rows N.. of drive block T (the vector
     * products fill rows 0..N-1 too, with h_T, which no one reads and BPTT overwrites).
     */
    private void lastReadoutProduct(int steps, int size) {
        if (products == Products.VECTOR) {
            forwardProduct(steps, size);
            return;
        }
        int rl = ws.rateRows;
        Blas.gemm(false, false, outputCount, size, rl, 1, ws.weights, units, ws.stacked, ws.rates, steps * size * rl,
                rl, 0, ws.drive, steps * size * ws.stacked + units, ws.stacked);
    }

    /** dL/dr_t = W_rec^T dL/dh_t + W_out'^T dL/dz_{t-1}: one product with the stacked weights. */
    private void backwardProduct(int t, int size) {
        int ld = ws.stacked;
        if (products == Products.VECTOR) {
            int g = ws.gradRows;
            VectorGemm.gemm(false, g, size, units + outputCount, ws.weightsTransposed, 0, g, ws.drive, t * size * ld, ld,
                    ws.gradRate, 0, g);
            return;
        }
        Blas.gemm(true, false, units, size, ld, 1, ws.weights, 0, ld, ws.drive, t * size * ld, ld, 0, ws.gradRate,
                0, units);
    }

    /**
     * [W_rec; W_out']^T (the first N columns of the stacked weights, transposed) into the vector
     * products' backward operand, rows N.. of it zero: laid out once per backward pass, read at
     * every step.
     */
    private void loadTransposedWeights() {
        int n = units;
        int ld = ws.stacked;
        int g = ws.gradRows;
        double[] w = ws.weightsStaging;
        double[] wt = ws.transposedStaging;
        for (int p = 0; p < n + outputCount; p++) {
            for (int i = 0; i < n; i++) {
                wt[p * g + i] = w[i * ld + p];
            }
        }
        ws.weightsTransposed.write(0, wt, 0, wt.length);
    }

    /** Over every step at once: [dL/dW_rec dL/dW_in' dL/db_rec; dL/dW_out' - dL/db_out] = drive [r; u; 1]^T. */
    private void weightGradientProduct(int steps, int size) {
        int ld = ws.stacked;
        int rl = ws.rateRows;
        if (products == Products.VECTOR) {
            VectorGemm.gemm(true, ld, rl, (steps + 1) * size, ws.drive, 0, ld, ws.rates, 0, rl, ws.gradWeights, 0, ld);
            return;
        }
        Blas.gemm(false, true, ld, rl, (steps + 1) * size, 1, ws.drive, 0, ld, ws.rates, 0, rl, 0, ws.gradWeights, 0,
                ld);
    }

    /**
     * Runs the matrix products of one {@link #lossAndGradient} pass over a batch of this shape and
     * nothing else: no element-wise work, losses or chain rule. For benchmarks: the time a pass
     * cannot go below with this BLAS. Works on whatever the buffers hold and leaves them
     * scrambled; the next pass overwrites them, and the parameters and their gradients are untouched.
     */
    public void productsOnly(int steps, int size) {
        ws.ensure(steps, size);
        if (products == Products.VECTOR) {
            loadTransposedWeights();
        }
        for (int t = 0; t < steps; t++) {
            forwardProduct(t, size);
        }
        lastReadoutProduct(steps, size);
        for (int t = steps; t >= 1; t--) {
            backwardProduct(t, size);
        }
        weightGradientProduct(steps, size);
    }

    /** The W_rec block of the weight-gradient product into {@link #gradRec}; the whole product into the staging array. */
    private void readRecurrentGradient() {
        int n = units;
        int ld = ws.stacked;
        double[] gw = ws.gradStaging;
        ws.gradWeights.read(0, gw, 0, gw.length);
        for (int j = 0; j < n; j++) {
            System.arraycopy(gw, j * ld, gradRec, j * n, n);
        }
    }

    /** dL/dalpha per alpha entry from dL/dW_rec: sum_i g_ij (W_dale - W_free)_ij over each column j. */
    private void alphaColumnSums(double[] gRec, double[] into) {
        int n = units;
        Arrays.fill(into, 0);
        for (int j = 0; j < n; j++) {
            double column = 0;
            for (int i = j * n; i < (j + 1) * n; i++) {
                column += gRec[i] * (wDale[i] - wFreeMasked[i]);
            }
            into[alphaPerNeuron ? j : 0] += column;
        }
    }

    /** From dL/d(effective weights) to dL/d(parameters), weight cost included, and the pressure on alpha. */
    private void chainToParameters() {
        int n = units;
        int ld = ws.stacked;
        readRecurrentGradient();
        double[] gw = ws.gradStaging;
        double[] gRec = gradRec;
        double[] gCost = gradRecCost;
        double[] gDale = gradDaleCost;
        double[] gFree = gradFreeCost;
        Arrays.fill(gCost, 0);
        Arrays.fill(gDale, 0);
        Arrays.fill(gFree, 0);
        losses.weightCost(gCost, gDale, gFree);

        // dynamics' part (task + rate cost) first, then the weight cost's, so the parts stay apart
        double[] gAlpha = alphaParam.grad;
        alphaColumnSums(gRec, alphaGradTotal);
        double[] costPart = gAlpha;
        alphaColumnSums(gCost, costPart);
        double task = 0;
        double reg = 0;
        for (int j = 0; j < gAlpha.length; j++) {
            task += alphaGradTotal[j] - alphaGradRate[j];
            reg += alphaGradRate[j] + costPart[j];
            alphaGradTotal[j] += costPart[j];
        }
        pressure = pressureOf(task, reg);
        for (int idx = 0; idx < gRec.length; idx++) {
            gRec[idx] += gCost[idx];
        }
        for (int j = 0; j < n; j++) {
            double aj = alphaOfColumn[j];
            for (int i = 0; i < n; i++) {
                int idx = j * n + i;
                double m = mask[idx];
                double g = gRec[idx];
                wDaleRaw.grad[idx] = m == 0 ? 0
                        : (aj * g + gDale[idx]) * sign[j] * Maps.positivePrime(daleMap, wDaleRaw.value[idx]);
                wFree.grad[idx] = m == 0 ? 0 : (1 - aj) * g + gFree[idx];
            }
        }
        for (int j = 0; j < gAlpha.length; j++) {
            double dAlpha = alphaGradTotal[j];
            if (alphaSigmoid) {
                double s = alphaValue(j);
                dAlpha *= s * (1 - s);
            }
            gAlpha[j] = dAlpha;
        }

        for (int idx = 0; idx < wIn.grad.length; idx++) {
            double g = gw[(n + idx / n) * ld + idx % n];
            wIn.grad[idx] = inputSign == InputSign.NONNEG ? g * Maps.positivePrime(inputMap, wIn.value[idx]) : g;
        }
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < outputCount; c++) {
                wOut.grad[j * outputCount + c] = gw[j * ld + n + c] * readout[j];
            }
        }
        System.arraycopy(gw, ws.biases, bRec.grad, 0, n);
        System.arraycopy(gw, ws.biases + n, bOut.grad, 0, outputCount);
    }

    /** The pressure (minus the gradient) from dL/dalpha's task and regulariser parts, with the E and I means per column. */
    private AlphaPressure pressureOf(double task, double reg) {
        if (!alphaPerNeuron) {
            return new AlphaPressure(-(task + reg), -task, -reg, Double.NaN, Double.NaN);
        }
        double e = 0;
        double i = 0;
        for (int j = 0; j < units; j++) {
            if (j < excitatory) {
                e += alphaGradTotal[j];
            } else {
                i += alphaGradTotal[j];
            }
        }
        int inhibitory = units - excitatory;
        return new AlphaPressure(-(task + reg), -task, -reg, -e / excitatory,
                inhibitory > 0 ? -i / inhibitory : Double.NaN);
    }
}
