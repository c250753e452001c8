package org.dalesweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code --bench RUNS} it first writes a synthetic output of RUNS runs into --in and times the
 * analysis of it (the scale benchmark; not a test). Exit code 0, 2 for bad input, 1 if writing fails.
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
            description = "Benchmark: first generate a synthetic output of RUNS runs into --in (overwriting it).")
    Long benchRuns;

    @Option(names = "--bench-points", defaultValue = "50", paramLabel = "N",
            description = "Trajectory points per synthetic run with --bench. Default: ${DEFAULT-VALUE}.")
    int benchPoints;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path reportDir = report != null ? report : in.resolve("report");
        if (benchRuns == null) {
            try {
                SweepOutput.requireDirectory(in);
            } catch (AnalysisInputException e) {
                err.println("dalesweep analyze: " + e.getMessage());
                err.flush();
                return BAD_INPUT;
            }
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
