package org.dalesweep.task;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dalesweep.model.Spectra;
import org.dalesweep.spec.Integrator;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.Phi;

/**
 * The fixed random rate network behind the {@code teacher} task, in plain Java doubles. It steps as
 * the student does (same tau_E, tau_I, dt, phi and integrator, {@code v_0 = 0}, no recurrent noise,
 * no biases), and its readout at step t sees the rates after the step, as the student's does:
 *
 * <pre>
 *   r_t = phi(v_t)
 *   exact: v_{t+1} = e^{-k} v_t + (1 − e^{-k}) (W r_t + W_in u_t)      euler: v_{t+1} = v_t + k (−v_t + W r_t + W_in u_t)
 *   z_t = W_out r_{t+1} + b_out
 * </pre>
 *
 * <p>W: magnitudes Gamma(2, 1) off the diagonal (no autapses), those of the last
 * {@code round((1 − e_fraction)·N)} (inhibitory) columns multiplied by n_E/n_I so that excitation and
 * inhibition cancel in expectation (pycog's balanced init). {@code round(daleness·N)} columns are
 * single-signed with the E/I split (+ for an excitatory, − for an inhibitory unit), chosen in
 * proportion from the E and the I units; every other column takes an independent random sign per
 * entry (and at least one of each). Magnitudes, the random signs and the order in which columns
 * become single-signed are drawn in that fixed order whatever the daleness, so two teachers of one
 * seed differ only in the signs of the columns one of them makes single-signed (and by one global
 * factor): the whole matrix is scaled to spectral radius {@code rho}. W_in is N(0, 1/inputs), W_out
 * N(0, 1/N) before {@link #calibrated}. Immutable.
 */
final class TeacherNetwork {

    private final Phi phi;
    private final int excitatory;
    private final double[] decay;
    private final double[] gain;
    /** Rows: w[i][j], i postsynaptic, j presynaptic. */
    private final double[][] w;
    private final double[][] wIn;
    private final double[][] wOut;
    private final double[] bOut;

    private TeacherNetwork(Phi phi, int excitatory, double[] decay, double[] gain, double[][] w, double[][] wIn,
                           double[][] wOut, double[] bOut) {
        this.phi = phi;
        this.excitatory = excitatory;
        this.decay = decay;
        this.gain = gain;
        this.w = w;
        this.wIn = wIn;
        this.wOut = wOut;
        this.bOut = bOut;
    }

