package org.dalesweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dalesweep.spec.Arm;
import org.dalesweep.spec.DaleMap;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.SpecValues;
import org.dalesweep.task.TrialFiles;

/**
 * Reads a sweep file, validates it completely and expands it into a {@link SweepPlan}. Nothing
 * is run or written here: every problem — YAML syntax, an unknown key at any depth, a wrong type,
 * a value out of range, an unknown task or loss, an empty axis, {@code seeds} &lt; 1, a bad sweep
 * name, an exclude rule naming a key that is not an axis — is collected, one message each naming
 * the key path and the value, and thrown together. Each grid point is checked by resolving its
 * settings tree (base merged with the point's levels) through {@link SpecCodec}; a problem shared
 * by many points is reported once.
 */
public final class SweepLoader {

    /** The top-level keys of a sweep file. */
    public static final List<String> KEYS =
            List.of("sweep", "output", "seeds", "base", "grid", "exclude", "controls", "save_params", "refine");

    /** The keys of a {@code refine:} block (DESIGN §5.4). */
    public static final List<String> REFINE_KEYS =
            List.of("axis", "range", "scale", "until", "tolerance", "seeds_per_point", "max_rounds", "at");

    private final SpecCodec codec;

    public SweepLoader(SpecCodec codec) {
        this.codec = codec;
    }

