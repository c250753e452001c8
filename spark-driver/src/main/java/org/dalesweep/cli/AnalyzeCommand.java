package org.dalesweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.analysis.AnalysisInputException;
import org.dalesweep.analysis.Analyzer;
import org.dalesweep.analysis.SparkSessions;
import org.dalesweep.analysis.SweepOutput;
import org.dalesweep.spark.SyntheticSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep analyze --in DIR [--report DIR]}: the report answering "under which conditions
 * does alpha converge to 1?" (report.md, a self-contained report.html, PNGs). With
 * {@code --bench RUNS} it first writes a synthetic output of RUNS runs into --in, which must be a
 * new or empty directory, and times the analysis of it (the scale benchmark; not a test). It never
 * writes outside its report directory (or, with --bench, the new --in), and a report directory that
 * holds anything but an earlier report is refused. Exit code 0, 2 for bad input, 1 if writing fails.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Write the report on a sweep's output: where does alpha go to 1?"})
public final class AnalyzeCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    static final int IO_FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "The sweep output directory.")
    Path in;

    @Option(names = "--report", paramLabel = "DIR", description = "Where to write the report. Default: <in>/report.")
    Path report;

    @Option(names = "--bench", paramLabel = "RUNS",
            description = "Benchmark: first generate a synthetic output of RUNS runs into --in, a new or empty directory"
                    + " (a non-empty one is refused: nothing is overwritten).")
    Long benchRuns;

    @Option(names = "--bench-points", defaultValue = "50", paramLabel = "N",
            description = "Trajectory points per synthetic run with --bench. Default: ${DEFAULT-VALUE}.")
    int benchPoints;

    /** The files a report directory holds: an existing directory may hold these and nothing else. */
    static boolean reportFile(String name) {
        return name.equals("report.md") || name.equals("report.html") || name.endsWith(".png") || name.endsWith(".svg")
                || name.equals(org.dalesweep.analysis.Analyzer.PRICE_TESTS);
    }

    /** --bench writes a whole output: only into a directory that does not exist or is empty. */
    static void requireNewOrEmpty(Path dir) throws AnalysisInputException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new AnalysisInputException("--in " + dir + ": is a file; --bench writes a synthetic output into a new or"
                    + " empty directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new AnalysisInputException("--in " + dir + ": is not empty; --bench writes a synthetic output only"
                        + " into a new or empty directory, so that no real output is overwritten (nothing was written)");
            }
        } catch (IOException e) {
            throw new AnalysisInputException("--in " + dir + ": cannot list it (" + e.getMessage() + ")");
        }
    }

    /** The report goes into a new or empty directory, or over an earlier report (report.md, report.html, PNG or SVG charts, the price tests' CSV). */
    static void requireReportDirectory(Path dir) throws AnalysisInputException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new AnalysisInputException("--report " + dir + ": is a file, expected a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !reportFile(n)).sorted().limit(3).toList();
            if (!foreign.isEmpty()) {
                throw new AnalysisInputException("--report " + dir + ": holds files that are not a dalesweep report ("
                        + String.join(", ", foreign) + "); give a new or empty directory (nothing was written)");
            }
        } catch (IOException e) {
            throw new AnalysisInputException("--report " + dir + ": cannot list it (" + e.getMessage() + ")");
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path reportDir = report != null ? report : in.resolve("report");
        try {
            if (benchRuns == null) {
                SweepOutput.requireDirectory(in);
            } else {
                requireNewOrEmpty(in);
            }
            requireReportDirectory(reportDir);
        } catch (AnalysisInputException e) {
            err.println("dalesweep analyze: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        SparkSession spark = SparkSessions.forCommand("dalesweep analyze");
        try {
            if (benchRuns != null) {
                long t0 = System.nanoTime();
                SyntheticSweep.write(spark, in, benchRuns, benchPoints);
                out.printf(Locale.ROOT, "generated %d synthetic runs (%d trajectory points each) in %s: %.1f s%n",
                        benchRuns, benchPoints, in, (System.nanoTime() - t0) / 1e9);
                out.flush();
            }
            long t0 = System.nanoTime();
            Analyzer.Outcome outcome = new Analyzer(spark).analyze(in, reportDir);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "report written to %s (report.md, report.html, %d plots) in %.1f s%n",
                    outcome.reportDir().resolve("report.html"), outcome.images().size(), seconds);
            return 0;
        } catch (AnalysisInputException e) {
            err.println("dalesweep analyze: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("dalesweep analyze: cannot write the report to " + reportDir + ": " + e.getMessage());
            return IO_FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
