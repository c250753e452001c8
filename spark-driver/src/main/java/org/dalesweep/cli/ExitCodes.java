package org.dalesweep.cli;

/** Exit codes of the dalesweep commands. */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** Something went wrong while working (I/O, Spark). */
    public static final int FAILURE = 1;
    /** The input was refused before anything ran or was written: invalid config, conflicting output. */
    public static final int INVALID = 2;

    private ExitCodes() {
    }
}
