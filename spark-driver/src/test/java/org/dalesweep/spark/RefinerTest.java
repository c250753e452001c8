package org.dalesweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dalesweep.cli.CommandRun;
import org.dalesweep.cli.RefineCommand;
import org.dalesweep.cli.SqlCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refine's mechanics on Spark with a stand-in trainer (DESIGN §5.4): the search brackets a known
 * boundary (the predicate reads the probed value itself), probes are ordinary runs trained once, a
 * refine started again re-derives its rounds from disk and trains nothing, and bad `until`
 * predicates are one line each, exit 2, nothing written.
 */
@Tag("spark")
class RefinerTest {

    @TempDir
    Path dir;

    private static final String SWEEP = """
            sweep: refine-mechanics
            seeds: 1
            base:
              network: {units: 8}
              training: {iterations: 10, eval_every: 5}
            grid:
              task.name: [perceptual_dm, go_nogo]
            controls: [twin]
            refine:
              axis: loss.mixed_cost
              range: [0.001, 1.0]
              scale: log
              until: UNTIL
              tolerance: 0.6
              seeds_per_point: 2
              max_rounds: 6
            """;

    private CommandRun refine(String until, Path out) throws Exception {
        return refineFile(SWEEP.replace("UNTIL", until), out);
    }

    /** `dalesweep refine` on this sweep text, with each {@code only} as an --only term. */
    private CommandRun refineFile(String sweep, Path out, String... only) throws Exception {
        Path file = dir.resolve("refine.yaml");
        Files.writeString(file, sweep);
        List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "--out", out.toString(), "--conf",
                "spark.ui.enabled=false", "--progress-seconds", "30"));
        for (String o : only) {
            args.add("--only");
            args.add(o);
        }
        return CommandRun.of(new RefineCommand(FakeExecutor.quick()), args.toArray(String[]::new));
    }

    private static List<String> boundaries(Path out) {
        CommandRun sql = CommandRun.of(new SqlCommand(), "--in", out.toString(), "--format", "csv",
                "SELECT task, arm, bracket_low, bracket_high, censored, n_runs, rounds, estimate, ci_low, ci_high"
                        + " FROM boundaries ORDER BY task, arm");
        assertEquals(0, sql.exitCode(), sql.err());
        return sql.out().lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void theSearchBracketsAKnownBoundaryAndAResumedRefineTrainsNothing() throws Exception {
        Path out = dir.resolve("out");
        CommandRun first = refine("loss_mixed_cost >= 0.02", out);
        assertEquals(0, first.exitCode(), first.out() + first.err());
        List<String> rows = boundaries(out);
        assertEquals(5, rows.size(), "a header and 2 tasks x {learned, twin}: " + rows);
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            double low = Double.parseDouble(f[2]);
            double high = Double.parseDouble(f[3]);
            assertTrue(low < 0.02 && 0.02 <= high && high / low - 1 <= 0.6, "bracket about 0.02 within 60 %: " + row);
            assertTrue(f[4].isEmpty(), "not censored: " + row);
            double estimate = Double.parseDouble(f[7]);
            assertTrue(low <= estimate && estimate <= high, "separated outcomes: the estimate in the gap: " + row);
        }
        assertTrue(first.out().contains("between"), first.out());

        CommandRun again = refine("loss_mixed_cost >= 0.02", out);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertFalse(again.out().matches("(?s).*[1-9]\\d* to train.*"), "every round already on disk:\n" + again.out());
        assertEquals(rows, boundaries(out), "the same rounds, derived again from the runs on disk");
    }

    @Test
    void aUntilThatDoesNotParseOrNamesNoColumnIsOneLineAndNothingIsWritten() throws Exception {
        for (String bad : List.of("alpha_final >=", "1 = 1", "no_such_column > 3", "alpha_final + 1")) {
            Path out = dir.resolve("bad");
            CommandRun run = refine(bad, out);
            assertEquals(2, run.exitCode(), bad + ": " + run.out() + run.err());
            List<String> problems = run.err().lines().filter(l -> l.contains("refine.until")).toList();
            assertEquals(1, problems.size(), bad + ": " + run.err());
            assertTrue(problems.get(0).contains(bad), "names the value: " + problems.get(0));
            assertFalse(Files.exists(out), "nothing written for " + bad);
        }
    }

    @Test
    void refineOnAFileWithoutTheBlockIsRefused() throws Exception {
        Path file = dir.resolve("plain.yaml");
        Files.writeString(file, SWEEP.substring(0, SWEEP.indexOf("refine:")));
        Path out = dir.resolve("plain");
        CommandRun run = CommandRun.of(new RefineCommand(FakeExecutor.quick()), file.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("refine:"), run.err());
        assertFalse(Files.exists(out));
    }

    private static final String CHUNKED = """
            sweep: refine-chunks
            seeds: 1
            base:
              network: {units: 8}
              training: {iterations: 10, eval_every: 5}
            grid:
              task.name: [perceptual_dm, go_nogo]
              alpha.init: [0.2, 0.8]
            controls: [twin]
            refine:
              axis: loss.mixed_cost
              range: [0.001, 1.0]
              until: loss_mixed_cost >= 0.02
              tolerance: 0.6
              seeds_per_point: 1
              at: {alpha.init: 0.5}
            """;

    private CommandRun chunk(Path out, String... only) throws Exception {
        return refineFile(CHUNKED, out, only);
    }

    private static List<String> boundaryRows(Path out) {
        CommandRun sql = CommandRun.of(new SqlCommand(), "--in", out.toString(), "--format", "csv",
                "SELECT task, alpha_init, arm, bracket_low, bracket_high, n_runs, rounds FROM boundaries ORDER BY task, arm");
        assertEquals(0, sql.exitCode(), sql.err());
        return sql.out().lines().filter(l -> !l.isBlank()).skip(1).toList();
    }

    @Test
    void refineAtSearchesOncePerCollapsedPointAndOnlyChunksKeepEveryFinishedBoundary() throws Exception {
        Path out = dir.resolve("chunks");
        CommandRun first = chunk(out, "task.name=perceptual_dm");
        assertEquals(0, first.exitCode(), first.out() + first.err());
        List<String> perceptual = boundaryRows(out);
        assertEquals(2, perceptual.size(), "alpha.init 0.2 and 0.8 collapse to one search at 0.5 per arm: " + perceptual);
        assertTrue(perceptual.stream().allMatch(r -> r.startsWith("perceptual_dm,0.5,")), perceptual.toString());
        assertFalse(first.out().contains("task.name=go_nogo"), "the other task's searches are not trained:\n" + first.out());

        CommandRun second = chunk(out, "task.name=go_nogo");
        assertEquals(0, second.exitCode(), second.out() + second.err());
        List<String> both = boundaryRows(out);
        assertEquals(4, both.size(), both.toString());
        assertTrue(both.containsAll(perceptual), "the first chunk's boundaries, read back from its runs: " + both);

        CommandRun whole = chunk(out);
        assertEquals(0, whole.exitCode(), whole.out() + whole.err());
        assertFalse(whole.out().matches("(?s).*[1-9]\\d* to train.*"), "every chunk already on disk:\n" + whole.out());
        assertEquals(both, boundaryRows(out));
    }

    @Test
    void onlyNamingTheAxisOrTheSeedIsRefusedWithARefine() throws Exception {
        for (String only : List.of("loss.mixed_cost=0.01", "seed=1")) {
            Path out = dir.resolve("refused");
            CommandRun run = chunk(out, only);
            assertEquals(2, run.exitCode(), only + ": " + run.out() + run.err());
            assertTrue(run.err().contains("--only " + only), run.err());
            assertFalse(Files.exists(out), "nothing written for " + only);
        }
    }
}
