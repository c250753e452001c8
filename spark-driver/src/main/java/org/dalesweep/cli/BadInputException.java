package org.dalesweep.cli;

import org.dalesweep.InputException;

/** Input the command cannot use — a missing file, a bad flag value — named in the message. Exit code 2. */
public final class BadInputException extends InputException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
