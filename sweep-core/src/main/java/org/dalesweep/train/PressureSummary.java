package org.dalesweep.train;

/**
 * The pressure on alpha over a whole run (DESIGN §4.2): its mean over every training step, the
 * mean over its standard error ({@code t}; the standard error by batch means, robust to the
 * autocorrelation of consecutive steps), the fraction of steps toward Dale (pressure > 0), and
 * the same mean and t over the last quarter of the steps. NaN where a run has too few steps.
 */
public record PressureSummary(double mean, double t, double fracDale, double lateMean, double lateT) {

    /** A run that trained no step. */
    public static final PressureSummary NONE = new PressureSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);
}
