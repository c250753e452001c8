package org.dalesweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dalesweep.spark.RunFiles;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.sweep.Axis;
import org.dalesweep.sweep.Control;
import org.dalesweep.sweep.PlannedRun;
import org.dalesweep.sweep.SweepPlan;
import org.dalesweep.train.CostEstimate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep validate FILE}: checks a sweep file completely (exactly as {@code run} does)
 * and shows what it expands to: the number of runs, the axes and their levels, the controls and
 * a few resolved specs. Exit code 2 with every problem listed when the file is not valid.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a sweep file completely and show the runs it expands to.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the sweep file (YAML)")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a base setting, e.g. network.units=32")
    List<String> sets = new ArrayList<>();

    @Option(names = "--show", paramLabel = "N", defaultValue = "2", description = "resolved specs to print (default: ${DEFAULT-VALUE})")
    int show;

    @Option(names = "--no-estimate", description = "skip the core-hour estimate (a few timed iterations of each distinct network shape)")
    boolean noEstimate;

    @Option(names = "--out", paramLabel = "DIR", description = "the output to compare with (default: the file's output,"
            + " else results/<sweep>): how many of the sweep's runs it holds and how many are left")
    String out;

    @Spec
    CommandSpec command;

    /** How much of the plan the output holds: "12 of the 40 runs already there, 28 left to train", or why not known. */
    static String progress(SweepPlan plan, String output) {
        try {
            org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(output);
            RunFiles files = new RunFiles(root.getFileSystem(conf).makeQualified(root).toString(), conf);
            if (!files.fileSystem().exists(files.root())) {
                return "not there yet: all " + plan.runs().size() + " runs left to train";
            }
            Set<String> done = files.doneRuns().keySet();
            long there = plan.runs().stream().filter(r -> done.contains(r.runId())).count();
            return String.format(Locale.ROOT, "%d of the %d runs already there, %d left to train", there, plan.runs().size(),
                    plan.runs().size() - there);
        } catch (IOException | RuntimeException e) {
            return "cannot read it: " + Cli.describe(e);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        SpecCodec codec = new SpecCodec();
        SweepPlan plan = SweepFiles.load("dalesweep validate", codec, file, sets, command.commandLine().getErr());
        if (plan == null) {
            return Cli.BAD_INPUT;
        }
        var sweep = plan.sweep();
        out.printf(Locale.ROOT, "%s: valid sweep '%s'%n", file, sweep.name());
        out.printf(Locale.ROOT, "runs: %d (%d grid points x %d seeds%s)%n", plan.runs().size(), plan.gridPoints(),
                sweep.seeds().size(), sweep.controls().isEmpty() ? "" : " + " + plan.controlRuns() + " control runs");
        if (!noEstimate) {
            printEstimate(out, plan);
        }
        out.printf(Locale.ROOT, "seeds: %s%n", sweep.seeds());
        out.println("axes:");
        if (sweep.axes().isEmpty()) {
            out.println("  (none: every run uses base)");
        }
        for (Axis a : sweep.axes()) {
            out.printf(Locale.ROOT, "  %s: %s%n", a.key(), a.levels().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        sweep.exclusions().forEach(x -> out.println("excluded: " + x.match()));
        out.printf(Locale.ROOT, "controls: %s (%d runs)%n", sweep.controls().isEmpty() ? "none"
                : sweep.controls().stream().map(c -> c == Control.FROZEN ? "frozen (alpha fixed at 0 and at 1)"
                        : "twin (W_dale's signs free)").collect(Collectors.joining(", ")), plan.controlRuns());
        out.printf(Locale.ROOT, "save_params: %s%n", sweep.saveParams());
        String output = this.out != null ? this.out : sweep.outputOrDefault();
        out.printf(Locale.ROOT, "output: %s (%s)%n", output, progress(plan, output));
        out.printf(Locale.ROOT, "fingerprint: %s%n", plan.fingerprint());
        List<PlannedRun> shown = plan.runs().subList(0, Math.min(Math.max(show, 0), plan.runs().size()));
        for (PlannedRun r : shown) {
            out.printf(Locale.ROOT, "%n# run %s%s%n", r.runId(), r.control() ? " (control)" : "");
            out.print(codec.toYaml(r.spec()));
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** The sweep's cost on this machine, from a few timed iterations of each distinct network shape. */
    private static void printEstimate(PrintWriter out, SweepPlan plan) {
        CostEstimate.Estimate e = CostEstimate.of(plan.runs().stream().map(PlannedRun::spec).toList());
        out.printf(Locale.ROOT, "estimate: %s%.1f core-hours for %d runs (%.0f s per run on average; %d timed iterations"
                        + " of each of %d network shapes on this machine, one core per run)%n",
                e.upperBound() ? "at most " : "", e.coreHours(), e.runsTimed(),
                e.runsTimed() == 0 ? 0 : e.coreSeconds() / e.runsTimed(), CostEstimate.TIMED, e.shapesTimed());
        for (String problem : e.notTimed()) {
            out.println("  not estimated: " + problem);
        }
    }
}
