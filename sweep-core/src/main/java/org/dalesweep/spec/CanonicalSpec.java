package org.dalesweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one canonical text of a resolved spec and the run id over it: JSON with sorted keys and no
 * whitespace, written by the {@link RunIdentity} policy (a key added after the id scheme was fixed is
 * left out at its default), and the identity text the id hashes (less a file task's location).
 */
final class CanonicalSpec {
    private final ObjectMapper json;

    CanonicalSpec(ObjectMapper json) {
        this.json = json;
    }

    /** See {@link SpecCodec#tree}. */
    ObjectNode tree(RunSpec spec) {
        return json.valueToTree(spec);
    }

    /** See {@link SpecCodec#canonicalJson}. */
    String canonicalJson(RunSpec spec) {
        return write(canonicalTree(spec));
    }

    /** See {@link SpecCodec#identityJson}. */
    String identityJson(RunSpec spec) {
        return write(RunIdentity.identityTree(canonicalTree(spec)));
    }

    /** See {@link SpecCodec#runId}. */
    String runId(RunSpec spec) {
        return RunIdentity.hash(identityJson(spec));
    }

    private ObjectNode canonicalTree(RunSpec spec) {
        return RunIdentity.FIXED.canonicalTree(tree(spec), tree(RunSpec.defaults(spec.task().name())));
    }

    private String write(ObjectNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a resolved spec always serialises", e);
        }
    }
}
