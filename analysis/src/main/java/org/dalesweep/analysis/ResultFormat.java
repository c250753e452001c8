package org.dalesweep.analysis;

import java.util.Locale;

/** How {@code dalesweep sql} prints a result: an aligned table, CSV with a header, or JSON lines. */
public enum ResultFormat {
    TABLE, CSV, JSON;

    /** Parses "table", "csv" or "json" (any case). */
    public static ResultFormat parse(String text) throws AnalysisInputException {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AnalysisInputException("unknown format '" + text + "': expected table, csv or json", e);
        }
    }
}
