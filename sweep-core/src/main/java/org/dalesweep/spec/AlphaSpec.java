package org.dalesweep.spec;

/**
 * The mixing weight alpha of {@code W_rec = alpha W_dale + (1 - alpha) W_free}: where it starts,
 * how it is parametrised, whether it learns, whether there is one or one per neuron, and its own
 * optimiser: an Adam of its own with step size {@code learning_rate} (no weight decay), outside the
 * weights' global-norm clipping, with its own gradient-norm clip {@code grad_clip} (0 = none).
 */
public record AlphaSpec(double init, AlphaParam param, boolean trainable, Granularity granularity,
                        double learningRate, double gradClip) {

    /** Every default of the section, in this one place; {@code with…} gives a spec that differs in one key. */
    public static final AlphaSpec DEFAULT = new AlphaSpec(
            0.5,                 // init
            AlphaParam.SIGMOID,  // param
            true,                // trainable
            Granularity.NETWORK, // granularity
            1e-2,                // learning_rate
            0);                  // grad_clip (none)

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
        return withTrainable(false).withInit(value);
    }

    public AlphaSpec withInit(double value) {
        return new AlphaSpec(value, param, trainable, granularity, learningRate, gradClip);
    }

    public AlphaSpec withParam(AlphaParam value) {
        return new AlphaSpec(init, value, trainable, granularity, learningRate, gradClip);
    }

    public AlphaSpec withTrainable(boolean value) {
        return new AlphaSpec(init, param, value, granularity, learningRate, gradClip);
    }

    public AlphaSpec withGranularity(Granularity value) {
        return new AlphaSpec(init, param, trainable, value, learningRate, gradClip);
    }

    public AlphaSpec withLearningRate(double value) {
        return new AlphaSpec(init, param, trainable, granularity, value, gradClip);
    }

    public AlphaSpec withGradClip(double value) {
        return new AlphaSpec(init, param, trainable, granularity, learningRate, value);
    }
}
