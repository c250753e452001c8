package org.dalesweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Binds one section of merged settings into its record, and turns what goes wrong into problems
 * that name the key path and the value: a type error says what was expected, a range error is the
 * record's own message ({@link Checks}).
 */
final class SectionBinder {
    private final ObjectMapper json;

    SectionBinder(ObjectMapper json) {
        this.json = json;
    }

    /** The section {@code section} of {@code merged} as a {@code type}, or null with its problems added. */
    <T> T bind(ObjectNode merged, String section, Class<T> type, List<String> problems) {
        try {
            return json.treeToValue(merged.get(section), type);
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause();
            while (c != null && !(c instanceof InvalidSpecException)) {
                c = c.getCause();
            }
            if (c instanceof InvalidSpecException ise) {
                problems.addAll(ise.problems());
            } else {
                problems.add(section + ": " + e.getOriginalMessage());
            }
        } catch (InvalidFormatException e) {
            problems.add(path(section, e) + ": " + expected(e.getTargetType()) + ", got " + SpecValues.show(e.getValue()));
        } catch (MismatchedInputException e) {
            JsonNode bad = at(merged.get(section), e);
            problems.add(path(section, e) + ": " + expected(e.getTargetType()) + ", got " + SpecValues.show(bad));
        } catch (JsonMappingException e) {
            Throwable c = e.getCause();
            if (c instanceof InvalidSpecException ise) {
                problems.addAll(ise.problems());
            } else {
                problems.add(path(section, e) + ": " + e.getOriginalMessage());
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add(section + ": " + e.getMessage());
        }
        return null;
    }

    private static String path(String section, JsonMappingException e) {
        StringBuilder sb = new StringBuilder(section);
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static JsonNode at(JsonNode node, JsonMappingException e) {
        JsonNode n = node;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (n == null) {
                break;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
        }
        return n;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "wrong type";
        }
        if (type.isEnum()) {
            return "expected one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "expected an integer";
        }
        if (type == double.class || type == Double.class) {
            return "expected a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "expected true or false";
        }
        return "expected " + type.getSimpleName();
    }
}
