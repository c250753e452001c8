package org.dalesweep.train;

import java.util.Arrays;
import org.dalesweep.model.AlphaPressure;

/**
 * The pressure on alpha of every training step of one run, and its statistics per evaluation
 * window and over the run (DESIGN §4.2). Standard errors come from batch means: the steps are cut
 * into b = floor(sqrt(n)) consecutive batches of m = floor(n / b) steps (the n - b m earliest steps
 * left out), and the standard error is the standard deviation of the batch means over sqrt(b).
 * Consecutive steps share parameters and Adam's momentum, so their pressures are correlated; batch
 * means stay valid while a batch is longer than that correlation. Not thread-safe.
 */
final class PressureLog {
    private double[] total = new double[64];
    private double[] task = new double[64];
    private double[] reg = new double[64];
    private double[] e = new double[64];
    private double[] i = new double[64];
    private int steps;
    private int windowStart;

    /** Records one step's pressure. */
    void add(AlphaPressure p) {
        if (steps == total.length) {
            int grown = 2 * steps;
            total = Arrays.copyOf(total, grown);
            task = Arrays.copyOf(task, grown);
            reg = Arrays.copyOf(reg, grown);
            e = Arrays.copyOf(e, grown);
            i = Arrays.copyOf(i, grown);
        }
        total[steps] = p.total();
        task[steps] = p.task();
        reg[steps] = p.reg();
        e[steps] = p.eMean();
        i[steps] = p.iMean();
        steps++;
    }

    /** The statistics of the steps since the last call (or the start), and a new window begins. */
    PressureWindow closeWindow() {
        int from = windowStart;
        windowStart = steps;
        if (steps == from) {
            return PressureWindow.NONE;
        }
        return new PressureWindow(mean(total, from, steps), batchMeansSe(total, from, steps), mean(task, from, steps),
                mean(reg, from, steps), fractionPositive(total, from, steps), mean(e, from, steps), mean(i, from, steps));
    }

    /** The whole run's statistics. */
    PressureSummary summary() {
        if (steps == 0) {
            return PressureSummary.NONE;
        }
        int late = steps - steps / 4;
        double mean = mean(total, 0, steps);
        double lateMean = mean(total, late, steps);
        return new PressureSummary(mean, mean / batchMeansSe(total, 0, steps), fractionPositive(total, 0, steps),
                steps - late > 0 ? lateMean : Double.NaN,
                steps - late > 0 ? lateMean / batchMeansSe(total, late, steps) : Double.NaN);
    }

    static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += x[k];
        }
        return s / (to - from);
    }

    static double fractionPositive(double[] x, int from, int to) {
        int positive = 0;
        for (int k = from; k < to; k++) {
            positive += x[k] > 0 ? 1 : 0;
        }
        return positive / (double) (to - from);
    }

    /**
     * The batch-means standard error of the mean of x[from, to); NaN with fewer than 4 values
     * (two batches of two at least).
     */
    static double batchMeansSe(double[] x, int from, int to) {
        int n = to - from;
        if (n < 4) {
            return Double.NaN;
        }
        int batches = (int) Math.floor(Math.sqrt(n));
        int size = n / batches;
        int start = to - batches * size;
        double[] means = new double[batches];
        double grand = 0;
        for (int b = 0; b < batches; b++) {
            means[b] = mean(x, start + b * size, start + (b + 1) * size);
            grand += means[b];
        }
        grand /= batches;
        double ss = 0;
        for (double m : means) {
            ss += (m - grand) * (m - grand);
        }
        return Math.sqrt(ss / (batches - 1) / batches);
    }
}
