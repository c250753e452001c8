package org.dalesweep.train;

import java.util.Objects;

/** One trainable tensor's values at a stage of training ("init" or "final"), column-major. */
public record ParamSnapshot(String stage, String name, int rows, int cols, double[] values) {

    public ParamSnapshot {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(name, "name");
        if (values.length != rows * cols) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for shape " + rows + "x" + cols);
        }
    }
}
