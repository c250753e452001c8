package org.dalesweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run-id policy: which keys of a resolved spec enter its canonical JSON, and the hash of it.
 *
 * <p>The id scheme was fixed on 2026-12-05 with the keys every spec had then. A key added later
 * (a {@linkplain #LATER_KEYS later key}) is left out of the canonical JSON while it is at its
 * default, and written when it is not, so adding a key keeps every existing run id and resume keeps
 * finding the runs an output already holds. Every key of the scheme as fixed is always written.
 * Resolving the canonical JSON fills an omitted key with its default, so the stored text still
 * gives back the whole spec. A later key's default is frozen with it in {@link #LATER_KEYS}: were it
 * to change, runs at the old default (written without the key) and at the new one (written
 * without it too) would share an id; {@code RunIdentityTest} holds the two together, and fails,
 * naming the key, when a spec gains a key that is not registered here.
 *
 * <p>To add a spec key: give it its default as usual; if it joins a section or a task that
 * existed when the scheme was fixed, register {@code "<section>.<key>"} (a task parameter:
 * {@code "task.<param>"}) with that default in {@link #LATER_KEYS}. A new task's parameters need
 * nothing: no run of it existed before, so all of them are part of its ids.
 */
public final class RunIdentity {

    /** Length in hex digits of a run id (64 bits of SHA-256). */
    public static final int RUN_ID_HEX = 16;

    /**
     * Keys added after the id scheme was fixed, by dotted path, with their frozen defaults. Frozen:
     * an entry is never removed and its value never changes.
     */
    public static final Map<String, Object> LATER_KEYS = Map.of("loss.mixed_cost", 0.0);

    private final Map<String, Object> laterKeys;

    /** The policy with the given later keys (tests add keys with it); production code uses {@link #FIXED}. */
    public RunIdentity(Map<String, Object> laterKeys) {
        this.laterKeys = Map.copyOf(new TreeMap<>(laterKeys));
    }

    /** The policy of {@link #LATER_KEYS}. */
    public static final RunIdentity FIXED = new RunIdentity(LATER_KEYS);

    /** The later keys of this policy and their frozen defaults. */
    public Map<String, Object> laterKeys() {
        return laterKeys;
    }

    /**
     * The identity tree of a spec: {@code full} (every key of the resolved spec) without the later
     * keys whose value equals the one in {@code defaults} (the resolved defaults of the spec's task).
     * Neither argument is changed.
     */
    public ObjectNode canonicalTree(ObjectNode full, ObjectNode defaults) {
        ObjectNode out = full.deepCopy();
        for (String key : laterKeys.keySet()) {
            String[] parts = key.split("\\.");
            JsonNode parent = out;
            JsonNode parentDefault = defaults;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) {
                parent = parent.get(parts[i]);
                parentDefault = parentDefault == null ? null : parentDefault.get(parts[i]);
            }
            String leaf = parts[parts.length - 1];
            if (parent instanceof ObjectNode p && parentDefault != null && p.has(leaf)
                    && p.get(leaf).equals(parentDefault.get(leaf))) {
                p.remove(leaf);
            }
        }
        return out;
    }

    /** The run id of a canonical JSON text: the first {@value #RUN_ID_HEX} hex digits of its SHA-256. */
    public static String hash(String canonicalJson) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, RUN_ID_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
