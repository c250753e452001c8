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
 *
 * <p>The id names what a run learns, not where its inputs lie: a task parameter that only says
 * where the content is (a {@linkplain TaskCatalog#locations location}, such as the file task's
 * {@code task.path}) is left out of the hashed {@linkplain #identityTree identity} when the
 * parameter that stands for the content (the file's {@code task.sha256}) is recorded. The same
 * trials in another checkout, machine or directory so give the same run ids, and a study moved off
 * a cluster resumes; the stored canonical JSON still records the path the run used.
 */
public final class RunIdentity {

    /** Length in hex digits of a run id (64 bits of SHA-256). */
    public static final int RUN_ID_HEX = 16;

    /**
     * Keys added after the id scheme was fixed, by dotted path, with their frozen defaults. Frozen:
     * an entry is never removed and its value never changes.
     */
    public static final Map<String, Object> LATER_KEYS = Map.of("loss.mixed_cost", 0.0);

    /**
     * A task parameter that says where the task's content lies ({@code where}) and the one that
     * stands for that content ({@code content}), both keys of task {@code task}'s parameters.
     */
    public record Location(String task, String where, String content) {
    }

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

    /**
     * The tree a run id hashes: a canonical tree ({@link #canonicalTree}) without the
     * {@linkplain TaskCatalog#locations location} of its task when the parameter standing for the content is
     * recorded (not empty). Without it, the location stays: the id still tells the contents apart.
     * The argument is not changed.
     */
    public static ObjectNode identityTree(ObjectNode canonical) {
        ObjectNode out = canonical.deepCopy();
        if (out.get("task") instanceof ObjectNode task && task.get("name") != null) {
            for (Location l : TaskCatalog.installed().locations()) {
                JsonNode content = task.get(l.content());
                if (l.task().equals(task.get("name").asText()) && content != null && content.isTextual()
                        && !content.asText().isEmpty()) {
                    task.remove(l.where());
                }
            }
        }
        return out;
    }

    /**
     * The run id of the JSON text of an {@linkplain #identityTree identity tree} (for every task but
     * {@code file}, the canonical JSON itself): the first {@value #RUN_ID_HEX} hex digits of its SHA-256.
     */
    public static String hash(String identityJson) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(identityJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, RUN_ID_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
