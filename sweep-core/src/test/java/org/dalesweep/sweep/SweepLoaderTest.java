package org.dalesweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dalesweep.spec.Arm;
import org.dalesweep.spec.DaleMap;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

class SweepLoaderTest {

    private final SpecCodec codec = new SpecCodec();
    private final SweepLoader loader = new SweepLoader(codec);

    private SweepPlan load(String yaml, String... sets) throws SpecException {
        return loader.load(yaml, "test.yaml", List.of(sets));
    }

    private List<String> problems(String yaml, String... sets) {
        SpecException e = assertThrows(SpecException.class, () -> load(yaml, sets));
        return e.problems();
    }

    private static void assertOneProblem(List<String> problems, String keyPath, String value) {
        List<String> hits = problems.stream().filter(p -> p.startsWith(keyPath + ":") || p.startsWith(keyPath + "[")).toList();
        assertEquals(1, hits.size(), "one problem for " + keyPath + " in " + problems);
        assertTrue(hits.get(0).contains(value), "problem names the value " + value + ": " + hits.get(0));
    }

    private static final String GOOD = """
            sweep: small
            seeds: 2
            base:
              network: {units: 16}
              training.iterations: 20
            grid:
              alpha.init: [0.1, 0.5, 0.9]
              network.tau_ratio: [0.5, 2]
            controls: false
            """;

    @Test
    void expandsAxesInFileOrderThenSeeds() throws SpecException {
        SweepPlan plan = load(GOOD);
        assertEquals(12, plan.runs().size());
        assertEquals(6, plan.gridPoints());
        List<String> order = plan.runs().stream()
                .map(r -> r.spec().alpha().init() + "/" + r.spec().network().tauRatio() + "/" + r.spec().seed()).toList();
        assertEquals(List.of("0.1/0.5/1", "0.1/0.5/2", "0.1/2.0/1", "0.1/2.0/2", "0.5/0.5/1", "0.5/0.5/2",
                "0.5/2.0/1", "0.5/2.0/2", "0.9/0.5/1", "0.9/0.5/2", "0.9/2.0/1", "0.9/2.0/2"), order);
        assertTrue(plan.runs().stream().allMatch(r -> r.spec().network().units() == 16 && r.spec().training().iterations() == 20));
        plan.runs().forEach(r -> assertEquals(codec.runId(r.spec()), r.runId()));
    }

    @Test
    void expansionIsDeterministicAcrossLoads() throws SpecException {
        assertEquals(load(GOOD).runIds(), load(GOOD).runIds());
        assertEquals(load(GOOD).fingerprint(), load(GOOD).fingerprint());
    }

    @Test
    void seedListGivesThoseSeeds() throws SpecException {
        SweepPlan plan = load("sweep: s\nseeds: [7, 3]\n");
        assertEquals(List.of(7L, 3L), plan.runs().stream().map(r -> r.spec().seed()).toList());
    }

    @Test
    void controlsAddFrozenZeroAndOnePerPointDedupedAcrossAlphaInit() throws SpecException {
        SweepPlan plan = load(GOOD.replace("controls: false", "controls: true"));
        // 12 grid runs; controls depend on tau_ratio (2) x frozen value (2) x seeds (2), not on alpha.init
        assertEquals(12 + 8, plan.runs().size());
        assertEquals(8, plan.controlRuns());
        List<PlannedRun> controls = plan.runs().stream().filter(PlannedRun::control).toList();
        assertEquals(8, controls.size());
        assertTrue(controls.stream().noneMatch(r -> r.spec().alpha().trainable()));
        assertEquals(Set.of(0.0, 1.0), controls.stream().map(r -> r.spec().alpha().init()).collect(Collectors.toSet()));
        assertEquals(plan.runs().size(), Set.copyOf(plan.runIds()).size());
        assertTrue(plan.runs().subList(0, 12).stream().noneMatch(PlannedRun::control), "controls come after the grid");
    }

