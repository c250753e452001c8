package org.dalesweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import org.dalesweep.cli.Cli;
import org.dalesweep.cli.CommandRun;
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
        CommandRun run = CommandRun.of(new BenchCommand(), "--sweep", "--runs", "0");
        assertEquals(Cli.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--runs 0"), run.err());
    }

    @Test
    void sweepRejectsNonPositiveSlots() {
        CommandRun run = CommandRun.of(new BenchCommand(), "--sweep", "--slots", "-1");
        assertEquals(Cli.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--slots -1"), run.err());
    }

    @Test
    void sweepRejectsANonNumberOfRuns() {
        CommandRun run = CommandRun.of(new BenchCommand(), "--sweep", "--runs", "eight");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("eight"), run.err());
    }

    @Test
    void sweepRejectsComparisonWithTorch() {
        CommandRun run = CommandRun.of(new BenchCommand(), "--sweep", "--vs-torch");
        assertEquals(Cli.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--vs-torch"), run.err());
    }

    @Test
    void sweepRejectsAnUnknownSettingBeforeTraining() {
        CommandRun run = CommandRun.of(new BenchCommand(), "--sweep", "--set", "network.unitz=3");
        assertEquals(Cli.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("unitz"), run.err());
    }
}
