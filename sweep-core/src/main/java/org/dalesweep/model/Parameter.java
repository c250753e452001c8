package org.dalesweep.model;

/**
 * A trainable tensor of a network with its gradient, column-major {@code rows x cols}. Names:
 * {@code w_in, b_rec, w_dale_raw, w_free, alpha_param, w_out, b_out}.
 */
public interface Parameter {
    String name();

    int rows();

    int cols();

    default int size() {
        return rows() * cols();
    }

    double value(int i);

    void setValue(int i, double v);

    /** dL/d(value i) from the last {@code lossAndGradient}. */
    double grad(int i);
}
