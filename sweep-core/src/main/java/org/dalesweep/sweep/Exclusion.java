package org.dalesweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code exclude} rule of a sweep file: a grid point is dropped when it matches every
 * axis value the rule gives (axis keys only; numbers compare by value).
 */
public record Exclusion(Map<String, JsonNode> match) {

    public Exclusion {
        if (match == null || match.isEmpty()) {
            throw new IllegalArgumentException("an exclude rule needs at least one axis key");
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        match.forEach((k, v) -> copy.put(k, v.deepCopy()));
        match = Collections.unmodifiableMap(copy);
    }

    /** True when the point has every value of this rule. */
    public boolean matches(Map<String, JsonNode> point) {
        for (Map.Entry<String, JsonNode> e : match.entrySet()) {
            JsonNode v = point.get(e.getKey());
            if (v == null || !JsonValues.same(v, e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
