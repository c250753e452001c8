package org.dalesweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A user's settings as a tree, before they meet the defaults: YAML (or JSON) text read into it,
 * {@code key=value} overrides applied to it, dotted key paths set in it.
 */
final class SettingsTree {
    private final ObjectMapper yaml;

    SettingsTree(ObjectMapper yaml) {
        this.yaml = yaml;
    }

    /** See {@link SpecCodec#readTree}. */
    ObjectNode read(String text, String source) throws SpecException {
        JsonNode node;
        try {
            node = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SpecException(source + ": not valid YAML: " + oneLine(e.getOriginalMessage())
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new SpecException(source + ": expected a mapping of settings at the top, got "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    /**
     * A YAML parser's message on one line: its statements ("while parsing a flow sequence",
     * "expected ',' or ']'…"), without the indented quotes of the input and the caret under them —
     * the line and column follow separately.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        String joined = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).collect(Collectors.joining("; "));
        return joined.isEmpty() ? message.strip().replaceAll("\\s+", " ") : joined;
    }

    /** See {@link SpecCodec#parseValue}. */
    JsonNode parseValue(String text, String key) throws SpecException {
        try {
            JsonNode v = yaml.readTree(text.isEmpty() ? "''" : text);
            return v == null ? JsonNodeFactory.instance.textNode("") : v;
        } catch (JsonProcessingException e) {
            throw new SpecException(key + ": cannot read value " + SpecValues.show(text) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** See {@link SpecCodec#applyOverrides}. */
    void applyOverrides(ObjectNode tree, List<String> overrides) throws SpecException {
        List<String> problems = new ArrayList<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                problems.add("--set " + SpecValues.show(o) + ": expected key=value, e.g. network.units=128");
                continue;
            }
            String key = o.substring(0, eq).trim();
            try {
                setPath(tree, key, parseValue(o.substring(eq + 1).trim(), key));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }

    /** See {@link SpecCodec#setPath}. */
    static void setPath(ObjectNode tree, String dotted, JsonNode value) throws SpecException {
        String[] parts = dotted.split("\\.", -1);
        if (Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new SpecException(SpecValues.show(dotted) + ": not a key path (dotted names such as alpha.init)");
        }
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                if (child != null && !child.isNull()) {
                    throw new SpecException(String.join(".", Arrays.copyOf(parts, i + 1))
                            + ": is a value, cannot set " + dotted + " inside it");
                }
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        JsonNode old = node.get(leaf);
        if (old != null && old.isObject() && value.isObject()) {
            deepMerge((ObjectNode) old, (ObjectNode) value);
        } else {
            node.set(leaf, value.deepCopy());
        }
    }

    private static void deepMerge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = into.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                deepMerge((ObjectNode) old, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
