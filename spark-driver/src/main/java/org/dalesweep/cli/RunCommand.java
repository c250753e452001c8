package org.dalesweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dalesweep.spark.OutputConflictException;
import org.dalesweep.spark.OutputLockedException;
import org.dalesweep.spark.Refiner;
import org.dalesweep.spark.RunExecutor;
import org.dalesweep.spark.SchemaConflictException;
import org.dalesweep.spark.SweepRunner;
import org.dalesweep.spark.TrainerExecutor;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.sweep.RunSelection;
import org.dalesweep.sweep.SweepLoader;
import org.dalesweep.sweep.SweepPlan;
import org.dalesweep.task.TrialFiles;
import org.dalesweep.train.EnsembleShape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep run FILE}: validates the sweep file (any problem: all listed, exit code 2,
 * nothing written), then trains its runs on Spark into Parquet, one task per run, skipping the
 * runs already in the output. Exit code 0 even when some runs diverged or failed — they are rows.
 * A file with a {@code refine:} block runs its refine after the grid (DESIGN §5.4), as
 * {@code dalesweep refine} does.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a sweep on Spark into Parquet; running it again resumes. A refine: block is refined after the grid.")
public class RunCommand implements Callable<Integer>, TrainsNetworks {

    /** Where the quiet logging configuration sits on the classpath (a copy of conf/log4j2.properties). */
    static final String QUIET_LOGGING = "org/dalesweep/spark/log4j2.properties";

