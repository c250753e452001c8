package org.dalesweep;

/**
 * Input that cannot be used as asked (a file, an array, a flag value), named in the message so the
 * CLI prints it as one line; chains its cause. The checked base of the input exceptions of each
 * feature ({@code NpzException}, {@code DataException}, the CLI's {@code BadInputException}), which
 * stay separate types so callers catch exactly the failure they handle.
 */
public abstract class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    protected InputException(String message) {
        super(message);
    }

    protected InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
