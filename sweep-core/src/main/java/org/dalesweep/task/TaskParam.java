package org.dalesweep.task;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a task ({@code task.<key>} in a spec): its default, a one-line meaning with
 * units, and the closed range its numbers must lie in. The type is the default's type: Integer,
 * Double, Boolean, String or a list of Doubles.
 */
public record TaskParam(String key, Object defaultValue, String doc, double min, double max) {

    public TaskParam {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultValue, "defaultValue of " + key);
        if (!(defaultValue instanceof Integer || defaultValue instanceof Double || defaultValue instanceof Boolean
                || defaultValue instanceof String || defaultValue instanceof List<?>)) {
            throw new IllegalArgumentException("task parameter " + key + ": unsupported type "
                    + defaultValue.getClass().getSimpleName());
        }
    }

    /** A number, an integer or a list of numbers that must lie in [min, max]. */
    public static TaskParam number(String key, double defaultValue, String doc, double min, double max) {
        return new TaskParam(key, defaultValue, doc, min, max);
    }

    public static TaskParam integer(String key, int defaultValue, String doc, int min, int max) {
        return new TaskParam(key, defaultValue, doc, min, max);
    }

    public static TaskParam numbers(String key, List<Double> defaultValue, String doc, double min, double max) {
        return new TaskParam(key, List.copyOf(defaultValue), doc, min, max);
    }

    public static TaskParam text(String key, String defaultValue, String doc) {
        return new TaskParam(key, defaultValue, doc, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public static TaskParam flag(String key, boolean defaultValue, String doc) {
        return new TaskParam(key, defaultValue, doc, 0, 1);
    }

    /** A short name of the type, for listings and messages. */
    public String typeName() {
        if (defaultValue instanceof Integer) {
            return "integer";
        } else if (defaultValue instanceof Double) {
            return "number";
        } else if (defaultValue instanceof Boolean) {
            return "boolean";
        } else if (defaultValue instanceof String) {
            return "string";
        }
        return "list of numbers";
    }
}
