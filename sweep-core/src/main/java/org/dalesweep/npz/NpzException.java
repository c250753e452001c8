package org.dalesweep.npz;

import org.dalesweep.InputException;

/**
 * A NumPy file that cannot be used as asked: missing or unreadable, not an .npz (zip) or .npy, an
 * array missing, or an array of a dtype, order or shape this reader does not take. The message names
 * the file and the array.
 */
public final class NpzException extends InputException {

    public NpzException(String message) {
        super(message);
    }

    public NpzException(String message, Throwable cause) {
        super(message, cause);
    }
}
