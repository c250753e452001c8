package org.dalesweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import org.dalesweep.cli.Cli;
import org.dalesweep.cli.CommandRun;
import org.dalesweep.linalg.VectorGemm;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.sweep.PlannedRun;
import org.dalesweep.sweep.SweepPlan;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void sweepOptionParsesRunsSlotsAndSettings() {
        BenchCommand bench = new BenchCommand();
        Cli.commandLine(bench).parseArgs("--sweep", "--runs", "3", "--slots", "1", "--set", "training.iterations=5");
        assertTrue(bench.sweep);
        assertEquals(3, bench.runs);
        assertEquals(1, bench.slots);
        assertEquals(List.of("training.iterations=5"), bench.overrides);
    }

    @Test
    void sweepDefaultsToEightRunsOnTwoSlots() {
        BenchCommand bench = new BenchCommand();
        Cli.commandLine(bench).parseArgs("--sweep");
        assertEquals(8, bench.runs);
        assertEquals(2, bench.slots);
    }

    @Test
    void sweepPlanHoldsEqualRunsWithTheSettingsApplied() throws SpecException {
        SweepPlan plan = new SweepBench(3, 2, 0, List.of("training.iterations=7"), new PrintWriter(Writer.nullWriter()))
                .plan(new SpecCodec());
        assertEquals(3, plan.runs().size());
        for (PlannedRun r : plan.runs()) {
            assertEquals(128, r.spec().network().units());
            assertEquals(7, r.spec().training().iterations());
            assertEquals("perceptual_dm", r.spec().task().name());
        }
        assertEquals(List.of(1L, 2L, 3L), plan.runs().stream().map(r -> r.spec().seed()).toList());
    }

    @Test
    void sweepRejectsNonPositiveRuns() {
        assertRefused("--runs 0", "--sweep", "--runs", "0");
    }

    @Test
    void sweepRejectsNonPositiveSlots() {
        assertRefused("--slots -1", "--sweep", "--slots", "-1");
    }

    @Test
    void sweepRejectsANonNumberOfRuns() {
        CommandRun run = CommandRun.of(new BenchCommand(), "--sweep", "--runs", "eight");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("eight"), run.err());
    }

    @Test
    void sweepRejectsComparisonWithTorch() {
        assertRefused("--vs-torch", "--sweep", "--vs-torch");
    }

    @Test
    void sweepRejectsAnUnknownSettingBeforeTraining() {
        assertRefused("unitz", "--sweep", "--set", "network.unitz=3");
    }

    /**
     * {@code bench --ensemble}: a row per K with the step, the products alone and the rest, which
     * add up to the step (the split the closing figures of issue 21 rest on).
     */
    @Test
    void ensembleTableSplitsEachStepIntoProductsAndRest() {
        CommandRun run = CommandRun.of(new BenchCommand(), "--configs", "16x4x10", "--ensemble", "2", "--rounds", "1",
                "--iterations", "3", "--warmup", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> header = run.out().lines().filter(l -> l.startsWith("N ")).toList();
        assertEquals(1, header.size(), run.out());
        assertTrue(header.get(0).matches(".*ms/run-iteration .*products ms +rest ms\\s*"), header.get(0));
        List<String[]> rows = run.out().lines().filter(l -> l.matches(" *16 +4 +10 .*")).map(l -> l.trim().split(" +"))
                .toList();
        assertEquals(List.of("1", "2"), rows.stream().map(r -> r[3]).toList(), run.out());
        for (String[] r : rows) {
            double step = Double.parseDouble(r[4]);
            double products = Double.parseDouble(r[9]);
            double rest = Double.parseDouble(r[10]);
            assertTrue(products > 0 && step > 0, String.join(" ", r));
            assertEquals(step, products + rest, 1e-3 * step + 1e-3, String.join(" ", r));
        }
        if (VectorGemm.usable()) {
            List<String> ceiling = run.out().lines().filter(l -> l.startsWith("N=16 B=4 T=10: with its products")).toList();
            assertEquals(1, ceiling.size(), run.out());
            double most = Double.parseDouble(ceiling.get(0).replaceAll(".*solo/ensemble at most ", ""));
            assertTrue(most > 0, ceiling.get(0));
            assertTrue(run.out().contains("vector FMA rate of this core"), run.out());
        }
    }

    /** {@code bench ARGS} exits with the bad-input code and its one-line error names {@code named}. */
    private static void assertRefused(String named, String... args) {
        CommandRun run = CommandRun.of(new BenchCommand(), args);
        assertEquals(Cli.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains(named), run.err());
    }
}