    @Test
    void twinControlsAddTheSignUnconstrainedTwinOfEveryLearnedRunWithItsSeed() throws SpecException {
        SweepPlan plan = load(GOOD.replace("controls: false", "controls: [frozen, twin]"));
        // 12 learned runs, 8 frozen (tau_ratio x value x seed), 12 twins (one per learned run)
        assertEquals(12 + 8 + 12, plan.runs().size());
        assertEquals(20, plan.controlRuns());
        Map<Arm, List<PlannedRun>> byArm = plan.runs().stream().collect(Collectors.groupingBy(r -> r.spec().arm()));
        assertEquals(12, byArm.get(Arm.LEARNED).size());
        assertEquals(8, byArm.get(Arm.FROZEN).size());
        assertEquals(12, byArm.get(Arm.TWIN).size());
        for (PlannedRun twin : byArm.get(Arm.TWIN)) {
            assertTrue(twin.control());
            assertEquals(DaleMap.NONE, twin.spec().network().daleMap());
            RunSpec learned = twin.spec().withNetwork(twin.spec().network().withDaleMap(DaleMap.ABS));
            assertTrue(plan.runIds().contains(codec.runId(learned)), "the twin's learned run, same seed, is planned");
        }
        assertEquals(plan.runs().size(), Set.copyOf(plan.runIds()).size());
    }

    @Test
    void controlsTrueIsTheFrozenArmAndUnknownArmsAreProblems() throws SpecException {
        assertEquals(load(GOOD.replace("controls: false", "controls: true")).runIds(),
                load(GOOD.replace("controls: false", "controls: [frozen]")).runIds());
        assertOneProblem(problems(GOOD.replace("controls: false", "controls: [frozen, twins]")), "controls", "'twins'");
        assertOneProblem(problems(GOOD.replace("controls: false", "controls: [twin, twin]")), "controls", "twice");
    }

    @Test
    void excludeDropsMatchingPointsComparingNumbersByValue() throws SpecException {
        SweepPlan plan = load(GOOD + "exclude:\n  - {alpha.init: 0.5, network.tau_ratio: 2.0}\n");
        assertEquals(5, plan.gridPoints());
        assertEquals(10, plan.runs().size());
        assertTrue(plan.runs().stream().noneMatch(r -> r.spec().alpha().init() == 0.5 && r.spec().network().tauRatio() == 2));
    }

    @Test
    void levelMayBeASubObjectMergedOntoBase() throws SpecException {
        SweepPlan plan = load("""
                sweep: loss
                base: {loss: {weight_l1: 0.5}}
                grid:
                  loss: [{kind: mse}, {kind: mse, rate_l2: 0.01}]
                """);
        assertEquals(2, plan.runs().size());
        assertEquals(0.0, plan.runs().get(0).spec().loss().rateL2());
        assertEquals(0.01, plan.runs().get(1).spec().loss().rateL2());
        assertEquals(0.5, plan.runs().get(1).spec().loss().weightL1());
    }

    @Test
    void setOverridesApplyToBase() throws SpecException {
        SweepPlan plan = load(GOOD, "network.units=8");
        assertTrue(plan.runs().stream().allMatch(r -> r.spec().network().units() == 8));
        assertFalse(load(GOOD).fingerprint().equals(plan.fingerprint()));
    }

    @Test
    void resolvedTreeRecordsVersionBaseGridAndIds() throws SpecException {
        SweepPlan plan = load(GOOD);
        var tree = plan.toTree("9.9");
        assertEquals("9.9", tree.get("tool_version").asText());
        assertEquals(12, tree.get("run_ids").size());
        assertEquals(16, tree.get("base").get("network").get("units").asInt());
        assertEquals(3, tree.get("grid").get("alpha.init").size());
    }

    // ------------------------------------------------------------------ invalid files

