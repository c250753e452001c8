package org.dalesweep.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.dalesweep.analysis.AnalysisInputException;
import org.dalesweep.analysis.ResultFormat;
import org.dalesweep.analysis.SparkSessions;
import org.dalesweep.analysis.SqlQuery;
import org.dalesweep.analysis.SweepOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep sql --in DIR [--format table|csv|json] "QUERY"}: any Spark SQL over the views
 * {@code runs}, {@code trajectories} and {@code params} of a sweep output (deduplicated by run id).
 * Exit code 0 on success, 2 when the directory or the query is at fault.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run a Spark SQL query over a sweep's output.",
            "Views: runs (one row per run), trajectories (one row per evaluation), params (optional),",
            "boundaries (after a refine: one row per grid point and arm)."},
        footer = {"", "Example:", "  dalesweep sql --in out/smoke \"SELECT task, tau_ratio, avg(alpha_final) FROM runs"
            + " WHERE alpha_trainable GROUP BY 1, 2 ORDER BY 1, 2\""})
public final class SqlCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "The sweep output directory.")
    Path in;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (aligned, for reading), csv or json (one object per line). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N",
            description = "Most rows the table format prints (csv and json print all). Default: ${DEFAULT-VALUE}.")
    int maxRows;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The Spark SQL query.")
    String query;

    @Override
    public Integer call() {
        ResultFormat resultFormat;
        try {
            resultFormat = ResultFormat.parse(format);
            SweepOutput.requireDirectory(in);
        } catch (AnalysisInputException e) {
            spec.commandLine().getErr().println("dalesweep sql: " + e.getMessage());
            return BAD_INPUT;
        }
        SparkSession spark = SparkSessions.forCommand("dalesweep sql");
        try {
            new SqlQuery(spark).run(in, query, resultFormat, maxRows, spec.commandLine().getOut());
            return 0;
        } catch (AnalysisInputException e) {
            spec.commandLine().getErr().println("dalesweep sql: " + e.getMessage());
            return BAD_INPUT;
        }
    }
}
