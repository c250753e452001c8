package org.dalesweep.model;

import java.util.Arrays;
import org.dalesweep.linalg.NativeArray;
import org.dalesweep.spec.Phi;

/**
 * The element-wise half of a time step, in the network's {@link Precision}: going forward the
 * leaky update (Euler or exact, by its coefficients) and phi, going back the BPTT recursion for dL/dv. The products (recurrence,
 * inputs, biases, readout) are done when these run; this is what remains between two products.
 *
 * <pre>
 *   forward:  v += k (h + gain xi - v),  r_{t+1} = phi(v)        h = W_rec r_t + W_in' u_t + b_rec
 *   backward: a = (1 - k) a + phi'(v_t) (dL/dr_t + rate cost),  dL/dh_{t-1} = k a
 * </pre>
 *
 * <p>Work goes trial by trial: one trial's column of N values is copied out of native memory,
 * updated, and copied back. Every array in a loop then has the same index, so the JIT
 * vectorises the loops, and no N x B tiles of the per-unit constants are needed. Float32 keeps
 * its state and columns in float32, as the products are: the copies are bulk copies, and a
 * vector holds twice as many values (0.31 against 0.77 ns per value for float64 work on float32
 * data, in a microbenchmark of a forward step). Float64, for gradient checks, works in float64
 * throughout. Not thread-safe: one instance belongs to one network.
 */
abstract sealed class EulerSteps permits EulerSteps.Float32, EulerSteps.Float64 {

    final int units;
    final Phi phi;
    final boolean noisy;
    /** The sampler of the recurrent noise, reseeded from the caller's stream at every pass. */
    final NormalSampler normals = new NormalSampler();
    private EulerSteps(int units, Phi phi, boolean noisy) {
        this.units = units;
        this.phi = phi;
        this.noisy = noisy;
    }

    /**
     * The steps of a network of this precision, with the per-unit drive gain k and noise gain of
     * {@link UnitDynamics} (k is dt / tau under Euler, 1 - e^{-dt/tau} under the exact integrator).
     */
    static EulerSteps of(Precision precision, double[] k, double[] noiseGain, Phi phi, boolean noisy) {
        return precision == Precision.FLOAT64 ? new Float64(k, noiseGain, phi, noisy)
                : new Float32(k, noiseGain, phi, noisy);
    }

    /** The state v (or dL/dv, during a backward pass) of one trial's unit, for tests. */
    abstract double state(int trial, int unit);

    /** Zero state (v, or dL/dv) for the first {@code size} trials, growing the state to hold them. */
    abstract void reset(int size);

    /**
     * One Euler step of {@code size} trials: drive columns at {@code xOff} (leading dimension
     * {@code ld}) in, rates r_{t+1} out at {@code next} (leading dimension {@code rl}).
     */
    abstract void forward(NativeArray x, int xOff, int ld, NativeArray r, int next, int rl, int size);

    /**
     * One BPTT step of {@code size} trials: rates r_t at {@code rOff} and dL/dr_t (N x B, leading
     * dimension {@code gl}) in, dL/dh_{t-1} out into the drive columns at {@code prevOff}.
     */
    abstract void backward(NativeArray r, int rOff, int rl, NativeArray gradRate, int gl, NativeArray x, int prevOff,
                           int ld, double rateCoef, int size);

    /**
     * phi'(v) of a ReLU from its rate, without a branch: 1 where the rate is positive, else 0.
     * Rates are +0 or at least the smallest subnormal, 2^-1074, which 2^1074 (two factors of
     * 2^537) lifts to at least 1, so the minimum with 1 is exactly 0 or 1. Half the units of a
     * noisy network flip from step to step, and a data-dependent branch here was mispredicted
     * about half the time; unlike a bit mask, a multiply and a minimum vectorise (0.30 vs 0.81 ns
     * per element in a microbenchmark).
     */
    static double reluGate(double rate) {
        return Math.min(rate * 0x1.0p537 * 0x1.0p537, 1.0);
    }

    /** {@link #reluGate(double)} in float32: the smallest subnormal is 2^-149, lifted by 2^75 2^74. */
    static float reluGate(float rate) {
        return Math.min(rate * 0x1.0p75f * 0x1.0p74f, 1.0f);
    }

    /** float32 state and columns. */
    static final class Float32 extends EulerSteps {
        private final float[] k;
        private final float[] keep;
        private final float[] gain;
        private final float[] columnIn;
        private final float[] columnOut;
        /** B x N: the standard normals of one step, trial after trial (step, trial, unit order); grows with the batch. */
        private float[] xi;
        private float[][] state = new float[0][];

        private Float32(double[] k, double[] noiseGain, Phi phi, boolean noisy) {
            super(k.length, phi, noisy);
            int n = k.length;
            this.k = new float[n];
            this.keep = new float[n];
            this.gain = new float[n];
            for (int i = 0; i < n; i++) {
                this.k[i] = (float) k[i];
                this.keep[i] = (float) (1 - k[i]);
                this.gain[i] = (float) noiseGain[i];
            }
            columnIn = new float[n];
            columnOut = new float[n];
            xi = new float[n];
        }

        @Override
        double state(int trial, int unit) {
            return state[trial][unit];
        }

        @Override
        void reset(int size) {
            if (state.length < size) {
                state = new float[size][units];
            }
            for (int bi = 0; bi < size; bi++) {
                Arrays.fill(state[bi], 0);
            }
        }

