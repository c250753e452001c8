package org.dalesweep.model;

/**
 * The pressure on alpha at one training step (DESIGN §4.2): {@code -dL/dalpha} in alpha's own
 * units (not the sigmoid's theta), before any optimiser or clipping; positive pushes toward Dale.
 * {@code total = task + reg}, where {@code task} comes from the task loss and {@code reg} from the
 * regularisers (rate cost and weight cost). At neuron granularity {@code total} is the sum over
 * the columns (the derivative of raising every alpha together, comparable with one network-wide
 * alpha), and {@code eMean}/{@code iMean} are the means over the excitatory and the inhibitory
 * presynaptic columns; at network granularity both are NaN.
 */
public record AlphaPressure(double total, double task, double reg, double eMean, double iMean) {

    /** No step measured yet. */
    public static final AlphaPressure NONE = new AlphaPressure(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
