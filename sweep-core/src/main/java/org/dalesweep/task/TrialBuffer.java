package org.dalesweep.task;

import java.util.random.RandomGenerator;

/**
 * Mutable arrays of one batch being written trial by trial (time-major, as {@link Batch} lays them
 * out), with the few operations every trial generator needs: set an input over an epoch, add
 * input noise, ask for a response over a window. Confined to the generating thread; {@link #build}
 * hands the arrays over to an immutable-by-convention {@link Batch}.
 */
final class TrialBuffer {
    private final int steps;
    private final int size;
    private final int inputs;
    private final int outputs;
    private final float[] u;
    private final float[] y;
    private final float[] m;
    private final int[] labels;

    TrialBuffer(int steps, int size, int inputs, int outputs) {
        this.steps = steps;
        this.size = size;
        this.inputs = inputs;
        this.outputs = outputs;
        this.u = new float[steps * size * inputs];
        this.y = new float[steps * size * outputs];
        this.m = new float[steps * size * outputs];
        this.labels = new int[size];
    }

    /** Sets input channel {@code i} of trial {@code b} to {@code value} over steps [from, to). */
    void input(int b, int i, int from, int to, double value) {
        for (int t = from; t < to; t++) {
            u[(t * size + b) * inputs + i] = (float) value;
        }
    }

    /** Sets one input value. */
    void input(int t, int b, int i, double value) {
        u[(t * size + b) * inputs + i] = (float) value;
    }

    /** Adds independent Gaussian noise of std {@code std} to channel {@code i} over [from, to). */
    void noise(int b, int i, int from, int to, double std, RandomGenerator rng) {
        if (std == 0) {
            return;
        }
        for (int t = from; t < to; t++) {
            u[(t * size + b) * inputs + i] += (float) (std * rng.nextGaussian());
        }
    }

    /**
     * Asks trial {@code b} for a response over steps [from, to): output {@code correct} at
     * {@code high}, every other output at {@code low} (all low when {@code correct} is -1), every
     * output masked in.
     */
    void respond(int b, int from, int to, int correct, float high, float low) {
        for (int t = from; t < to; t++) {
            int base = (t * size + b) * outputs;
            for (int k = 0; k < outputs; k++) {
                y[base + k] = k == correct ? high : low;
                m[base + k] = 1f;
            }
        }
    }

    /** Sets one target value and masks it in. */
    void target(int t, int b, int k, double value) {
        int e = (t * size + b) * outputs + k;
        y[e] = (float) value;
        m[e] = 1f;
    }

    void label(int b, int label) {
        labels[b] = label;
    }

    Batch build() {
        return new Batch(steps, size, inputs, outputs, u, y, m, labels);
    }
}
