package org.dalesweep.spec;

/**
 * The mixing weight alpha of {@code W_rec = alpha W_dale + (1 - alpha) W_free}: where it starts,
 * how it is parametrised, whether it learns, and whether there is one or one per neuron.
 */
public record AlphaSpec(double init, AlphaParam param, boolean trainable, Granularity granularity) {

    public AlphaSpec {
        Checks c = new Checks("alpha")
                .within("init", init, 0, 1)
                .notNull("param", param)
                .notNull("granularity", granularity);
        if (param == AlphaParam.SIGMOID && trainable && (init == 0 || init == 1)) {
            c.fail("init", init, "must be strictly inside (0, 1) with param: sigmoid and trainable: true"
                    + " (sigmoid cannot reach 0 or 1; use trainable: false for a frozen control, or param: clip)");
        }
        c.done();
    }
}
