package org.dalesweep.spark;

/** The runs of one sweep disagree on the type of a flat spec column, so they cannot share a table. */
public final class SchemaConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    public SchemaConflictException(String message) {
        super(message);
    }
}
