package org.dalesweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.junit.jupiter.api.Test;

/** The {@code refine:} block of a sweep file (DESIGN §5.4): what it reads, and one problem per bad key naming its value. */
class RefineBlockTest {

    private final SweepLoader loader = new SweepLoader(new SpecCodec());

    private static final String SWEEP = """
            sweep: price
            base:
              network: {units: 16}
            grid:
              task.name: [perceptual_dm, go_nogo]
            controls: [twin]
            """;

    private static String with(String refine) {
        return SWEEP + "refine:\n" + refine.indent(2);
    }

    private SweepPlan load(String yaml) throws SpecException {
        return loader.load(yaml, "test.yaml", List.of());
    }

    private List<String> problems(String yaml) {
        return assertThrows(SpecException.class, () -> load(yaml)).problems();
    }

    private void assertOneProblem(String yaml, String keyPath, String value) {
        List<String> problems = problems(yaml);
        assertEquals(1, problems.size(), "one problem: " + problems);
        assertTrue(problems.get(0).startsWith(keyPath + ":"), "names " + keyPath + ": " + problems.get(0));
        assertTrue(problems.get(0).contains(value), "names the value " + value + ": " + problems.get(0));
        assertTrue(!problems.get(0).contains("\n"), "one line: " + problems.get(0));
    }

    @Test
    void readsTheBlockWithItsDefaults() throws SpecException {
        Refine r = load(with("axis: loss.mixed_cost\nrange: [0.0, 1.0]\nuntil: alpha_final >= 0.9\n")).sweep().refine();
        assertEquals(new Refine("loss.mixed_cost", 0, 1, Refine.Scale.LOG, "alpha_final >= 0.9", 0.1, 3, 6), r);
        assertEquals(List.of(0.0, 0.001, 0.01, 0.1, 1.0), r.coarseValues());
    }

    @Test
    void aSweepWithoutTheBlockHasNone() throws SpecException {
        assertNull(load(SWEEP).sweep().refine());
    }

    @Test
    void theBlockIsRecordedInTheResolvedSweep() throws SpecException {
        var tree = load(with("axis: loss.mixed_cost\nrange: [0.001, 1.0]\nscale: linear\nuntil: daleness_final >= 0.95\n"))
                .toTree("test");
        assertEquals("linear", tree.get("refine").get("scale").asText());
        assertEquals("daleness_final >= 0.95", tree.get("refine").get("until").asText());
    }

    @Test
    void anUnknownAxisIsOneProblem() {
        assertOneProblem(with("axis: loss.nonsense\nrange: [0, 1]\nuntil: alpha_final >= 0.9\n"), "refine.axis",
                "loss.nonsense");
    }

    @Test
    void aNonNumericAxisIsOneProblem() {
        assertOneProblem(with("axis: network.phi\nrange: [0, 1]\nuntil: alpha_final >= 0.9\n"), "refine.axis",
                "network.phi");
    }

    @Test
    void anAxisThatIsAlsoAGridAxisIsOneProblem() {
        assertOneProblem(SWEEP.replace("grid:\n", "grid:\n  loss.mixed_cost: [0.1]\n")
                + "refine: {axis: loss.mixed_cost, range: [0, 1], until: alpha_final >= 0.9}\n", "refine.axis",
                "loss.mixed_cost");
    }

    @Test
    void aReversedOrEmptyRangeIsOneProblem() {
        assertOneProblem(with("axis: loss.mixed_cost\nrange: [1.0, 0.1]\nuntil: alpha_final >= 0.9\n"), "refine.range",
                "[1.0,0.1]");
        assertOneProblem(with("axis: loss.mixed_cost\nrange: [0.5, 0.5]\nuntil: alpha_final >= 0.9\n"), "refine.range",
                "[0.5,0.5]");
    }

    @Test
    void aRangeTheAxisCannotTakeIsOneProblem() {
        assertOneProblem(with("axis: loss.mixed_cost\nrange: [-1, 1]\nscale: linear\nuntil: alpha_final >= 0.9\n"),
                "refine.range", "-1");
    }

    @Test
    void aToleranceOfZeroOrLessIsOneProblem() {
        assertOneProblem(with("axis: loss.mixed_cost\nrange: [0, 1]\nuntil: alpha_final >= 0.9\ntolerance: 0\n"),
                "refine.tolerance", "0");
        assertOneProblem(with("axis: loss.mixed_cost\nrange: [0, 1]\nuntil: alpha_final >= 0.9\ntolerance: -0.5\n"),
                "refine.tolerance", "-0.5");
    }

    @Test
    void aMissingUntilAnUnknownKeyAndABadScaleAreProblems() {
        assertOneProblem(with("axis: loss.mixed_cost\nrange: [0, 1]\n"), "refine.until", "nothing");
        assertOneProblem(with("axis: loss.mixed_cost\nrange: [0, 1]\nuntil: alpha_final >= 0.9\nstep: 3\n"),
                "refine.step", "unknown key");
        assertOneProblem(with("axis: loss.mixed_cost\nrange: [0, 1]\nuntil: alpha_final >= 0.9\nscale: cubic\n"),
                "refine.scale", "cubic");
    }

    @Test
    void atIsReadAndRecordedAndBadKeysOrValuesAreOneProblemEach() throws SpecException {
        String head = "axis: loss.mixed_cost\nrange: [0.0, 1.0]\nuntil: daleness_final >= 0.95\n";
        SweepPlan plan = load(with(head + "at: {alpha.init: 0.5, loss.rate_l2: 0.0}\n"));
        assertEquals(0.5, plan.sweep().refine().at().get("alpha.init").asDouble());
        assertEquals(0.5, plan.toTree("test").get("refine").get("at").get("alpha.init").asDouble());
        assertNull(load(with(head)).toTree("test").get("refine").get("at"), "no at: nothing recorded (old sweeps' records)");
        assertOneProblem(with(head + "at: {alpha.nope: 0.5}\n"), "refine.at.alpha.nope", "0.5");
        assertOneProblem(with(head + "at: {loss.mixed_cost: 0.5}\n"), "refine.at.loss.mixed_cost", "0.5");
        assertOneProblem(with(head + "at: {seed: 3}\n"), "refine.at.seed", "3");
        assertOneProblem(with(head + "at: [alpha.init]\n"), "refine.at", "alpha.init");
        List<String> bad = problems(with(head + "at: {alpha.init: 7}\n"));
        assertEquals(1, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("refine.at.alpha.init: ") && bad.get(0).contains("7"), bad.get(0));
    }
}
