package org.dalesweep.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The task of a run: its name and every one of its parameters, defaults written out. Values are
 * Integer, Double, Boolean, String or List of Double, as the task's {@code TaskParam}s declare;
 * {@code SpecCodec} resolves and checks them.
 */
public record TaskSpec(String name, SortedMap<String, Object> params) {

    /** The default task ({@code perceptual_dm}) with every parameter at its default. */
    public static final TaskSpec DEFAULT = defaults(TaskCatalog.installed().defaultTask());

    public TaskSpec {
        new Checks("task").notNull("name", name).done();
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** The named task with every parameter at its default; an unknown name is an {@link IllegalArgumentException}. */
    public static TaskSpec defaults(String name) {
        return TaskCatalog.installed().defaults(name);
    }

    /** The section as written in YAML/JSON: {@code name} first, then the parameters. */
    @JsonValue
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.putAll(params);
        return m;
    }

    /**
     * This task with parameter {@code key} set to {@code value} (of the parameter's type); a key the
     * task does not have is an {@link IllegalArgumentException} naming it.
     */
    public TaskSpec with(String key, Object value) {
        if (!params.containsKey(key)) {
            throw new IllegalArgumentException("task." + key + ": no such parameter of task " + name + " (known: "
                    + String.join(", ", params.keySet()) + ")");
        }
        TreeMap<String, Object> changed = new TreeMap<>(params);
        changed.put(key, value);
        return new TaskSpec(name, changed);
    }

    public double number(String key) {
        return ((Number) get(key)).doubleValue();
    }

    public int integer(String key) {
        return ((Number) get(key)).intValue();
    }

    public boolean flag(String key) {
        return (Boolean) get(key);
    }

    public String text(String key) {
        return (String) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<Double> numbers(String key) {
        return (List<Double>) get(key);
    }

    private Object get(String key) {
        Object v = params.get(key);
        if (v == null) {
            throw new IllegalArgumentException("task " + name + " has no parameter '" + key + "'");
        }
        return v;
    }
}
