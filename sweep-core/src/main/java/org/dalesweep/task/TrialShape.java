package org.dalesweep.task;

import org.dalesweep.task.data.DataException;

/**
 * The shape of a trial file as its headers give it, before any data is read: trials, steps per
 * trial, input and output channels, and whether it carries a mask and labels. The file's arrays are
 * {@code inputs} [trials, T, n_in], {@code targets} [trials, T, n_out], optional {@code mask}
 * [trials, T, n_out] and {@code labels} [trials].
 */
public record TrialShape(int trials, int steps, int inputs, int outputs, boolean mask, boolean labels) {

    /** The array names of a trial file, as the formats spell them. */
    public static final String INPUTS = "inputs";
    public static final String TARGETS = "targets";
    public static final String MASK = "mask";
    public static final String LABELS = "labels";

    /**
     * The shape of a file whose arrays have the given dimensions ({@code mask} and {@code labels}
     * null when absent); a mismatch is a {@link DataException} naming {@code file} and the array.
     */
    public static TrialShape of(String file, long[] inputs, long[] targets, long[] mask, long[] labels) throws DataException {
        rank(file, INPUTS, inputs, 3, "[trials, T, n_in]");
        rank(file, TARGETS, targets, 3, "[trials, T, n_out]");
        if (targets[0] != inputs[0] || targets[1] != inputs[1]) {
            throw new DataException(file + ": array '" + TARGETS + "' has shape " + text(targets) + ", '" + INPUTS
                    + "' " + text(inputs) + ": trials and steps (the first two dimensions) must agree");
        }
        if (mask != null && !java.util.Arrays.equals(mask, targets)) {
            throw new DataException(file + ": array '" + MASK + "' has shape " + text(mask) + ", expected the shape of '"
                    + TARGETS + "' " + text(targets));
        }
        if (labels != null && (labels.length != 1 || labels[0] != inputs[0])) {
            throw new DataException(file + ": array '" + LABELS + "' has shape " + text(labels) + ", expected ("
                    + inputs[0] + ",): one label per trial");
        }
        for (long[] dims : new long[][] {inputs, targets}) {
            for (long d : dims) {
                if (d < 1 || d > Integer.MAX_VALUE / 16) {
                    throw new DataException(file + ": shape " + text(dims) + " has an empty or too large dimension");
                }
            }
        }
        return new TrialShape((int) inputs[0], (int) inputs[1], (int) inputs[2], (int) targets[2], mask != null, labels != null);
    }

    private static void rank(String file, String name, long[] dims, int rank, String expected) throws DataException {
        if (dims.length != rank) {
            throw new DataException(file + ": array '" + name + "' has shape " + text(dims) + ", expected " + expected);
        }
    }

    static String text(long[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.append(')').toString();
    }
}
