package org.dalesweep.spark;

/** An output directory already holds a different sweep, and the user did not ask to append. */
public final class OutputConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    public OutputConflictException(String message) {
        super(message);
    }
}
