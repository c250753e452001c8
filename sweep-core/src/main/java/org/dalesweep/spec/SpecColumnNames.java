package org.dalesweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The column-naming rule: every field of a resolved spec as one flat snake_case column, as the
 * output's {@code runs} table declares them ({@code SpecColumn} in output-schema).
 */
final class SpecColumnNames {
    private static final List<String> SECTIONS = List.of("task", "network", "alpha", "loss", "training");

    private final ObjectMapper json;

    SpecColumnNames(ObjectMapper json) {
        this.json = json;
    }

    /** See {@link SpecCodec#flatten}. */
    Map<String, Object> flatten(RunSpec spec) {
        JsonNode tree = json.valueToTree(spec);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", spec.seed());
        out.put("task", spec.task().name());
        for (String section : SECTIONS) {
            flattenInto(tree.get(section), section, out);
        }
        return out;
    }

    private static void flattenInto(JsonNode node, String path, Map<String, Object> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "_" + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flattenInto(v, p, out);
                continue;
            }
            String column = p.replaceFirst("^network_connectivity_", "").replaceFirst("^network_", "");
            if (column.equals("task_name")) {
                continue;
            }
            out.put(column, value(v));
        }
    }

    /** A JSON leaf as the Java value a column holds: Long or Integer, Double, Boolean, List of Double, String. */
    private static Object value(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.isLong() ? (Object) v.asLong() : (Object) v.asInt();
        } else if (v.isNumber()) {
            return v.asDouble();
        } else if (v.isBoolean()) {
            return v.asBoolean();
        } else if (v.isArray()) {
            List<Double> xs = new ArrayList<>();
            v.forEach(x -> xs.add(x.asDouble()));
            return List.copyOf(xs);
        }
        return v.asText();
    }
}
