package org.dalesweep.model;

/** Floating-point width of a network's arithmetic: float32 trains, float64 checks gradients. */
public enum Precision {
    FLOAT32,
    FLOAT64
}
