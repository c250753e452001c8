package org.dalesweep.train;

/** How a run ended: trained to its end (or target, or budget), diverged (NaN or exploding loss), or failed. */
public enum RunStatus {
    COMPLETED,
    DIVERGED,
    FAILED
}
