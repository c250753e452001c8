package org.dalesweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Resolves a user's settings onto the defaults ({@link RunSpec#DEFAULT}): merged key by key, an
 * unknown key at any depth a problem naming its path; the task section checked against its task's
 * parameters ({@link TaskParam#check}, from the {@link TaskCatalog}); each other section bound into
 * its record; every problem collected before failing.
 */
final class SpecResolver {

    private static final List<String> SECTIONS = List.of("seed", "task", "network", "alpha", "loss", "training");

    private final ObjectMapper json;
    private final SectionBinder binder;
    private final TaskCatalog tasks;

    SpecResolver(ObjectMapper json, TaskCatalog tasks) {
        this.json = json;
        this.binder = new SectionBinder(json);
        this.tasks = tasks;
    }

    /** See {@link SpecCodec#resolve}. */
    RunSpec resolve(ObjectNode user) throws SpecException {
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
        NetworkSpec network = binder.bind(merged, "network", NetworkSpec.class, problems);
        AlphaSpec alpha = binder.bind(merged, "alpha", AlphaSpec.class, problems);
        LossSpec loss = binder.bind(merged, "loss", LossSpec.class, problems);
        TrainingSpec training = binder.bind(merged, "training", TrainingSpec.class, problems);
        if (task != null && loss != null && loss.kind() == LossKind.CROSS_ENTROPY
                && !tasks.byName(task.name()).orElseThrow().classification()) {
            problems.add("loss.kind: cross_entropy needs a classification task, task.name is '" + task.name() + "'");
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
        String name = nameNode == null ? tasks.defaultTask() : nameNode.asText();
        if (nameNode != null && !nameNode.isTextual()) {
            problems.add("task.name: expected a task name, got " + SpecValues.show(nameNode));
            return null;
        }
        Optional<TaskSchema> def = tasks.byName(name);
        if (def.isEmpty()) {
            problems.add("task.name: unknown task " + SpecValues.show(name) + " (known: " + String.join(", ", tasks.names()) + ")");
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
            Optional<TaskParam> param = def.get().param(e.getKey());
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

    private TaskSpec taskFrom(JsonNode node) {
        TreeMap<String, Object> params = new TreeMap<>();
        TaskSchema def = tasks.byName(node.get("name").asText()).orElseThrow();
        for (TaskParam p : def.params()) {
            params.put(p.key(), p.valueOf(node.get(p.key())));
        }
        return new TaskSpec(def.name(), params);
    }
}
