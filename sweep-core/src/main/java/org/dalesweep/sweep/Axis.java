package org.dalesweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One grid axis of a sweep: a dotted key path into the run spec ({@code alpha.init},
 * {@code network.tau_ratio}, {@code loss}) and its levels in file order. A level may be a scalar
 * or a whole sub-object that is merged onto the base at that key.
 */
public record Axis(String key, List<JsonNode> levels) {

    public Axis {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an axis needs a key path");
        }
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("grid." + key + ": an axis needs at least one level");
        }
        levels = levels.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    @Override
    public List<JsonNode> levels() {
        return levels.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    /** The index of the level equal to {@code value} (numbers compare by value: 2 equals 2.0), or -1. */
    public int indexOf(JsonNode value) {
        for (int i = 0; i < levels.size(); i++) {
            if (JsonValues.same(levels.get(i), value)) {
                return i;
            }
        }
        return -1;
    }
}
