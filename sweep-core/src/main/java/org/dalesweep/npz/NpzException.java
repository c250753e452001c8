package org.dalesweep.npz;

/**
 * A NumPy file that cannot be used as asked: missing or unreadable, not an .npz (zip) or .npy, an
 * array missing, or an array of a dtype, order or shape this reader does not take. The message names
 * the file and the array.
 */
public final class NpzException extends Exception {
    private static final long serialVersionUID = 1L;

    public NpzException(String message) {
        super(message);
    }

    public NpzException(String message, Throwable cause) {
        super(message, cause);
    }
}
