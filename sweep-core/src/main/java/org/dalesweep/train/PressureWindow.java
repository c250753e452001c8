package org.dalesweep.train;

/**
 * The pressure on alpha over one evaluation window, the training steps since the previous
 * evaluation (DESIGN §4.2): mean, its standard error (batch means), the task and regulariser
 * parts' means, the fraction of steps with pressure toward Dale (> 0), and at neuron granularity
 * the means over excitatory and inhibitory presynaptic columns (NaN otherwise).
 */
public record PressureWindow(double mean, double se, double taskMean, double regMean, double fracDale,
                             double eMean, double iMean) {

    /** A window without training steps (the evaluation at iteration 0). */
    public static final PressureWindow NONE = new PressureWindow(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);
}