    /**
     * A random teacher of {@code units} units stepping like a student of {@code network}, its
     * weights drawn from {@code rng} (see the class comment for what and in which order).
     */
    static TeacherNetwork random(int units, int inputs, int outputs, double daleness, double rho, NetworkSpec network,
                                 RandomGenerator rng) {
        int n = units;
        int nE = Math.max(1, Math.min(n, (int) Math.round(network.eFraction() * n)));
        int nI = n - nE;
        double[] decay = new double[n];
        double[] gain = new double[n];
        for (int i = 0; i < n; i++) {
            double k = network.dtMs() / (i < nE ? network.tauEMs() : network.tauIMs());
            if (network.integrator() == Integrator.EXACT) {
                decay[i] = Math.exp(-k);
                gain[i] = -Math.expm1(-k);
            } else {
                decay[i] = 1 - k;
                gain[i] = k;
            }
        }

        double balance = nI == 0 ? 1 : (double) nE / nI;
        double[][] magnitude = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (i != j) {
                    magnitude[i][j] = gamma2(rng) * (j < nE ? 1 : balance);
                }
            }
        }
        double[][] randomSign = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                randomSign[i][j] = rng.nextBoolean() ? 1 : -1;
            }
        }
        int[] orderE = permutation(0, nE, rng);
        int[] orderI = permutation(nE, n, rng);

        int dale = (int) Math.round(daleness * n);
        int daleE = Math.min(nE, (int) Math.round((double) dale * nE / n));
        int daleI = Math.min(nI, dale - daleE);
        daleE = dale - daleI;
        boolean[] single = new boolean[n];
        for (int c = 0; c < daleE; c++) {
            single[orderE[c]] = true;
        }
        for (int c = 0; c < daleI; c++) {
            single[orderI[c]] = true;
        }

        double[][] wRec = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = j < nE ? 1 : -1;
            boolean pos = false;
            boolean neg = false;
            for (int i = 0; i < n; i++) {
                double s = single[j] ? d : randomSign[i][j];
                wRec[i][j] = i == j ? 0 : s * magnitude[i][j];
                pos |= wRec[i][j] > 0;
                neg |= wRec[i][j] < 0;
            }
            if (!single[j] && !(pos && neg)) {
                int row = j == 0 ? 1 : 0; // the first off-diagonal entry takes the other sign
                wRec[row][j] = -wRec[row][j];
            }
        }
        double radius = Spectra.spectralRadius(wRec);
        double scale = rho / radius;
        for (double[] row : wRec) {
            for (int j = 0; j < n; j++) {
                row[j] *= scale;
            }
        }

        double[][] wIn = new double[n][inputs];
        for (double[] row : wIn) {
            for (int c = 0; c < inputs; c++) {
                row[c] = rng.nextGaussian() / Math.sqrt(inputs);
            }
        }
        double[][] wOut = new double[outputs][n];
        for (double[] row : wOut) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextGaussian() / Math.sqrt(n);
            }
        }
        return new TeacherNetwork(network.phi(), nE, decay, gain, wRec, wIn, wOut, new double[outputs]);
    }

    /**
     * This teacher with its readout rescaled and shifted so that, over steps {@code from..} of
     * {@code trials} (inputs {@code u[t][c]}), every output has mean 0 and standard deviation
     * {@code std}. Throws when an output does not vary there or the activity is not finite.
     */
    TeacherNetwork calibrated(List<double[][]> trials, int from, double std) {
        int outputs = wOut.length;
        double[] sum = new double[outputs];
        double[] sumSq = new double[outputs];
        long count = 0;
        for (double[][] u : trials) {
            double[][] z = run(u);
            for (int t = from; t < z.length; t++) {
                for (int k = 0; k < outputs; k++) {
                    double x = z[t][k];
                    if (!Double.isFinite(x) || Math.abs(x) > 1e12) {
                        throw new Unsuitable("its activity grows without bound (output " + (k + 1) + " reached " + x
                                + " at step " + t + ")");
                    }
                    sum[k] += x;
                    sumSq[k] += x * x;
                }
            }
            count += z.length - from;
        }
        double[][] out = new double[outputs][];
        double[] bias = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            double mean = sum[k] / count;
            double sd = Math.sqrt(Math.max(0, sumSq[k] / count - mean * mean));
            if (!(sd > 1e-9 * Math.max(1, Math.abs(mean)))) {
                throw new Unsuitable("its output " + (k + 1) + " does not vary (std " + sd + "): its activity dies out");
            }
            double g = std / sd;
            out[k] = new double[wOut[k].length];
            for (int j = 0; j < out[k].length; j++) {
                out[k][j] = wOut[k][j] * g;
            }
            bias[k] = (bOut[k] - mean) * g;
        }
        return new TeacherNetwork(phi, excitatory, decay, gain, w, wIn, out, bias);
    }

    /** The outputs {@code z[t][k]} of one trial of inputs {@code u[t][c]}, from {@code v_0 = 0}. */
    double[][] run(double[][] u) {
        int n = w.length;
        int steps = u.length;
        double[] v = new double[n];
        double[] r = new double[n];
        double[] h = new double[n];
        double r0 = rate(0);
        java.util.Arrays.fill(r, r0);
        double[][] z = new double[steps][wOut.length];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                double[] wi = w[i];
                for (int j = 0; j < n; j++) {
                    s += wi[j] * r[j];
                }
                double[] ini = wIn[i];
                for (int c = 0; c < ini.length; c++) {
                    s += ini[c] * u[t][c];
                }
                h[i] = s;
            }
            for (int i = 0; i < n; i++) {
                v[i] = decay[i] * v[i] + gain[i] * h[i];
                r[i] = rate(v[i]);
            }
            for (int k = 0; k < wOut.length; k++) {
                double s = bOut[k];
                for (int j = 0; j < n; j++) {
                    s += wOut[k][j] * r[j];
                }
                z[t][k] = s;
            }
        }
        return z;
    }

    int units() {
        return w.length;
    }

    int excitatory() {
        return excitatory;
    }

    /** A copy of W (rows postsynaptic). */
    double[][] recurrent() {
        return copy(w);
    }

    /** A copy of W_in (rows: units). */
    double[][] inputWeights() {
        return copy(wIn);
    }

    /** A copy of the calibrated W_out (rows: outputs). */
    double[][] readoutWeights() {
        return copy(wOut);
    }

    /** A copy of b_out. */
    double[] readoutBias() {
        return bOut.clone();
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private double rate(double v) {
        return switch (phi) {
            case RELU -> v > 0 ? v : 0;
            case TANH -> Math.tanh(v);
            case SOFTPLUS -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
        };
    }

    /** Gamma(shape 2, scale 1): the sum of two unit exponentials. */
    private static double gamma2(RandomGenerator rng) {
        return -Math.log((1 - rng.nextDouble()) * (1 - rng.nextDouble()));
    }

    /** The integers [from, to) in random order (Fisher-Yates). */
    private static int[] permutation(int from, int to, RandomGenerator rng) {
        int[] p = new int[to - from];
        for (int i = 0; i < p.length; i++) {
            p[i] = from + i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[k];
            p[k] = tmp;
        }
        return p;
    }

    /** A teacher that cannot serve: its activity explodes or dies out. */
    static final class Unsuitable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsuitable(String message) {
            super(message);
        }
    }
}
