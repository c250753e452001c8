package org.dalesweep.spark;

/** Another live driver holds an output's lock: two drivers must not write one output at once. */
public final class OutputLockedException extends Exception {
    private static final long serialVersionUID = 1L;

    public OutputLockedException(String message) {
        super(message);
    }
}
