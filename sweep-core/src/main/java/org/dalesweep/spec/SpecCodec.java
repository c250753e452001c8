package org.dalesweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dalesweep.task.TaskDefinition;
import org.dalesweep.task.TaskParam;
import org.dalesweep.task.Tasks;

/**
 * Reads, resolves, writes and names run specs. The defaults are the sections' {@code DEFAULT}
 * records ({@link RunSpec#DEFAULT}). A user's YAML (or JSON) is merged key by key onto the defaults — an unknown
 * key at any depth is a problem naming its path — then bound section by section into the records,
 * collecting every problem before failing. {@link #canonicalJson} is the one serialisation that
 * outputs store and {@link #runId} hashes (less a file task's {@code task.path}: the id follows the
 * trials' SHA-256, not where the file lies); which keys it writes is {@link RunIdentity}'s policy (a
 * key added after the id scheme was fixed is left out at its default, so new keys keep old run ids).
 */
public final class SpecCodec {

    private static final List<String> SECTIONS = List.of("seed", "task", "network", "alpha", "loss", "training");

    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public SpecCodec() {
        this.json = configure(JsonMapper.builder()).build();
        this.yaml = configure(YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .build()))
                .build();
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B b) {
        return b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    public ObjectMapper jsonMapper() {
        return json;
    }

    public ObjectMapper yamlMapper() {
        return yaml;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Parses YAML (JSON is YAML) into a tree of user settings; {@code source} names the file or
     * flag in messages. An empty document is an empty set of settings.
     */
    public ObjectNode readTree(String text, String source) throws SpecException {
        JsonNode node;
        try {
            node = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SpecException(source + ": not valid YAML: " + oneLine(e.getOriginalMessage())
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new SpecException(source + ": expected a mapping of settings at the top, got "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    /**
     * A YAML parser's message on one line: its statements ("while parsing a flow sequence",
     * "expected ',' or ']'…"), without the indented quotes of the input and the caret under them —
     * the line and column follow separately.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        String joined = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).collect(java.util.stream.Collectors.joining("; "));
        return joined.isEmpty() ? message.strip().replaceAll("\\s+", " ") : joined;
    }

    /** Parses the value of a {@code key=value} override as YAML: numbers, words, [lists] or {maps}. */
    public JsonNode parseValue(String text, String key) throws SpecException {
        try {
            JsonNode v = yaml.readTree(text.isEmpty() ? "''" : text);
            return v == null ? JsonNodeFactory.instance.textNode("") : v;
        } catch (JsonProcessingException e) {
            throw new SpecException(key + ": cannot read value " + SpecValues.show(text) + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Applies {@code key=value} overrides (dotted keys) to a settings tree, in order. A missing
     * '=' or empty key is a problem naming the override.
     */
    public void applyOverrides(ObjectNode tree, List<String> overrides) throws SpecException {
        List<String> problems = new ArrayList<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                problems.add("--set " + SpecValues.show(o) + ": expected key=value, e.g. network.units=128");
                continue;
            }
            String key = o.substring(0, eq).trim();
            try {
                setPath(tree, key, parseValue(o.substring(eq + 1).trim(), key));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }

    /** Sets a dotted key path in a settings tree, creating intermediate mappings. */
    public static void setPath(ObjectNode tree, String dotted, JsonNode value) throws SpecException {
        String[] parts = dotted.split("\\.", -1);
        if (Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new SpecException(SpecValues.show(dotted) + ": not a key path (dotted names such as alpha.init)");
        }
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                if (child != null && !child.isNull()) {
                    throw new SpecException(String.join(".", Arrays.copyOf(parts, i + 1))
                            + ": is a value, cannot set " + dotted + " inside it");
                }
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        JsonNode old = node.get(leaf);
        if (old != null && old.isObject() && value.isObject()) {
            deepMerge((ObjectNode) old, (ObjectNode) value);
        } else {
            node.set(leaf, value.deepCopy());
        }
    }

    private static void deepMerge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = into.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                deepMerge((ObjectNode) old, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** Reads a spec file's text with overrides and resolves it. */
    public RunSpec parse(String text, String source, List<String> overrides) throws SpecException {
        ObjectNode tree = readTree(text, source);
        applyOverrides(tree, overrides);
        return resolve(tree);
    }

    /**
     * Resolves user settings onto the defaults: every unknown key, type error and out-of-range
     * value is reported, one line each, in one {@link SpecException}.
     */
    public RunSpec resolve(ObjectNode user) throws SpecException {
        List<String> problems = new ArrayList<>();
        ObjectNode merged = (ObjectNode) json.valueToTree(RunSpec.DEFAULT);
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!SECTIONS.contains(key)) {
                problems.add(key + ": unknown key (known: " + String.join(", ", SECTIONS) + ")");
            } else if (key.equals("task")) {
                JsonNode task = resolveTask(e.getValue(), problems);
                if (task != null) {
                    merged.set("task", task);
                }
            } else if (key.equals("seed")) {
                merged.set("seed", e.getValue());
            } else {
                mergeKnown((ObjectNode) merged.get(key), e.getValue(), key, problems);
            }
        }
        long seed = 0;
        JsonNode seedNode = merged.get("seed");
        if (seedNode.isIntegralNumber() && seedNode.canConvertToLong() && seedNode.asLong() >= 0) {
            seed = seedNode.asLong();
        } else {
            problems.add("seed: must be an integer >= 0, got " + SpecValues.show(seedNode));
        }
        TaskSpec task = problems.stream().anyMatch(p -> p.startsWith("task")) ? null : taskFrom(merged.get("task"));
        NetworkSpec network = bind(merged, "network", NetworkSpec.class, problems);
        AlphaSpec alpha = bind(merged, "alpha", AlphaSpec.class, problems);
        LossSpec loss = bind(merged, "loss", LossSpec.class, problems);
        TrainingSpec training = bind(merged, "training", TrainingSpec.class, problems);
        if (task != null && loss != null && loss.kind() == LossKind.CROSS_ENTROPY) {
            TaskDefinition def = Tasks.byName(task.name()).orElseThrow();
            if (!def.classification()) {
                problems.add("loss.kind: cross_entropy needs a classification task, task.name is '" + task.name() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new RunSpec(seed, task, network, alpha, loss, training);
    }

    private static void mergeKnown(ObjectNode base, JsonNode user, String path, List<String> problems) {
        if (!user.isObject()) {
            problems.add(path + ": expected a mapping of " + String.join(", ", fieldNames(base)) + ", got " + SpecValues.show(user));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = path + "." + e.getKey();
            JsonNode old = base.get(e.getKey());
            if (old == null) {
                problems.add(key + ": unknown key (known in " + path + ": " + String.join(", ", fieldNames(base)) + ")");
            } else if (old.isObject()) {
                mergeKnown((ObjectNode) old, e.getValue(), key, problems);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode resolveTask(JsonNode user, List<String> problems) {
        if (!user.isObject()) {
            problems.add("task: expected a mapping with name and the task's parameters, got " + SpecValues.show(user));
            return null;
        }
        JsonNode nameNode = user.get("name");
        String name = nameNode == null ? Tasks.DEFAULT_TASK : nameNode.asText();
        if (nameNode != null && !nameNode.isTextual()) {
            problems.add("task.name: expected a task name, got " + SpecValues.show(nameNode));
            return null;
        }
        var def = Tasks.byName(name);
        if (def.isEmpty()) {
            problems.add("task.name: unknown task " + SpecValues.show(name) + " (known: " + String.join(", ", Tasks.names()) + ")");
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", name);
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("name")) {
                continue;
            }
            var param = def.get().param(e.getKey());
            if (param.isEmpty()) {
                problems.add("task." + e.getKey() + ": unknown key for task " + name + " (known: "
                        + def.get().params().stream().map(TaskParam::key).collect(Collectors.joining(", ")) + ")");
                continue;
            }
            param.get().check(e.getValue(), problems).ifPresent(v -> out.set(e.getKey(), v));
        }
        if (problems.size() > before) {
            return null;
        }
        for (TaskParam p : def.get().params()) {
            if (!out.has(p.key())) {
                out.set(p.key(), json.valueToTree(p.defaultValue()));
            }
        }
        return out;
    }

    private static TaskSpec taskFrom(JsonNode node) {
        TreeMap<String, Object> params = new TreeMap<>();
        TaskDefinition def = Tasks.byName(node.get("name").asText()).orElseThrow();
        for (TaskParam p : def.params()) {
            params.put(p.key(), p.valueOf(node.get(p.key())));
        }
        return new TaskSpec(def.name(), params);
    }

    private <T> T bind(ObjectNode merged, String section, Class<T> type, List<String> problems) {
        try {
            return json.treeToValue(merged.get(section), type);
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause();
            while (c != null && !(c instanceof InvalidSpecException)) {
                c = c.getCause();
            }
            if (c instanceof InvalidSpecException ise) {
                problems.addAll(ise.problems());
            } else {
                problems.add(section + ": " + e.getOriginalMessage());
            }
        } catch (InvalidFormatException e) {
            problems.add(path(section, e) + ": " + expected(e.getTargetType()) + ", got " + SpecValues.show(e.getValue()));
        } catch (MismatchedInputException e) {
            JsonNode bad = at(merged.get(section), e);
            problems.add(path(section, e) + ": " + expected(e.getTargetType()) + ", got " + SpecValues.show(bad));
        } catch (JsonMappingException e) {
            Throwable c = e.getCause();
            if (c instanceof InvalidSpecException ise) {
                problems.addAll(ise.problems());
            } else {
                problems.add(path(section, e) + ": " + e.getOriginalMessage());
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add(section + ": " + e.getMessage());
        }
        return null;
    }

    private static String path(String section, JsonMappingException e) {
        StringBuilder sb = new StringBuilder(section);
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static JsonNode at(JsonNode node, JsonMappingException e) {
        JsonNode n = node;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (n == null) {
                break;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
        }
        return n;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "wrong type";
        }
        if (type.isEnum()) {
            return "expected one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "expected an integer";
        }
        if (type == double.class || type == Double.class) {
            return "expected a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "expected true or false";
        }
        return "expected " + type.getSimpleName();
    }

    // ------------------------------------------------------------------ writing and naming

    /** Every key of a resolved spec as a JSON tree, keys sorted: what {@code --where} selects on. */
    public ObjectNode tree(RunSpec spec) {
        return json.valueToTree(spec);
    }

    /**
     * The one canonical text of a resolved spec: JSON, keys sorted, no whitespace, without the keys
     * added after the id scheme was fixed while they are at their defaults ({@link RunIdentity}).
     * It is what outputs store ({@code spec_json}) and, but for a file task's {@code task.path}
     * ({@link #identityJson}), what {@link #runId} hashes; {@link #fromJson} gives the whole spec
     * back from it.
     */
    public String canonicalJson(RunSpec spec) {
        return write(canonicalTree(spec));
    }

    private ObjectNode canonicalTree(RunSpec spec) {
        return RunIdentity.FIXED.canonicalTree(tree(spec), tree(RunSpec.defaults(spec.task().name())));
    }

    /**
     * The text {@link #runId} hashes: the canonical JSON without where the task's content lies
     * ({@link RunIdentity#identityTree}: a file task's {@code task.path}, its {@code task.sha256}
     * standing for the trials). For every other task it is the canonical JSON itself.
     */
    public String identityJson(RunSpec spec) {
        return write(RunIdentity.identityTree(canonicalTree(spec)));
    }

    private String write(ObjectNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a resolved spec always serialises", e);
        }
    }

    /** The resolved spec as YAML, for people and for the provenance of outputs. */
    public String toYaml(RunSpec spec) {
        try {
            return yaml.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a resolved spec always serialises", e);
        }
    }

    /** Reads a canonical JSON (or any full) spec back; the inverse of {@link #canonicalJson}. */
    public RunSpec fromJson(String text) throws SpecException {
        return resolve(readTree(text, "spec json"));
    }

    /**
     * The run id: the first {@value RunIdentity#RUN_ID_HEX} hex digits of SHA-256 over
     * {@link #identityJson} (the canonical JSON, for every task but {@code file}).
     */
    public String runId(RunSpec spec) {
        return RunIdentity.hash(identityJson(spec));
    }

    /**
     * Every spec field as one flat snake_case column: {@code seed}, {@code task} (the name) and
     * {@code task_<param>}, network fields bare ({@code units}, {@code tau_ratio}, {@code p_ee}, …),
     * the others prefixed by their section ({@code alpha_init}, {@code loss_rate_l2},
     * {@code training_iterations}). Values are Long, Integer, Double, Boolean, String or List of
     * Double; the order is stable.
     */
    public Map<String, Object> flatten(RunSpec spec) {
        JsonNode tree = json.valueToTree(spec);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", spec.seed());
        out.put("task", spec.task().name());
        for (String section : List.of("task", "network", "alpha", "loss", "training")) {
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
            Object value;
            if (v.isIntegralNumber()) {
                value = v.isLong() ? (Object) v.asLong() : (Object) v.asInt();
            } else if (v.isNumber()) {
                value = v.asDouble();
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else if (v.isArray()) {
                List<Double> xs = new ArrayList<>();
                v.forEach(x -> xs.add(x.asDouble()));
                value = List.copyOf(xs);
            } else {
                value = v.asText();
            }
            out.put(column, value);
        }
    }
}
