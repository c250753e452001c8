package org.dalesweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * A spec's value for this parameter, checked by its type and range: the value as the resolved
     * spec holds it, or empty with a problem naming {@code task.<key>} and the value.
     */
    public Optional<JsonNode> check(JsonNode v, List<String> problems) {
        String where = "task." + key;
        JsonNode typed = typed(v);
        if (typed == null) {
            problems.add(where + ": expected " + expected() + ", got " + SpecValues.show(v));
            return Optional.empty();
        }
        String range = "[" + SpecValues.number(min) + ", " + SpecValues.number(max) + "], got ";
        for (JsonNode x : v.isArray() ? v : List.of(v)) {
            if (x.isNumber() || v.isArray()) {
                if (!x.isNumber() || !(x.asDouble() >= min && x.asDouble() <= max)) {
                    problems.add(where + (v.isArray() ? ": every entry must be a number in " : ": must be in ") + range
                            + SpecValues.show(x));
                    return Optional.empty();
                }
            }
        }
        return Optional.of(typed);
    }

    /** The value as the spec holds it, of this parameter's type; null when {@code v} is of another type. */
    private JsonNode typed(JsonNode v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (kind()) {
            case INTEGER:
                return v.isIntegralNumber() && v.canConvertToInt() ? f.numberNode(v.asInt()) : null;
            case NUMBER:
                return v.isNumber() ? f.numberNode(v.asDouble()) : null;
            case BOOLEAN:
                return v.isBoolean() ? v : null;
            case STRING:
                return v.isTextual() ? v : null;
            default:
                if (!v.isArray() || v.isEmpty()) {
                    return null;
                }
                ArrayNode a = f.arrayNode();
                v.forEach(x -> a.add(x.asDouble()));
                return a;
        }
    }

    private String expected() {
        return kind().expected;
    }

    /** A checked JSON value ({@link #check}) as the Java value a {@code TaskSpec} holds. */
    public Object valueOf(JsonNode v) {
        switch (kind()) {
            case INTEGER:
                return v.asInt();
            case NUMBER:
                return v.asDouble();
            case BOOLEAN:
                return v.asBoolean();
            case STRING:
                return v.asText();
            default:
                List<Double> xs = new ArrayList<>();
                v.forEach(x -> xs.add(x.asDouble()));
                return List.copyOf(xs);
        }
    }

    /** The types a parameter may have: its default's. */
    private enum Kind {
        INTEGER("integer", "an integer"),
        NUMBER("number", "a number"),
        BOOLEAN("boolean", "true or false"),
        STRING("string", "a string"),
        NUMBERS("list of numbers", "a non-empty list of numbers");

        final String typeName;
        final String expected;

        Kind(String typeName, String expected) {
            this.typeName = typeName;
            this.expected = expected;
        }
    }

    private Kind kind() {
        if (defaultValue instanceof Integer) {
            return Kind.INTEGER;
        } else if (defaultValue instanceof Double) {
            return Kind.NUMBER;
        } else if (defaultValue instanceof Boolean) {
            return Kind.BOOLEAN;
        } else if (defaultValue instanceof String) {
            return Kind.STRING;
        }
        return Kind.NUMBERS;
    }

    /** A short name of the type, for listings and messages. */
    public String typeName() {
        return kind().typeName;
    }
}
