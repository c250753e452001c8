package org.dalesweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A spec key tried before it exists: the canonical text and run id a spec would have if {@code key}
 * (dotted, e.g. {@code loss.new_cost}) were a key with the frozen default {@code frozenDefault},
 * registered in {@link RunIdentity#LATER_KEYS} as the policy asks, and set to some value. The identity
 * tests hold their recorded specs to it: at the default, text and id stay as recorded; at any other
 * value the key enters the id.
 */
public record KeyAddition(String key, Object frozenDefault) {

    public KeyAddition {
        new Checks("").notNull("key", key).notNull("frozen default", frozenDefault).done();
    }

    /** The canonical JSON of {@code spec} with this key at {@code value}. */
    public String canonicalJson(SpecCodec codec, RunSpec spec, Object value) throws SpecException {
        return write(codec.jsonMapper(), canonicalTree(codec, spec, value));
    }

    /** The run id of {@code spec} with this key at {@code value}. */
    public String runId(SpecCodec codec, RunSpec spec, Object value) throws SpecException {
        return RunIdentity.hash(write(codec.jsonMapper(), RunIdentity.identityTree(canonicalTree(codec, spec, value))));
    }

    private ObjectNode canonicalTree(SpecCodec codec, RunSpec spec, Object value) throws SpecException {
        ObjectMapper json = codec.jsonMapper();
        ObjectNode full = codec.tree(spec);
        SpecCodec.setPath(full, key, json.valueToTree(value));
        ObjectNode defaults = codec.tree(RunSpec.defaults(spec.task().name()));
        SpecCodec.setPath(defaults, key, json.valueToTree(frozenDefault));
        Map<String, Object> later = new HashMap<>(RunIdentity.LATER_KEYS);
        later.put(key, frozenDefault);
        return new RunIdentity(later).canonicalTree(full, defaults);
    }

    private static String write(ObjectMapper json, ObjectNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec tree always serialises", e);
        }
    }
}
