package org.dalesweep.spec;

/**
 * The mixing weight alpha of {@code W_rec = alpha W_dale + (1 - alpha) W_free}: where it starts,
 * how it is parametrised, whether it learns, whether there is one or one per neuron, and its own
 * optimiser: an Adam of its own with step size {@code learning_rate} (no weight decay), outside the
 * weights' global-norm clipping, with its own gradient-norm clip {@code grad_clip} (0 = none).
 */
public record AlphaSpec(double init, AlphaParam param, boolean trainable, Granularity granularity,
                        double learningRate, double gradClip) {

    public AlphaSpec {
        Checks c = new Checks("alpha")
                .within("init", init, 0, 1)
                .notNull("param", param)
                .notNull("granularity", granularity)
                .positive("learning_rate", learningRate)
                .nonNegative("grad_clip", gradClip);
        if (param == AlphaParam.SIGMOID && trainable && (init == 0 || init == 1)) {
            c.fail("init", init, "must be strictly inside (0, 1) with param: sigmoid and trainable: true"
                    + " (sigmoid cannot reach 0 or 1; use trainable: false for a frozen control, or param: clip)");
        }
        c.done();
    }

    /** This alpha frozen at {@code value}: the spec of a frozen control. */
    public AlphaSpec frozenAt(double value) {
        return new AlphaSpec(value, param, false, granularity, learningRate, gradClip);
    }
}