    @Parameters(index = "0", paramLabel = "FILE", description = "the sweep file (YAML)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: the file's output, else results/<sweep>)")
    String out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: as configured, e.g. by spark-submit, else " + SweepRunner.DEFAULT_MASTER + ")")
    String master;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a base setting, e.g. training.iterations=200")
    List<String> sets = new ArrayList<>();

    @Option(names = "--append", description = "allow running into an output made by a different sweep, or trained by"
            + " another git commit of dalesweep")
    boolean append;

    @Option(names = "--retry-failed", description = "train the sweep's FAILED runs again (their files move to"
            + " <out>/quarantine/ first); DIVERGED runs stay as they are")
    boolean retryFailed;

    @Option(names = "--only", paramLabel = "KEY=VALUE", description = "train only the sweep's runs whose spec has this"
            + " value (repeatable: every key must match, a repeated key matches any of its values), e.g. task.name=go_nogo")
    List<String> only = new ArrayList<>();

    @Option(names = "--shared-output", description = "with a cluster master: the output is a local path that every"
            + " node mounts under the same name (when /proc/mounts does not show it as a network file system)")
    boolean sharedOutput;

    @Option(names = "--ensemble", paramLabel = "K", description = "train up to K runs of one shape (units, batch,"
            + " task, loss kind) together in each Spark task; 1 is one run per task (default: "
            + EnsembleShape.DEFAULT_SIZE + ")")
    int ensemble = EnsembleShape.DEFAULT_SIZE;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting, e.g. spark.ui.enabled=false")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "5",
            description = "seconds between progress lines (default: ${DEFAULT-VALUE})")
    int progressSeconds;

    @Spec
    CommandSpec command;

    private final RunExecutor executor;

    /** The command with the real trainer. */
    public RunCommand() {
        this(new TrainerExecutor());
    }

    /** The command with another way of training runs (tests of the Spark mechanics). */
    public RunCommand(RunExecutor executor) {
        this.executor = executor;
    }

    /** The verb, for messages. */
    String verb() {
        return "dalesweep run";
    }

    /** Whether the file must have a {@code refine:} block ({@code dalesweep refine}). */
    boolean requiresRefine() {
        return false;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        String verb = verb();
        SpecCodec codec = new SpecCodec();
        SweepPlan plan = SweepFiles.load(verb, codec, file, sets, err);
        if (plan == null) {
            return Cli.BAD_INPUT;
        }
        boolean refining = plan.sweep().refine() != null;
        if (requiresRefine() && !refining) {
            err.println(verb + ": " + file + ": refine: no such block; a refine needs one (axis, range, until, ...;"
                    + " see docs), nothing was run");
            err.flush();
            return Cli.BAD_INPUT;
        }
        if (refining && retryFailed) {
            err.println(verb + ": --retry-failed: does not combine with a refine: block (its rounds are read from the"
                    + " runs on disk, FAILED ones included), nothing was run");
            err.flush();
            return Cli.BAD_INPUT;
        }
        RunSelection selection;
        try {
            selection = RunSelection.parse(only, plan, codec, new TrialFiles(SweepLoader.baseDirOf(file)));
        } catch (SpecException e) {
            e.problems().forEach(p -> err.println(verb + ": " + p));
            err.flush();
            return Cli.BAD_INPUT;
        }
        if (refining) {
            String axis = plan.sweep().refine().axis();
            for (String key : new String[] {axis, "seed"}) {
                if (selection.names(key)) {
                    err.println(verb + ": --only " + String.join(" ", only) + ": names " + key + ", which a refine's"
                            + " probes vary (select whole searches, e.g. --only task.name=go_nogo), nothing was run");
                    err.flush();
                    return Cli.BAD_INPUT;
                }
            }
        }
        if (ensemble < 1) {
            err.println("dalesweep run: --ensemble: must be >= 1, got " + ensemble);
            err.flush();
            return Cli.BAD_INPUT;
        }
        quietLogging();
        String output = out != null ? out : plan.sweep().outputOrDefault();
        org.apache.spark.sql.SparkSession spark = null;
        try {
            if (refining) {
                // refine.until is parsed against the runs schema with Spark SQL before anything is written
                spark = org.apache.spark.sql.SparkSession.builder()
                        .config(SweepRunner.sparkConf(plan, master, sparkConf)).getOrCreate();
                spark.sparkContext().setLogLevel("WARN");
                Refiner.checkUntil(spark, plan, codec);
            }
            SweepRunner runner = new SweepRunner(codec, executor, stdout, Duration.ofSeconds(Math.max(1, progressSeconds)));
            runner.beforeTraining(() -> Cli.warnIfScalarNoise(verb, err));
            SweepRunner.Options options = new SweepRunner.Options(append, retryFailed, selection, sharedOutput, ensemble);
            runner.run(plan, output, master, sparkConf, options);
            if (refining) {
                runner.beforeTraining(() -> { });
                new Refiner(codec, runner, stdout).refine(plan, output, master, sparkConf, options);
            }
            return CommandLine.ExitCode.OK;
        } catch (SpecException e) {
            err.println(verb + ": " + file + ": 1 problem, nothing was run:");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return Cli.BAD_INPUT;
        } catch (OutputConflictException | SchemaConflictException | OutputLockedException e) {
            err.println(verb + ": " + e.getMessage());
            err.flush();
            return Cli.BAD_INPUT;
        } catch (IOException e) {
            boolean badPath = isBadPath(e);
            err.println(verb + ": cannot use the output " + output + (badPath ? " (--out or the sweep's output)" : "")
                    + ": " + e);
            err.flush();
            return badPath ? Cli.BAD_INPUT : Cli.FAILURE;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }

    /**
     * An output path that cannot be a directory or cannot be written by this user: the input is
     * at fault (exit 2), not the run (a full disk or a lost connection stays a failure, exit 1).
     */
    static boolean isBadPath(IOException e) {
        return e instanceof org.apache.hadoop.fs.ParentNotDirectoryException
                || e instanceof org.apache.hadoop.fs.FileAlreadyExistsException
                || e instanceof org.apache.hadoop.security.AccessControlException
                || e instanceof java.nio.file.AccessDeniedException
                || e instanceof java.nio.file.NotDirectoryException
                || e instanceof java.nio.file.FileAlreadyExistsException;
    }

    /** Points log4j at the quiet configuration, unless the user (or spark-submit) configured logging. */
    public static void quietLogging() {
        if (System.getProperty("log4j.configurationFile") != null || System.getProperty("log4j2.configurationFile") != null) {
            return;
        }
        URL quiet = RunCommand.class.getClassLoader().getResource(QUIET_LOGGING);
        if (quiet != null) {
            System.setProperty("log4j2.configurationFile", quiet.toString());
        }
    }
}
