package org.dalesweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** How spec values are shown in messages and canonical text: one formatting rule for all. */
public final class SpecValues {
    private SpecValues() {
    }

    /** A value as a user would write it: numbers without a trailing ".0", strings quoted. */
    public static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return number(f.doubleValue());
        }
        if (value instanceof CharSequence s) {
            return "'" + s + "'";
        }
        return String.valueOf(value);
    }

    /** A JSON value as a user would write it: strings quoted, nothing for a missing value. */
    public static String show(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "'" + n.asText() + "'";
        }
        return n.toString();
    }

    /** Shortest plain decimal for a double ("0.5", "100", "1e-08" stays readable as "1.0E-8"). */
    public static String number(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal b = new BigDecimal(Double.toString(d));
        return Math.abs(d) < 1e-4 ? Double.toString(d) : b.stripTrailingZeros().toPlainString();
    }
}
