package org.dalesweep.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Reads, resolves, writes and names run specs: the one entry point, each part done by a class of its
 * own. The defaults are the sections' {@code DEFAULT} records ({@link RunSpec#DEFAULT}). A user's YAML
 * (or JSON) is read into a settings tree with its {@code key=value} overrides ({@link SettingsTree}),
 * merged key by key onto the defaults — an unknown key at any depth is a problem naming its path — and
 * bound section by section into the records, every problem collected before failing
 * ({@link SpecResolver}, {@link SectionBinder}; task parameters are checked by their {@link TaskParam}).
 * {@link #canonicalJson} is the one serialisation that outputs store and {@link #runId} hashes (less a
 * file task's {@code task.path}: the id follows the trials' SHA-256, not where the file lies); which
 * keys it writes is {@link RunIdentity}'s policy ({@link CanonicalSpec}). {@link #flatten} is the
 * column-naming rule ({@link SpecColumnNames}).
 */
public final class SpecCodec {

    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final SettingsTree settings;
    private final SpecResolver resolver;
    private final CanonicalSpec canonical;
    private final SpecColumnNames columns;

    public SpecCodec() {
        this.json = SpecMappers.json();
        this.yaml = SpecMappers.yaml();
        this.settings = new SettingsTree(yaml);
        this.resolver = new SpecResolver(json, TaskCatalog.installed());
        this.canonical = new CanonicalSpec(json);
        this.columns = new SpecColumnNames(json);
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
        return settings.read(text, source);
    }

    /** Parses the value of a {@code key=value} override as YAML: numbers, words, [lists] or {maps}. */
    public JsonNode parseValue(String text, String key) throws SpecException {
        return settings.parseValue(text, key);
    }

    /**
     * Applies {@code key=value} overrides (dotted keys) to a settings tree, in order. A missing
     * '=' or empty key is a problem naming the override.
     */
    public void applyOverrides(ObjectNode tree, List<String> overrides) throws SpecException {
        settings.applyOverrides(tree, overrides);
    }

    /** Sets a dotted key path in a settings tree, creating intermediate mappings; a mapping merges into a mapping. */
    public static void setPath(ObjectNode tree, String dotted, JsonNode value) throws SpecException {
        SettingsTree.setPath(tree, dotted, value);
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
        return resolver.resolve(user);
    }

    /** Reads a canonical JSON (or any full) spec back; the inverse of {@link #canonicalJson}. */
    public RunSpec fromJson(String text) throws SpecException {
        return resolve(readTree(text, "spec json"));
    }

    // ------------------------------------------------------------------ writing and naming

    /** Every key of a resolved spec as a JSON tree, keys sorted: what {@code --where} selects on. */
    public ObjectNode tree(RunSpec spec) {
        return canonical.tree(spec);
    }

    /**
     * The one canonical text of a resolved spec: JSON, keys sorted, no whitespace, without the keys
     * added after the id scheme was fixed while they are at their defaults ({@link RunIdentity}).
     * It is what outputs store ({@code spec_json}) and, but for a file task's {@code task.path}
     * ({@link #identityJson}), what {@link #runId} hashes; {@link #fromJson} gives the whole spec
     * back from it.
     */
    public String canonicalJson(RunSpec spec) {
        return canonical.canonicalJson(spec);
    }

    /**
     * The text {@link #runId} hashes: the canonical JSON without where the task's content lies
     * ({@link RunIdentity#identityTree}: a file task's {@code task.path}, its {@code task.sha256}
     * standing for the trials). For every other task it is the canonical JSON itself.
     */
    public String identityJson(RunSpec spec) {
        return canonical.identityJson(spec);
    }

    /**
     * The run id: the first {@value RunIdentity#RUN_ID_HEX} hex digits of SHA-256 over
     * {@link #identityJson} (the canonical JSON, for every task but {@code file}).
     */
    public String runId(RunSpec spec) {
        return canonical.runId(spec);
    }

    /** The resolved spec as YAML, for people and for the provenance of outputs. */
    public String toYaml(RunSpec spec) {
        try {
            return yaml.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a resolved spec always serialises", e);
        }
    }

    /**
     * Every spec field as one flat snake_case column: {@code seed}, {@code task} (the name) and
     * {@code task_<param>}, network fields bare ({@code units}, {@code tau_ratio}, {@code p_ee}, …),
     * the others prefixed by their section ({@code alpha_init}, {@code loss_rate_l2},
     * {@code training_iterations}). Values are Long, Integer, Double, Boolean, String or List of
     * Double; the order is stable.
     */
    public Map<String, Object> flatten(RunSpec spec) {
        return columns.flatten(spec);
    }
}
