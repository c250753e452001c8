package org.dalesweep.model;

import org.dalesweep.linalg.NativeArray;
import org.dalesweep.spec.LossKind;
import org.dalesweep.spec.LossSpec;
import org.dalesweep.spec.WeightL2On;
import org.dalesweep.task.Batch;

/**
 * The loss of DESIGN §2 on a network's last forward pass: the task loss (mse or cross-entropy)
 * from the outputs in {@link Workspace#z}, the rate cost from the rates, and the weight cost from
 * the network's derived weights (its own arrays, which it refreshes before every pass). With a
 * gradient, dL/dz goes where BPTT seeds from: rows N.. of the drive buffer, one block later.
 */
final class Losses {
    private final LossSpec loss;
    private final int units;
    private final int outputCount;
    private final Workspace ws;
    private final double[] wRec;
    private final double[] wDale;
    private final double[] wFree;
    /** s_j per presynaptic unit: +1 excitatory, -1 inhibitory (the network's own E/I split). */
    private final double[] sign;

    /**
     * {@code wRec}, {@code wDale} and {@code wFree}: the network's W_rec, W_dale and M * F, N x N
     * column-major; {@code sign}: s_j of each presynaptic unit.
     */
    Losses(LossSpec loss, int units, int outputCount, Workspace ws, double[] wRec, double[] wDale, double[] wFree,
           double[] sign) {
        this.loss = loss;
        this.units = units;
        this.outputCount = outputCount;
        this.ws = ws;
        this.wRec = wRec;
        this.wDale = wDale;
        this.wFree = wFree;
        this.sign = sign;
    }

    /** The loss of the last forward pass; with {@code gradient}, dL/dz into the drive buffer (block 0 zero). */
    LossParts of(Batch batch, boolean gradient) {
        int steps = batch.steps();
        int size = batch.size();
        int cols = steps * size;
        if (gradient) {
            int ld = ws.stacked;
            for (int c = 0; c < size; c++) {
                ws.drive.fill(c * ld + units, outputCount, 0);
            }
        }
        double task = loss.kind() == LossKind.MSE ? mse(batch, gradient) : crossEntropy(batch, gradient);

        double rate = 0;
        if (loss.rateL2() > 0) {
            NativeArray r = ws.rates;
            int rl = ws.rateRows;
            int count = units * cols;
            double sum = 0;
            for (int c = size; c < size + cols; c++) {
                for (int e = c * rl; e < c * rl + units; e++) {
                    double x = r.get(e);
                    sum += x * x;
                }
            }
            rate = loss.rateL2() * sum / count;
        }
        double weight = weightCost(null, null, null);
        return new LossParts(task + rate + weight, task, rate, weight);
    }

    /** The rate cost's gradient per rate divided by the rate, 2 rate_l2 / (N T B) (BPTT adds it times r); 0 without one. */
    double rateCoefficient(int steps, int size) {
        return loss.rateL2() > 0 ? 2 * loss.rateL2() / ((double) units * steps * size) : 0;
    }

    /** Stores dL/dz for output o of column c (= t B + b) where BPTT reads it. */
    private void storeGradZ(int c, int o, double g, int size) {
        ws.drive.set((c + size) * ws.stacked + units + o, g);
    }

    private double mse(Batch batch, boolean gradient) {
        int size = batch.size();
        int cols = batch.steps() * size;
        float[] y = batch.targets();
        float[] m = batch.mask();
        double weight = 0;
        double sum = 0;
        for (int e = 0; e < cols * outputCount; e++) {
            double d = ws.z[e] - y[e];
            sum += m[e] * d * d;
            weight += m[e];
        }
        if (gradient) {
            double scale = weight > 0 ? 2 / weight : 0;
            for (int c = 0, e = 0; c < cols; c++) {
                for (int o = 0; o < outputCount; o++, e++) {
                    storeGradZ(c, o, scale * m[e] * (ws.z[e] - y[e]), size);
                }
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
        for (int c = 0; c < cols; c++) {
            int label = labels[c % size];
            if (label >= outputCount) {
                throw new IllegalArgumentException("label " + label + " of trial " + (c % size)
                        + " is not one of the " + outputCount + " outputs");
            }
            if (m[c * outputCount] > 0 && label >= 0) {
                weight += m[c * outputCount];
            }
        }
        double scale = weight > 0 ? 1 / weight : 0;
        for (int c = 0; c < cols; c++) {
            int base = c * outputCount;
            int label = labels[c % size];
            double w = m[base];
            if (!(w > 0) || label < 0) {
                if (gradient) {
                    for (int o = 0; o < outputCount; o++) {
                        storeGradZ(c, o, 0, size);
                    }
                }
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < outputCount; o++) {
                max = Math.max(max, ws.z[base + o]);
            }
            double total = 0;
            for (int o = 0; o < outputCount; o++) {
                p[o] = Math.exp(ws.z[base + o] - max);
                total += p[o];
            }
            sum += w * (Math.log(total) + max - ws.z[base + label]);
            if (gradient) {
                for (int o = 0; o < outputCount; o++) {
                    storeGradZ(c, o, scale * w * (p[o] / total - (o == label ? 1 : 0)), size);
                }
            }
        }
        return sum * scale;
    }

    /**
     * The weight cost from the current derived weights, the wrong-sign cost included; when the
     * arrays are given, adds its gradient with respect to W_rec, W_dale and W_free into them.
     */
    double weightCost(double[] gradRec, double[] gradDale, double[] gradFree) {
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
                    cost += c2 * (wDale[idx] * wDale[idx] + wFree[idx] * wFree[idx]);
                    if (gradDale != null) {
                        gradDale[idx] += 2 * c2 * wDale[idx];
                        gradFree[idx] += 2 * c2 * wFree[idx];
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
        if (loss.mixedCost() > 0) {
            cost += mixedCost(gradRec);
        }
        return cost;
    }

    /**
     * {@code mixed_cost · Σ_ij max(0, −s_j W_rec[i,j])} (DESIGN §2), zero exactly when W_rec obeys
     * Dale's law with the network's split. Its gradient −c·s_j where the entry has the wrong sign,
     * and 0 elsewhere: at the kink (an entry exactly 0: masked, or a Dale entry at 0) the
     * subgradient 0 is taken, so a Dale-obeying W_rec feels nothing from the cost.
     */
    private double mixedCost(double[] gradRec) {
        double c = loss.mixedCost();
        int n = units;
        double mass = 0;
        for (int j = 0; j < n; j++) {
            double s = sign[j];
            for (int idx = j * n; idx < (j + 1) * n; idx++) {
                double wrong = -s * wRec[idx];
                if (wrong > 0) {
                    mass += wrong;
                    if (gradRec != null) {
                        gradRec[idx] -= c * s;
                    }
                }
            }
        }
        return c * mass;
    }

    /** The wrong-sign mass {@code Σ_ij max(0, −s_j W[i,j])} of an N x N column-major matrix under the split {@code sign}. */
    static double wrongSignMass(double[] w, double[] sign) {
        int n = sign.length;
        double mass = 0;
        for (int j = 0; j < n; j++) {
            for (int idx = j * n; idx < (j + 1) * n; idx++) {
                mass += Math.max(0, -sign[j] * w[idx]);
            }
        }
        return mass;
    }
}
