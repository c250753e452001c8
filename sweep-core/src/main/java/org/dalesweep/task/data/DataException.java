package org.dalesweep.task.data;

import org.dalesweep.InputException;

/**
 * A data file that cannot be used: missing, unreadable, not the format it should be, or not
 * matching its partner file. The message names the path and, when the fix is to fetch the data,
 * the command that does it.
 */
public final class DataException extends InputException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
