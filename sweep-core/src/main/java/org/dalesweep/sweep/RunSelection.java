package org.dalesweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.FileTask;
import org.dalesweep.task.TrialFiles;

/**
 * The runs of a sweep that {@code run --only KEY=VALUE} selects: those whose resolved spec has
 * that value at that dotted key, for every {@code --only} given (repeated keys: any of their values).
 * Any run-spec key may be named ({@code task.name}, {@code alpha.init}, {@code seed},
 * {@code network.tau_ratio}, a whole sub-object such as {@code loss={kind: mse, rate_l2: 0.01}}); values
 * are read as YAML and numbers compare by value (1 matches 1.0). A {@code task.path} is a trial file
 * as the sweep file names it: relative to the sweep file's directory, resolved as the loader
 * resolves the sweep's own {@code task.path} ({@link TrialFiles#resolve}).
 */
public final class RunSelection {

    /** The key naming a trial file, taken from the sweep file's directory. */
    private static final String TASK_PATH = "task." + FileTask.PATH;

    private final Map<String, List<JsonNode>> wanted;

    private RunSelection(Map<String, List<JsonNode>> wanted) {
        this.wanted = wanted;
    }

    /** Every run. */
    public static RunSelection all() {
        return new RunSelection(Map.of());
    }

    public boolean selectsAll() {
        return wanted.isEmpty();
    }

    /**
     * Parses {@code KEY=VALUE} terms; a term without '=', or naming a key no run of the plan has,
     * is a problem naming the term. A {@code task.path} value is placed by {@code files} (made with
     * the sweep file's directory, as the loader's).
     */
    public static RunSelection parse(List<String> terms, SweepPlan plan, SpecCodec codec, TrialFiles files)
            throws SpecException {
        Map<String, List<JsonNode>> wanted = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        JsonNode sample = plan.runs().isEmpty() ? null : tree(plan.runs().get(0), codec);
        for (String term : terms) {
            int eq = term.indexOf('=');
            if (eq <= 0) {
                problems.add("--only " + term + ": expected KEY=VALUE with a run-spec key, e.g. task.name=go_nogo");
                continue;
            }
            String key = term.substring(0, eq).trim();
            if (sample != null && at(sample, key) == null) {
                problems.add("--only " + term + ": " + key + " is not a run-spec key (see `dalesweep train --dry-run`)");
                continue;
            }
            JsonNode value = codec.parseValue(term.substring(eq + 1).trim(), key);
            if (key.equals(TASK_PATH) && value.isTextual() && !value.asText().isBlank()) {
                value = TextNode.valueOf(files.resolve(value.asText()).toString());
            }
            wanted.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new RunSelection(wanted);
    }

    /** True when the run matches every key given. */
    public boolean matches(PlannedRun run, SpecCodec codec) {
        if (wanted.isEmpty()) {
            return true;
        }
        JsonNode spec = tree(run, codec);
        for (Map.Entry<String, List<JsonNode>> e : wanted.entrySet()) {
            JsonNode have = at(spec, e.getKey());
            if (have == null || e.getValue().stream().noneMatch(v -> same(have, v))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a term names this dotted key (or a key inside it). */
    public boolean names(String key) {
        return wanted.keySet().stream().anyMatch(k -> k.equals(key) || key.startsWith(k + "."));
    }

    /** The selection as the user gave it, for messages. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        wanted.forEach((k, vs) -> vs.forEach(v -> parts.add(k + "=" + (v.isTextual() ? v.asText() : v.toString()))));
        return String.join(", ", parts);
    }

    private static JsonNode tree(PlannedRun run, SpecCodec codec) {
        return codec.tree(run.spec());
    }

    /** The node at a dotted key of a spec tree, or null when the key is not there. */
    public static JsonNode at(JsonNode tree, String dotted) {
        JsonNode n = tree;
        for (String part : dotted.split("\\.", -1)) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(part);
        }
        return n;
    }

    private static boolean same(JsonNode have, JsonNode want) {
        if (have.isNumber() && want.isNumber()) {
            return have.doubleValue() == want.doubleValue();
        }
        if (have.isObject() && want.isObject()) {
            for (var it = want.fields(); it.hasNext(); ) {
                var f = it.next();
                JsonNode h = have.get(f.getKey());
                if (h == null || !same(h, f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (have.isValueNode() && want.isValueNode()) {
            return have.asText().equals(want.asText());
        }
        return have.equals(want);
    }
}
