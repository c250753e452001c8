package org.dalesweep.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A validated sweep expanded into its runs, in the deterministic order of expansion (axes in file
 * order, levels in order, then seeds; controls after the grid), each run id once. The fingerprint
 * names the resolved content — sweep name, save_params and the set of run ids — so an output
 * directory can tell a resumed sweep from a different one.
 */
public record SweepPlan(SweepSpec sweep, List<PlannedRun> runs, int gridPoints, int controlRuns) {

    public SweepPlan {
        Objects.requireNonNull(sweep, "sweep");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a sweep plan needs at least one run");
        }
        if (new HashSet<>(runIds(runs)).size() != runs.size()) {
            throw new IllegalArgumentException("a sweep plan holds each run id once");
        }
    }

    private static List<String> runIds(List<PlannedRun> runs) {
        return runs.stream().map(PlannedRun::runId).toList();
    }

    public List<String> runIds() {
        return runIds(runs);
    }

    /** SHA-256 (hex) over the sweep name, save_params and the sorted run ids. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder(sweep.name()).append('\n').append(sweep.saveParams()).append('\n');
        runIds().stream().sorted().forEach(id -> sb.append(id).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * The resolved sweep as a settings tree, for {@code sweep.yaml}: the tool version, name,
     * fingerprint, sizes, seeds, base (overrides applied), grid, exclude rules, flags and run ids.
     */
    public ObjectNode toTree(String toolVersion) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode t = f.objectNode();
        t.put("tool_version", toolVersion);
        t.put("sweep", sweep.name());
        t.put("fingerprint", fingerprint());
        t.put("runs", runs.size());
        t.put("grid_points", gridPoints);
        t.put("control_runs", controlRuns);
        ArrayNode seeds = t.putArray("seeds");
        sweep.seeds().forEach(seeds::add);
        t.set("base", sweep.base());
        ObjectNode grid = t.putObject("grid");
        sweep.axes().forEach(a -> grid.set(a.key(), f.arrayNode().addAll(a.levels())));
        ArrayNode exclude = t.putArray("exclude");
        sweep.exclusions().forEach(x -> {
            ObjectNode rule = exclude.addObject();
            x.match().forEach((k, v) -> rule.set(k, v.deepCopy()));
        });
        ArrayNode arms = t.putArray("controls");
        sweep.controls().forEach(c -> arms.add(c.toString()));
        t.put("save_params", sweep.saveParams());
        if (sweep.refine() != null) {
            Refine r = sweep.refine();
            ObjectNode refine = t.putObject("refine");
            refine.put("axis", r.axis());
            refine.putArray("range").add(r.low()).add(r.high());
            refine.put("scale", r.scale().toString());
            refine.put("until", r.until());
            refine.put("tolerance", r.tolerance());
            refine.put("seeds_per_point", r.seedsPerPoint());
            refine.put("max_rounds", r.maxRounds());
            if (!r.at().isEmpty()) {
                ObjectNode at = refine.putObject("at");
                r.at().forEach((k, v) -> at.set(k, v.deepCopy()));
            }
        }
        ArrayNode ids = t.putArray("run_ids");
        runIds().forEach(ids::add);
        return t;
    }
}
