package org.dalesweep.task;

import org.dalesweep.task.data.DataException;

/**
 * The trials of a file, trial-major as NumPy lays out [trials, T, n] in C order:
 * {@code inputs[(trial*T + t)*n_in + i]}, targets and mask alike over outputs (mask all ones when
 * the file has none), {@code labels[trial]} (-1: no class; all -1 when the file has none).
 */
public record TrialArrays(TrialShape shape, float[] inputs, float[] targets, float[] mask, int[] labels) {

    /** Checks lengths against the shape and every value: finite numbers, masks >= 0, labels in [-1, n_out). */
    public static TrialArrays checked(String file, TrialShape shape, float[] inputs, float[] targets, float[] mask,
                                      int[] labels) throws DataException {
        long cells = (long) shape.trials() * shape.steps();
        if (inputs.length != cells * shape.inputs() || targets.length != cells * shape.outputs()
                || (mask != null && mask.length != targets.length) || (labels != null && labels.length != shape.trials())) {
            throw new DataException(file + ": the arrays hold other numbers of values than their shapes say");
        }
        finite(file, TrialShape.INPUTS, inputs);
        finite(file, TrialShape.TARGETS, targets);
        float[] m = mask;
        if (m == null) {
            m = new float[targets.length];
            java.util.Arrays.fill(m, 1f);
        } else {
            finite(file, TrialShape.MASK, m);
            for (int e = 0; e < m.length; e++) {
                if (m[e] < 0) {
                    throw new DataException(file + ": array '" + TrialShape.MASK + "': negative weight " + m[e]
                            + " at trial " + e / (shape.steps() * shape.outputs()));
                }
            }
        }
        int[] l = labels;
        if (l == null) {
            l = new int[shape.trials()];
            java.util.Arrays.fill(l, -1);
        } else {
            for (int b = 0; b < l.length; b++) {
                if (l[b] < -1 || l[b] >= shape.outputs()) {
                    throw new DataException(file + ": array '" + TrialShape.LABELS + "': label " + l[b] + " of trial " + b
                            + " is not -1 (no class) or an output in [0, " + shape.outputs() + ")");
                }
            }
        }
        return new TrialArrays(shape, inputs, targets, m, l);
    }

    private static void finite(String file, String name, float[] values) throws DataException {
        for (int e = 0; e < values.length; e++) {
            if (!Float.isFinite(values[e])) {
                throw new DataException(file + ": array '" + name + "': " + values[e] + " at flat index " + e
                        + " (values must be finite)");
            }
        }
    }
}
