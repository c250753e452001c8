package org.dalesweep.cli;

/** Input the command cannot use — a missing file, a bad flag value — named in the message. Exit code 2. */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