    /** Reads and expands a sweep file; {@code baseOverrides} are {@code key=value} settings applied to base. */
    public SweepPlan load(Path file, List<String> baseOverrides) throws SpecException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read the sweep file: " + e, e);
        }
        return load(text, file.toString(), baseOverrides, baseDirOf(file));
    }

    /** The directory a sweep file's relative {@code task.path}s are taken from: the file's own. */
    public static Path baseDirOf(Path sweepFile) {
        Path dir = sweepFile.toAbsolutePath().getParent();
        return dir == null ? Path.of("") : dir;
    }

    /** Validates and expands a sweep file's text; {@code source} names it in messages; trial files are found from the working directory. */
    public SweepPlan load(String text, String source, List<String> baseOverrides) throws SpecException {
        return load(text, source, baseOverrides, Path.of(""));
    }

    /**
     * Validates and expands a sweep file's text; {@code source} names it in messages, and a relative
     * {@code task.path} (a trial file) is taken relative to {@code baseDir}.
     */
    public SweepPlan load(String text, String source, List<String> baseOverrides, Path baseDir) throws SpecException {
        TrialFiles files = new TrialFiles(baseDir);
        ObjectNode root = codec.readTree(text, source);
        Set<String> problems = new LinkedHashSet<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(key + ": unknown key (known: " + String.join(", ", KEYS) + ")");
            }
        }
        String name = readName(root.get("sweep"), problems);
        String output = null;
        JsonNode out = root.get("output");
        if (out != null && !out.isNull()) {
            if (out.isTextual() && !out.asText().isBlank()) {
                output = out.asText();
            } else {
                problems.add("output: expected a directory path, got " + SpecValues.show(out));
            }
        }
        List<Long> seeds = readSeeds(root.get("seeds"), problems);
        ObjectNode base = readBase(root.get("base"), baseOverrides, problems);
        List<Axis> axes = readGrid(root.get("grid"), problems);
        List<Exclusion> exclusions = readExclusions(root.get("exclude"), axes, problems);
        List<Control> controls = readControls(root.get("controls"), problems);
        boolean saveParams = readFlag(root, "save_params", problems);
        Refine refine = readRefine(root.get("refine"), base, axes, problems);

        List<PlannedRun> runs = new ArrayList<>();
        int[] counts = new int[2];
        if (base != null && axes != null) {
            runs = expand(base, axes, exclusions == null ? List.of() : exclusions, seeds, controls, problems, counts, files);
        }
        if (!problems.isEmpty() || name == null || seeds == null || base == null || axes == null || exclusions == null) {
            throw new SpecException(new ArrayList<>(problems));
        }
        SweepSpec sweep = new SweepSpec(name, output, seeds, base, axes, exclusions, controls, saveParams, refine);
        return new SweepPlan(sweep, runs, counts[0], counts[1]);
    }

    private static String readName(JsonNode n, Set<String> problems) {
        if (n == null || n.isNull()) {
            problems.add("sweep: required, a name matching " + SweepSpec.NAME.pattern() + " (e.g. smoke)");
            return null;
        }
        if (!n.isTextual() || !SweepSpec.NAME.matcher(n.asText()).matches()) {
            problems.add("sweep: must be a name matching " + SweepSpec.NAME.pattern() + ", got " + SpecValues.show(n));
            return null;
        }
        return n.asText();
    }

    private static List<Long> readSeeds(JsonNode n, Set<String> problems) {
        if (n == null || n.isNull()) {
            return List.of(1L);
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            long count = n.asLong();
            if (count < 1) {
                problems.add("seeds: a count must be >= 1, got " + n);
                return null;
            }
            if (count > 1_000_000) {
                problems.add("seeds: a count must be <= 1000000, got " + n);
                return null;
            }
            List<Long> seeds = new ArrayList<>();
            for (long s = 1; s <= count; s++) {
                seeds.add(s);
            }
            return seeds;
        }
        if (n.isArray()) {
            if (n.isEmpty()) {
                problems.add("seeds: the list is empty (give at least one seed, or a count >= 1)");
                return null;
            }
            List<Long> seeds = new ArrayList<>();
            int before = problems.size();
            for (int i = 0; i < n.size(); i++) {
                JsonNode s = n.get(i);
                if (!s.isIntegralNumber() || !s.canConvertToLong() || s.asLong() < 0) {
                    problems.add("seeds[" + i + "]: a seed must be an integer >= 0, got " + SpecValues.show(s));
                } else if (seeds.contains(s.asLong())) {
                    problems.add("seeds[" + i + "]: seed " + s + " is listed twice");
                } else {
                    seeds.add(s.asLong());
                }
            }
            return problems.size() > before ? null : seeds;
        }
        problems.add("seeds: expected a count >= 1 or a list of seeds, got " + SpecValues.show(n));
        return null;
    }

    private ObjectNode readBase(JsonNode n, List<String> overrides, Set<String> problems) {
        ObjectNode base = JsonNodeFactory.instance.objectNode();
        int before = problems.size();
        if (n != null && !n.isNull()) {
            if (!n.isObject()) {
                problems.add("base: expected a mapping of run-spec settings, got " + SpecValues.show(n));
                return null;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    SpecCodec.setPath(base, e.getKey(), e.getValue());
                } catch (SpecException x) {
                    x.problems().forEach(p -> problems.add("base." + p));
                }
            }
        }
        try {
            codec.applyOverrides(base, overrides);
        } catch (SpecException x) {
            problems.addAll(x.problems());
        }
        if (base.has("seed")) {
            problems.add("base.seed: replicate seeds come from the top-level 'seeds' key, got seed " + base.get("seed"));
        }
        return problems.size() > before ? null : base;
    }

    private static List<Axis> readGrid(JsonNode n, Set<String> problems) {
        List<Axis> axes = new ArrayList<>();
        if (n == null || n.isNull()) {
            return axes;
        }
        if (!n.isObject()) {
            problems.add("grid: expected a mapping of key paths to lists of levels, got " + SpecValues.show(n));
            return null;
        }
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode levels = e.getValue();
            if (key.equals("seed")) {
                problems.add("grid.seed: replicate seeds come from the top-level 'seeds' key, not from an axis");
            } else if (java.util.Arrays.stream(key.split("\\.", -1)).anyMatch(String::isEmpty)) {
                problems.add("grid." + key + ": not a key path (dotted names such as alpha.init)");
            } else if (!levels.isArray()) {
                problems.add("grid." + key + ": expected a list of levels, got " + SpecValues.show(levels));
            } else if (levels.isEmpty()) {
                problems.add("grid." + key + ": empty axis (give at least one level)");
            } else {
                List<JsonNode> list = new ArrayList<>();
                levels.forEach(list::add);
                for (int i = 0; i < list.size(); i++) {
                    for (int j = 0; j < i; j++) {
                        if (JsonValues.same(list.get(i), list.get(j))) {
                            problems.add("grid." + key + "[" + i + "]: level " + SpecValues.show(list.get(i)) + " is listed twice");
                        }
                    }
                }
                axes.add(new Axis(key, list));
            }
        }
        return problems.size() > before ? null : axes;
    }

    private static List<Exclusion> readExclusions(JsonNode n, List<Axis> axes, Set<String> problems) {
        List<Exclusion> rules = new ArrayList<>();
        if (n == null || n.isNull()) {
            return rules;
        }
        if (!n.isArray()) {
            problems.add("exclude: expected a list of rules such as {task.name: go_nogo}, got " + SpecValues.show(n));
            return null;
        }
        int before = problems.size();
        for (int i = 0; i < n.size(); i++) {
            JsonNode rule = n.get(i);
            String at = "exclude[" + i + "]";
            if (!rule.isObject() || rule.isEmpty()) {
                problems.add(at + ": expected a mapping of axis keys to levels, got " + SpecValues.show(rule));
                continue;
            }
            Map<String, JsonNode> match = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Axis axis = axes == null ? null
                        : axes.stream().filter(a -> a.key().equals(e.getKey())).findFirst().orElse(null);
                if (axes != null && axis == null) {
                    problems.add(at + "." + e.getKey() + ": not an axis of the grid (axes: "
                            + (axes.isEmpty() ? "none" : axes.stream().map(Axis::key).collect(Collectors.joining(", ")))
                            + "), got " + SpecValues.show(e.getValue()));
                } else if (axis != null && axis.indexOf(e.getValue()) < 0) {
                    problems.add(at + "." + e.getKey() + ": " + SpecValues.show(e.getValue()) + " is not a level of that axis (levels: "
                            + axis.levels().stream().map(SpecValues::show).collect(Collectors.joining(", ")) + ")");
                }
                match.put(e.getKey(), e.getValue());
            }
            rules.add(new Exclusion(match));
        }
        return problems.size() > before ? null : rules;
    }

    /**
     * {@code controls}: a list of arms ({@code [frozen, twin]}), or {@code true} for {@code [frozen]}
     * and {@code false} (or nothing) for none.
     */
    private static List<Control> readControls(JsonNode n, Set<String> problems) {
        String known = java.util.Arrays.stream(Control.values()).map(Control::toString).collect(Collectors.joining(", "));
        if (n == null || n.isNull() || (n.isBoolean() && !n.asBoolean())) {
            return List.of();
        }
        if (n.isBoolean()) {
            return List.of(Control.FROZEN);
        }
        if (!n.isArray()) {
            problems.add("controls: expected a list of control arms (" + known + ") or true/false, got " + SpecValues.show(n));
            return List.of();
        }
        List<Control> arms = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode x = n.get(i);
            Control c = java.util.Arrays.stream(Control.values())
                    .filter(v -> x.isTextual() && v.toString().equals(x.asText())).findFirst().orElse(null);
            if (c == null) {
                problems.add("controls[" + i + "]: unknown control arm " + SpecValues.show(x) + " (known: " + known + ")");
            } else if (arms.contains(c)) {
                problems.add("controls[" + i + "]: " + c + " is listed twice");
            } else {
                arms.add(c);
            }
        }
        return arms;
    }

    /**
     * The {@code refine:} block, or null without one. Every problem names its key path and value;
     * {@code until} is only checked to be text here (the driver parses it with Spark SQL against
     * the runs schema before anything is written).
     */
    private Refine readRefine(JsonNode n, ObjectNode base, List<Axis> axes, Set<String> problems) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problems.add("refine: expected a mapping of " + String.join(", ", REFINE_KEYS) + ", got " + SpecValues.show(n));
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!REFINE_KEYS.contains(key)) {
                problems.add("refine." + key + ": unknown key (known in refine: " + String.join(", ", REFINE_KEYS) + ")");
            }
        }
        JsonNode axisNode = n.get("axis");
        String axis = null;
        if (axisNode == null || !axisNode.isTextual() || axisNode.asText().isBlank()) {
            problems.add("refine.axis: required, a numeric run-spec key such as loss.mixed_cost, got "
                    + (axisNode == null ? "nothing" : SpecValues.show(axisNode)));
        } else {
            axis = axisNode.asText();
            if (axes != null && axes.stream().anyMatch(a -> a.key().equals(axisNode.asText()))) {
                problems.add("refine.axis: " + axis + " is also a grid axis; the refine searches it at every grid point");
            }
        }
        double[] range = null;
        JsonNode r = n.get("range");
        if (r == null || !r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
            problems.add("refine.range: expected [low, high], two numbers, got " + (r == null ? "nothing" : SpecValues.show(r)));
        } else if (!(r.get(0).asDouble() < r.get(1).asDouble())) {
            problems.add("refine.range: empty or reversed, low must be < high, got " + SpecValues.show(r));
        } else {
            range = new double[] {r.get(0).asDouble(), r.get(1).asDouble()};
        }
        Refine.Scale scale = Refine.Scale.LOG;
        JsonNode s = n.get("scale");
        if (s != null && !s.isNull()) {
            if (s.isTextual() && (s.asText().equals("log") || s.asText().equals("linear"))) {
                scale = s.asText().equals("log") ? Refine.Scale.LOG : Refine.Scale.LINEAR;
            } else {
                problems.add("refine.scale: expected log or linear, got " + SpecValues.show(s));
            }
        }
        if (range != null && scale == Refine.Scale.LOG && range[0] < 0) {
            problems.add("refine.range: a log scale needs low >= 0, got " + SpecValues.show(r));
        }
        JsonNode u = n.get("until");
        String until = null;
        if (u == null || !u.isTextual() || u.asText().isBlank()) {
            problems.add("refine.until: required, a per-run SQL predicate over runs such as alpha_final >= 0.9, got "
                    + (u == null ? "nothing" : SpecValues.show(u)));
        } else {
            until = u.asText();
        }
        double tolerance = number(n, "tolerance", 0.1, problems);
        if (!Double.isNaN(tolerance) && !(tolerance > 0)) {
            problems.add("refine.tolerance: must be a number > 0, got " + SpecValues.show(n.get("tolerance")));
        }
        int seedsPerPoint = count(n, "seeds_per_point", 3, problems);
        int maxRounds = count(n, "max_rounds", 6, problems);
        if (axis != null && base != null) {
            checkAxis(base, axis, range, problems);
        }
        Map<String, JsonNode> at = readAt(n.get("at"), base, axis, problems);
        if (problems.size() > before || range == null || axis == null || until == null) {
            return null;
        }
        return new Refine(axis, range[0], range[1], scale, until, tolerance, seedsPerPoint, maxRounds, at);
    }

    /**
     * {@code refine.at}: run-spec keys set on every grid point before its search. Each key must be
     * a run-spec key other than the axis and {@code seed}, and its value one the key can take.
     */
    private Map<String, JsonNode> readAt(JsonNode n, ObjectNode base, String axis, Set<String> problems) {
        Map<String, JsonNode> at = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return at;
        }
        if (!n.isObject()) {
            problems.add("refine.at: expected a mapping of run-spec keys to values (e.g. {alpha.init: 0.5}), got "
                    + SpecValues.show(n));
            return at;
        }
        JsonNode resolved = null;
        if (base != null) {
            try {
                resolved = codec.tree(codec.resolve(base.deepCopy()));
            } catch (SpecException e) {
                // the base's own problems are reported where it is read
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals(axis)) {
                problems.add("refine.at." + key + ": is the axis the refine searches; it cannot also be fixed, got "
                        + SpecValues.show(e.getValue()));
                continue;
            }
            if (key.equals("seed") || (resolved != null && RunSelection.at(resolved, key) == null)) {
                problems.add("refine.at." + key + ": not a run-spec key (see `dalesweep train --dry-run`), got "
                        + SpecValues.show(e.getValue()));
                continue;
            }
            if (base != null) {
                ObjectNode tree = base.deepCopy();
                try {
                    SpecCodec.setPath(tree, key, e.getValue().deepCopy());
                    codec.resolve(tree);
                } catch (SpecException x) {
                    x.problems().forEach(p -> problems.add("refine.at." + key + ": " + p));
                    continue;
                }
            }
            at.put(key, e.getValue().deepCopy());
        }
        return at;
    }

    /** The axis must be a floating-point run-spec key, and both ends of the range valid values of it. */
    private void checkAxis(ObjectNode base, String axis, double[] range, Set<String> problems) {
        JsonNode value;
        try {
            RunSpec spec = codec.resolve(base.deepCopy());
            value = RunSelection.at(codec.tree(spec), axis);
        } catch (SpecException e) {
            return; // the base's own problems are reported where it is read
        }
        if (value == null || axis.equals("seed")) {
            problems.add("refine.axis: " + axis + " is not a run-spec key (see `dalesweep train --dry-run`)");
            return;
        }
        if (!value.isFloatingPointNumber()) {
            problems.add("refine.axis: " + axis + " is not a real-valued key (its value is " + SpecValues.show(value)
                    + "); the refine searches a number such as loss.mixed_cost");
            return;
        }
        if (range == null) {
            return;
        }
        for (double end : range) {
            ObjectNode tree = base.deepCopy();
            try {
                SpecCodec.setPath(tree, axis, JsonNodeFactory.instance.numberNode(end));
                codec.resolve(tree);
            } catch (SpecException e) {
                e.problems().forEach(p -> problems.add("refine.range: " + p));
            }
        }
    }

    private static double number(JsonNode block, String key, double otherwise, Set<String> problems) {
        JsonNode v = block.get(key);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isNumber()) {
            problems.add("refine." + key + ": expected a number, got " + SpecValues.show(v));
            return Double.NaN;
        }
        return v.asDouble();
    }

    private static int count(JsonNode block, String key, int otherwise, Set<String> problems) {
        JsonNode v = block.get(key);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1 || v.asInt() > 1000) {
            problems.add("refine." + key + ": expected an integer in [1, 1000], got " + SpecValues.show(v));
            return 1;
        }
        return v.asInt();
    }

    private static boolean readFlag(ObjectNode root, String key, Set<String> problems) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            problems.add(key + ": expected true or false, got " + SpecValues.show(n));
            return false;
        }
        return n.asBoolean();
    }

    /** The cartesian product, first axis outermost; seeds innermost; controls after the grid. */
    private List<PlannedRun> expand(ObjectNode base, List<Axis> axes, List<Exclusion> exclusions, List<Long> seeds,
                                    List<Control> controls, Set<String> problems, int[] counts, TrialFiles files) {
        Map<String, PlannedRun> runs = new LinkedHashMap<>();
        List<RunSpec> controlSpecs = new ArrayList<>();
        List<RunSpec> twinSpecs = new ArrayList<>();
        int[] index = new int[axes.size()];
        int points = 0;
        boolean more = true;
        while (more) {
            Map<String, JsonNode> point = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                point.put(axes.get(a).key(), axes.get(a).levels().get(index[a]));
            }
            if (exclusions.stream().noneMatch(x -> x.matches(point))) {
                points++;
                RunSpec spec = resolvePoint(base, point, problems, files);
                if (spec != null && seeds != null) {
                    for (long seed : seeds) {
                        RunSpec s = spec.withSeed(seed);
                        runs.putIfAbsent(codec.runId(s), new PlannedRun(codec.runId(s), s, false));
                    }
                    if (controls.contains(Control.FROZEN) && spec.alpha().trainable()) {
                        for (double frozen : new double[] {0, 1}) {
                            controlSpecs.add(spec.withAlpha(spec.alpha().frozenAt(frozen)));
                        }
                    }
                    if (controls.contains(Control.TWIN) && spec.arm() == Arm.LEARNED) {
                        twinSpecs.add(spec.withNetwork(spec.network().withDaleMap(DaleMap.NONE)));
                    }
                }
            }
            more = false;
            for (int a = axes.size() - 1; a >= 0; a--) {
                if (++index[a] < axes.get(a).levels().size()) {
                    more = true;
                    break;
                }
                index[a] = 0;
            }
        }
        if (points == 0) {
            problems.add("exclude: every grid point is excluded, nothing to run");
        }
        int added = 0;
        if (seeds != null) {
            controlSpecs.addAll(twinSpecs);
            for (RunSpec control : controlSpecs) {
                for (long seed : seeds) {
                    RunSpec s = control.withSeed(seed);
                    String id = codec.runId(s);
                    if (!runs.containsKey(id)) {
                        runs.put(id, new PlannedRun(id, s, true));
                        added++;
                    }
                }
            }
        }
        counts[0] = points;
        counts[1] = added;
        return new ArrayList<>(runs.values());
    }

    private RunSpec resolvePoint(ObjectNode base, Map<String, JsonNode> point, Set<String> problems, TrialFiles files) {
        ObjectNode tree = base.deepCopy();
        try {
            for (Map.Entry<String, JsonNode> e : point.entrySet()) {
                SpecCodec.setPath(tree, e.getKey(), e.getValue());
            }
            return files.locate(codec.resolve(tree));
        } catch (SpecException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
