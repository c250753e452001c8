package org.dalesweep.task;

/** Scoring rules shared by the decision tasks. */
public final class Scoring {
    private Scoring() {
    }

    /**
     * PsychRNN's rule: the choice is the argmax of each output's mean over the trial's masked
     * steps. Trials labelled -1 (catch, no-go) are correct when every mean stays below
     * {@code threshold}. Returns the fraction correct.
     */
    public static double meanOverMaskArgmax(Batch batch, float[] z, double threshold) {
        int n = batch.size();
        int k = batch.outputCount();
        int correct = 0;
        double[] sum = new double[k];
        for (int b = 0; b < n; b++) {
            java.util.Arrays.fill(sum, 0);
            int count = 0;
            for (int t = 0; t < batch.steps(); t++) {
                int base = (t * n + b) * k;
                if (batch.mask()[base] > 0) {
                    for (int c = 0; c < k; c++) {
                        sum[c] += z[base + c];
                    }
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (sum[c] > sum[best]) {
                    best = c;
                }
            }
            int label = batch.labels()[b];
            if (label >= 0 ? best == label : sum[best] / count < threshold) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    /**
     * The coefficient of determination over the masked entries of a batch:
     * {@code 1 − Σ m (z − y)² / Σ m (y − ȳ)²}, ȳ the masked mean of the targets. 1 for a perfect
     * output, 0 for the best constant, negative for worse. With the mask on the last step only it is
     * the R² of the last-step prediction. NaN when the masked targets do not vary.
     */
    public static double rSquared(Batch batch, float[] z) {
        float[] y = batch.targets();
        float[] m = batch.mask();
        double weight = 0;
        double mean = 0;
        for (int e = 0; e < y.length; e++) {
            weight += m[e];
            mean += m[e] * y[e];
        }
        if (weight == 0) {
            return Double.NaN;
        }
        mean /= weight;
        double residual = 0;
        double total = 0;
        for (int e = 0; e < y.length; e++) {
            double d = z[e] - y[e];
            double c = y[e] - mean;
            residual += m[e] * d * d;
            total += m[e] * c * c;
        }
        return total == 0 ? Double.NaN : 1 - residual / total;
    }
}
