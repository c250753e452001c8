package org.dalesweep.model;

/** A loss and its parts: the task loss (mse or cross-entropy), the rate cost and the weight cost. */
public record LossParts(double total, double task, double rate, double weight) {
}
