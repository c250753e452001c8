package org.dalesweep.schema;

import java.util.Locale;

/**
 * What a column of an output table is for. A reader tells the spec columns (the conditions a run
 * was trained under: the factors of an analysis) from the rest by this role, which every file the
 * writer writes carries in its key-value metadata ({@link ColumnRoles}).
 */
public enum Role {
    /** Names the row: the run, its sweep, the arm of the study it is in, an evaluation's iteration. */
    IDENTITY,
    /** A field of the resolved run spec: what the run was asked to do. */
    SPEC,
    /** What the run measured or how it ended. */
    OUTCOME,
    /** Where the row came from: the tool, the library, the spec to reproduce it. */
    PROVENANCE,
    ;

    /** The name in the metadata and in COLUMNS.md: lower case. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a name written by {@link #toString}. */
    public static Role parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