    @Test
    void yamlSyntaxErrorIsOneProblemWithItsLine() {
        List<String> p = problems("sweep: x\ngrid: {alpha.init: [0.1, 0.5\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("test.yaml") && p.get(0).contains("line"), p.get(0));
    }

    @Test
    void unknownTopLevelKey() {
        assertOneProblem(problems(GOOD + "seed_count: 3\n"), "seed_count", "unknown key");
    }

    @Test
    void unknownKeyDeepInBaseAndInGridAreEachReportedOnce() {
        List<String> p = problems(GOOD.replace("network: {units: 16}", "network: {units: 16, unitz: 3}")
                .replace("network.tau_ratio:", "network.connectivity.p_xx:"));
        assertOneProblem(p, "network.unitz", "unknown key");
        assertOneProblem(p, "network.connectivity.p_xx", "unknown key");
        assertEquals(2, p.size(), p.toString());
    }

    @Test
    void wrongTypeNamesKeyAndValue() {
        assertOneProblem(problems(GOOD.replace("units: 16", "units: many")), "network.units", "'many'");
    }

    @Test
    void alphaInitOutOfRangeInGridIsOneProblemPerBadLevel() {
        List<String> p = problems(GOOD.replace("[0.1, 0.5, 0.9]", "[0.1, 1.5, -0.2]"));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("alpha.init") && m.contains("1.5")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("alpha.init") && m.contains("-0.2")), p.toString());
    }

    @Test
    void alphaInitZeroOrOneWithTrainableSigmoidIsAProblem() {
        List<String> p = problems(GOOD.replace("[0.1, 0.5, 0.9]", "[0, 0.5, 1]"));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.stream().allMatch(m -> m.startsWith("alpha.init") && m.contains("sigmoid")), p.toString());
    }

    @Test
    void alphaInitZeroIsFineWhenFrozenOrClipped() throws SpecException {
        assertEquals(2, load("sweep: s\nbase: {alpha: {trainable: false}}\ngrid: {alpha.init: [0, 1]}\n").runs().size());
        assertEquals(2, load("sweep: s\nbase: {alpha: {param: clip}}\ngrid: {alpha.init: [0, 1]}\n").runs().size());
    }

    @Test
    void unknownTaskNamesTheTask() {
        assertOneProblem(problems(GOOD.replace("[0.5, 2]\n", "[0.5, 2]\n  task.name: [perceptual_dm, no_such_task]\n")), "task.name", "'no_such_task'");
    }

    @Test
    void unknownLossKindNamesTheValue() {
        assertOneProblem(problems(GOOD.replace("training.iterations: 20", "loss.kind: hinge")), "loss.kind", "'hinge'");
    }

    @Test
    void emptyAxis() {
        assertOneProblem(problems(GOOD.replace("[0.5, 2]", "[]")), "grid.network.tau_ratio", "empty axis");
    }

    @Test
    void seedsBelowOne() {
        assertOneProblem(problems(GOOD.replace("seeds: 2", "seeds: 0")), "seeds", "0");
        assertOneProblem(problems(GOOD.replace("seeds: 2", "seeds: []")), "seeds", "empty");
        assertOneProblem(problems(GOOD.replace("seeds: 2", "seeds: [1, -4]")), "seeds", "-4");
    }

    @Test
    void badSweepName() {
        assertOneProblem(problems(GOOD.replace("sweep: small", "sweep: Small Sweep")), "sweep", "'Small Sweep'");
        assertOneProblem(problems(GOOD.replace("sweep: small\n", "")), "sweep", "required");
    }

    @Test
    void excludeRuleNamingAKeyThatIsNotAnAxis() {
        List<String> p = problems(GOOD + "exclude:\n  - {task.name: go_nogo}\n");
        assertOneProblem(p, "exclude[0].task.name", "'go_nogo'");
        assertTrue(p.get(0).contains("not an axis"), p.get(0));
    }

    @Test
    void excludeValueThatIsNotALevel() {
        assertOneProblem(problems(GOOD + "exclude:\n  - {alpha.init: 0.3}\n"), "exclude[0].alpha.init", "0.3");
    }

    @Test
    void excludingEveryPointIsAProblem() {
        assertOneProblem(problems("sweep: s\ngrid: {alpha.init: [0.5]}\nexclude: [{alpha.init: 0.5}]\n"), "exclude", "every grid point");
    }

    @Test
    void badSetOverrideAndBadFlagsAreReported() {
        List<String> p = problems(GOOD.replace("controls: false", "controls: maybe"), "network.units=-3");
        assertOneProblem(p, "controls", "'maybe'");
        assertOneProblem(p, "network.units", "-3");
    }

    @Test
    void everyProblemIsCollectedNotJustTheFirst() {
        List<String> p = problems("""
                sweep: Bad!
                seeds: 0
                colour: blue
                base: {network: {units: 1}}
                grid:
                  alpha.init: []
                exclude:
                  - {loss.kind: mse}
                """);
        assertOneProblem(p, "sweep", "'Bad!'");
        assertOneProblem(p, "seeds", "0");
        assertOneProblem(p, "colour", "unknown key");
        assertOneProblem(p, "grid.alpha.init", "empty axis");
        assertEquals(4, p.size(), p.toString());
    }

    @Test
    void aProblemSharedByEveryPointIsReportedOnce() {
        List<String> p = problems(GOOD.replace("units: 16", "units: 1"));
        assertEquals(1, p.size(), p.toString());
        assertOneProblem(p, "network.units", "1");
    }

    @Test
    void seedInBaseOrGridIsRefused() {
        assertOneProblem(problems(GOOD.replace("[0.5, 2]\n", "[0.5, 2]\n  seed: [1, 2]\n")), "grid.seed", "seeds");
        assertOneProblem(problems(GOOD, "seed=4"), "base.seed", "4");
    }
}
