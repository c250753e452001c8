package org.dalesweep.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dalesweep.task.Tasks;
import org.junit.jupiter.api.Test;

/**
 * The run-id policy against a frozen record of the scheme as it was fixed: every recorded spec
 * keeps its canonical text and its id whatever keys were added since, a key added at its default
 * stays out of the hash, and a later key's default is the frozen one.
 */
class RunIdentityTest {

    /** Run id and canonical JSON of specs of every task, written by the scheme of 2026-12-05. Never re-recorded. */
    static final String RECORD = "/identity/run-ids-2026-12-05.txt";

    private final SpecCodec codec = new SpecCodec();

    record Recorded(String runId, String json) {
    }

    static List<Recorded> recorded() throws IOException {
        try (InputStream in = RunIdentityTest.class.getResourceAsStream(RECORD)) {
            assertTrue(in != null, RECORD);
            List<Recorded> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    int tab = line.indexOf('\t');
                    out.add(new Recorded(line.substring(0, tab), line.substring(tab + 1)));
                }
            }
            return out;
        }
    }

    @Test
    void everyRecordedSpecKeepsItsCanonicalTextAndItsRunId() throws Exception {
        List<Recorded> record = recorded();
        assertTrue(record.size() > Tasks.names().size(), "every task and variations of every section");
        List<String> problems = new ArrayList<>();
        for (Recorded r : record) {
            RunSpec spec = codec.fromJson(r.json());
            String now = codec.canonicalJson(spec);
            if (!now.equals(r.json())) {
                problems.add(r.runId() + ": keys new since the scheme was fixed "
                        + difference(codec.jsonMapper().readTree(now), codec.jsonMapper().readTree(r.json()), "")
                        + "; register each with its default in RunIdentity.LATER_KEYS");
            }
            if (!codec.runId(spec).equals(r.runId())) {
                problems.add(r.runId() + ": now " + codec.runId(spec));
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void aKeyAddedAtItsDefaultLeavesEveryRecordedIdAsItWasAndAnyOtherValueEntersTheId() throws Exception {
        KeyAddition added = new KeyAddition("loss.test_only_cost", 0.0);
        for (Recorded r : recorded()) {
            RunSpec spec = codec.fromJson(r.json());
            assertEquals(r.json(), added.canonicalJson(codec, spec, 0.0),
                    "the new key at its default is left out of the canonical text");
            assertEquals(r.runId(), added.runId(codec, spec, 0.0));
            String other = added.canonicalJson(codec, spec, 0.25);
            assertTrue(other.contains("\"test_only_cost\":0.25"), other);
            assertNotEquals(r.runId(), added.runId(codec, spec, 0.25), "a new key away from its default names another run");
        }
    }

    @Test
    void aKeyOfTheSchemeAsFixedIsWrittenEvenAtItsDefault() throws Exception {
        RunSpec spec = RunSpec.DEFAULT;
        String text = codec.canonicalJson(spec);
        for (String key : List.of("\"rate_l2\":0.0", "\"seed\":0", "\"momentum\":0.0", "\"autapses\":false")) {
            assertTrue(text.contains(key), key + " in " + text);
        }
    }

    @Test
    void laterKeysAreRealKeysFrozenAtTheirDefaults() {
        for (Map.Entry<String, Object> e : RunIdentity.LATER_KEYS.entrySet()) {
            JsonNode frozen = codec.jsonMapper().valueToTree(e.getValue());
            boolean found = false;
            for (String task : Tasks.names()) {
                JsonNode d = at(codec.tree(RunSpec.defaults(task)), e.getKey());
                if (d != null) {
                    found = true;
                    assertEquals(frozen, d, e.getKey() + ": the default of task " + task + " is not the frozen one");
                }
            }
            assertTrue(found, e.getKey() + ": registered in RunIdentity.LATER_KEYS but no spec has it");
        }
    }

    @Test
    void theCanonicalTextGivesTheWholeSpecBack() throws Exception {
        for (Recorded r : recorded()) {
            RunSpec spec = codec.fromJson(r.json());
            assertEquals(spec, codec.fromJson(codec.canonicalJson(spec)));
            assertEquals(codec.tree(spec), codec.tree(codec.fromJson(codec.canonicalJson(spec))), "every key, later ones too");
        }
    }

    @Test
    void aFileTasksPathStaysOutOfItsIdWhileItsSha256StandsForTheTrials() throws Exception {
        String sha = "ab".repeat(32);
        RunSpec here = fileSpec("/study/a/trials.npz", sha);
        RunSpec there = fileSpec("/elsewhere/b/t.npz", sha);
        assertEquals(codec.runId(here), codec.runId(there), "the same trials at another path are the same run");
        assertTrue(codec.canonicalJson(here).contains("\"path\":\"/study/a/trials.npz\""), "the stored spec keeps the path");
        assertEquals(here, codec.fromJson(codec.canonicalJson(here)));
        assertTrue(!codec.identityJson(here).contains("path"), codec.identityJson(here));
        assertEquals(codec.runId(here), RunIdentity.hash(codec.identityJson(here)));
        assertNotEquals(codec.runId(here), codec.runId(fileSpec("/study/a/trials.npz", "cd".repeat(32))),
                "other trials, another run");
        assertNotEquals(codec.runId(fileSpec("/a.npz", "")), codec.runId(fileSpec("/b.npz", "")),
                "without a recorded SHA-256 the path tells the files apart");
        RunSpec builtIn = RunSpec.DEFAULT;
        assertEquals(codec.canonicalJson(builtIn), codec.identityJson(builtIn), "other tasks hash their canonical JSON");
    }

    private RunSpec fileSpec(String path, String sha) throws SpecException {
        List<String> sets = new ArrayList<>(List.of("task.name=file", "task.dt_ms=20", "task.path=" + path));
        if (!sha.isEmpty()) {
            sets.add("task.sha256=" + sha);
        }
        return codec.parse("", "test", sets);
    }

    private static JsonNode at(JsonNode tree, String dotted) {
        JsonNode n = tree;
        for (String part : dotted.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    /** Key paths in {@code now} that {@code then} does not have. */
    private static TreeSet<String> difference(JsonNode now, JsonNode then, String path) {
        TreeSet<String> out = new TreeSet<>();
        for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            String p = path.isEmpty() ? k : path + "." + k;
            if (!then.has(k)) {
                out.add(p);
            } else if (now.get(k).isObject()) {
                out.addAll(difference(now.get(k), then.get(k), p));
            }
        }
        return out;
    }
}