        @Override
        void forward(NativeArray x, int xOff, int ld, NativeArray r, int next, int rl, int size) {
            int n = units;
            float[] h = columnIn;
            float[] out = columnOut;
            float[] kk = k;
            float[] g = gain;
            if (noisy) {
                // the step's normals in one draw (trial after trial, as the stream would give them one trial at a time):
                // a fill of N = 64 values costs the sampler's setup as much as its work
                if (xi.length < size * n) {
                    xi = new float[size * n];
                }
                normals.fill(xi, 0, size * n);
            }
            for (int bi = 0; bi < size; bi++) {
                float[] v = state[bi];
                x.read(xOff + bi * ld, h, 0, n);
                if (noisy) {
                    float[] z = xi;
                    int o = bi * n;
                    for (int i = 0; i < n; i++) {
                        v[i] += kk[i] * (h[i] + g[i] * z[o + i] - v[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] += kk[i] * (h[i] - v[i]);
                    }
                }
                switch (phi) {
                    case RELU -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = Math.max(v[i], 0f);
                        }
                    }
                    case TANH -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = (float) Maps.tanh(v[i]);
                        }
                    }
                    case SOFTPLUS -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = (float) Maps.softplus(v[i]);
                        }
                    }
                }
                r.write(next + bi * rl, out, 0, n);
            }
        }

        @Override
        void backward(NativeArray r, int rOff, int rl, NativeArray gradRate, int gl, NativeArray x, int prevOff,
                      int ld, double rateCoef, int size) {
            int n = units;
            float[] rt = columnIn;
            float[] g = columnOut;
            float[] kk = k;
            float[] kp = keep;
            float coef = (float) rateCoef;
            for (int bi = 0; bi < size; bi++) {
                float[] a = state[bi];
                r.read(rOff + bi * rl, rt, 0, n);
                gradRate.read(bi * gl, g, 0, n);
                if (phi == Phi.RELU) {
                    for (int i = 0; i < n; i++) {
                        float at = kp[i] * a[i] + reluGate(rt[i]) * (g[i] + coef * rt[i]);
                        a[i] = at;
                        g[i] = kk[i] * at;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        float rate = rt[i];
                        float at = kp[i] * a[i] + (float) Maps.phiPrimeOfRate(phi, rate) * (g[i] + coef * rate);
                        a[i] = at;
                        g[i] = kk[i] * at;
                    }
                }
                x.write(prevOff + bi * ld, g, 0, n);
            }
        }
    }

    /** float64 state and columns (gradient checks). */
    static final class Float64 extends EulerSteps {
        private final double[] k;
        private final double[] keep;
        private final double[] gain;
        private final double[] columnIn;
        private final double[] columnOut;
        /** N: the standard normals of one trial's step, as {@link Float32}'s, widened. */
        private final double[] noise;
        private double[][] state = new double[0][];

        private Float64(double[] k, double[] noiseGain, Phi phi, boolean noisy) {
            super(k.length, phi, noisy);
            int n = k.length;
            this.k = k.clone();
            this.keep = new double[n];
            for (int i = 0; i < n; i++) {
                keep[i] = 1 - k[i];
            }
            this.gain = noiseGain.clone();
            columnIn = new double[n];
            columnOut = new double[n];
            noise = new double[n];
        }

        @Override
        double state(int trial, int unit) {
            return state[trial][unit];
        }

        @Override
        void reset(int size) {
            if (state.length < size) {
                state = new double[size][units];
            }
            for (int bi = 0; bi < size; bi++) {
                Arrays.fill(state[bi], 0);
            }
        }

        @Override
        void forward(NativeArray x, int xOff, int ld, NativeArray r, int next, int rl, int size) {
            int n = units;
            double[] h = columnIn;
            double[] out = columnOut;
            double[] z = noise;
            double[] kk = k;
            double[] g = gain;
            for (int bi = 0; bi < size; bi++) {
                double[] v = state[bi];
                x.read(xOff + bi * ld, h, 0, n);
                if (noisy) {
                    normals.fill(z, 0, n);
                    for (int i = 0; i < n; i++) {
                        v[i] += kk[i] * (h[i] + g[i] * z[i] - v[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] += kk[i] * (h[i] - v[i]);
                    }
                }
                for (int i = 0; i < n; i++) {
                    out[i] = Maps.phi(phi, v[i]);
                }
                r.write(next + bi * rl, out, 0, n);
            }
        }

        @Override
        void backward(NativeArray r, int rOff, int rl, NativeArray gradRate, int gl, NativeArray x, int prevOff,
                      int ld, double rateCoef, int size) {
            int n = units;
            double[] rt = columnIn;
            double[] g = columnOut;
            double[] kk = k;
            double[] kp = keep;
            for (int bi = 0; bi < size; bi++) {
                double[] a = state[bi];
                r.read(rOff + bi * rl, rt, 0, n);
                gradRate.read(bi * gl, g, 0, n);
                boolean relu = phi == Phi.RELU;
                for (int i = 0; i < n; i++) {
                    double rate = rt[i];
                    double gate = relu ? reluGate(rate) : Maps.phiPrimeOfRate(phi, rate);
                    double at = kp[i] * a[i] + gate * (g[i] + rateCoef * rate);
                    a[i] = at;
                    g[i] = kk[i] * at;
                }
                x.write(prevOff + bi * ld, g, 0, n);
            }
        }
    }
}
