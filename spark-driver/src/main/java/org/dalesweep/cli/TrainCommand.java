package org.dalesweep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dalesweep.export.NetworkExport;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.text.TextTable;
import org.dalesweep.train.RunResult;
import org.dalesweep.train.RunStatus;
import org.dalesweep.train.TrainOptions;
import org.dalesweep.train.Trainer;
import org.dalesweep.train.TrajectoryPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dalesweep train}: trains one run on this machine, showing progress, and prints its result. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train one run and print its outcome.",
                "The spec is a YAML file of run settings (any subset; the rest are defaults) and/or --set overrides.",
                "Exit code 0 when the run completed or diverged (a result), 1 when it failed, 2 on a bad spec."})
public final class TrainCommand implements Callable<Integer>, TrainsNetworks {

    @Spec
    CommandSpec commandSpec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.yaml", description = "run spec file (optional)")
    Path specFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting, e.g. --set network.units=128 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--json", description = "print the result (with trajectory) as JSON on stdout")
    boolean json;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Option(names = "--keep-params", description = "include the parameters at init and at the end in the JSON")
    boolean keepParams;

    @Option(names = "--save", paramLabel = "FILE.npz",
            description = "also write the trained network as a NumPy .npz (as `dalesweep export` does; must not exist)")
    Path save;

    @Option(names = "--activity", description = "with --save: also the rates and outputs on the run's held-out trials")
    boolean activity;

    @Option(names = "--dry-run", description = "print the resolved spec (every default written out) and its run id, then stop")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (save != null) {
            Cli.checkNewFileTarget(save, ".npz", "--save");
            if (java.nio.file.Files.exists(save)) {
                throw new BadInputException("--save " + save + ": exists; choose another name or remove it");
            }
        } else if (activity) {
            throw new BadInputException("--activity: only with --save FILE.npz");
        }
        SpecCodec codec = new SpecCodec();
        RunSpec spec = Cli.readSpec(codec, specFile, overrides);
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        if (dryRun) {
            out.println("# run id " + codec.runId(spec));
            out.print(codec.toYaml(spec));
            out.flush();
            return 0;
        }
        Cli.warnIfScalarNoise("dalesweep train", err);
        if (!quiet) {
            err.printf("run %s: %s, %d units, alpha.init %s (%s%s), %d iterations%n", codec.runId(spec),
                    spec.task().name(), spec.network().units(), TextTable.number(spec.alpha().init()),
                    spec.alpha().param(), spec.alpha().trainable() ? "" : ", frozen", spec.training().iterations());
            err.printf("%9s  %10s  %10s  %8s  %7s  %10s  %6s  %8s%n", "iteration", "train loss", "held-out", "accuracy",
                    "alpha", "pressure", ">0", "seconds");
            err.flush();
        }
        TrainOptions options = TrainOptions.DEFAULT.withKeepParams(keepParams || save != null)
                .withListener(quiet ? (s, p, n) -> { } : (s, p, n) -> progress(err, p));
        RunResult result = new Trainer(options).train(spec);
        if (json) {
            out.println(codec.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            out.print(table(result).render());
        }
        out.flush();
        if (save != null && result.ending().status() == RunStatus.COMPLETED) {
            NetworkExport.of(spec, result.params()).write(save, result.scores().finalLoss(), activity);
            err.println("wrote " + save);
            err.flush();
        } else if (save != null) {
            err.println("dalesweep train: --save " + save + ": not written, the run " + result.ending().status());
            err.flush();
        }
        return result.ending().status() == RunStatus.FAILED ? Cli.FAILURE : 0;
    }

    private static void progress(PrintWriter err, TrajectoryPoint p) {
        err.printf("%9d  %10s  %10s  %8s  %7s  %10s  %6s  %8.1f%n", p.iteration(), TextTable.number(p.trainLoss()),
                TextTable.number(p.evalLoss()), percent(p.accuracy()), TextTable.number(p.alphaMean()),
                TextTable.number(p.pressure().mean()), percent(p.pressure().fracDale()), p.seconds());
        err.flush();
    }

    private static String percent(double x) {
        return Double.isNaN(x) ? "–" : String.format("%.1f%%", 100 * x);
    }

    /** The result as a two-column table a scientist reads top to bottom. */
    static TextTable table(RunResult r) {
        RunResult.Ending end = r.ending();
        RunResult.AlphaSummary alpha = r.alpha();
        RunResult.Scores scores = r.scores();
        RunResult.WeightSpectra w = r.weights();
        TextTable t = new TextTable("outcome", "value").wrap(1, 72);
        t.row("run id", r.runId());
        t.row("arm", r.spec().arm());
        t.row("status", end.status() + (end.message().isEmpty() ? "" : ": " + end.message()));
        t.row("stopped by", end.stopReason());
        t.row("iterations", end.iterations());
        t.row("seconds", end.seconds());
        t.row("task", r.spec().task().name());
        if (Double.compare(scores.accuracy(), scores.valAccuracy()) == 0) {
            t.row("held-out accuracy", percent(scores.accuracy()));
        } else { // a task with a test set: scored once at the end, validation during training
            t.row("test accuracy", percent(scores.accuracy()));
            t.row("validation accuracy", percent(scores.valAccuracy()));
        }
        t.row("held-out loss (task part)", TextTable.number(scores.finalLoss()) + " (" + TextTable.number(scores.finalTaskLoss()) + ")");
        t.row("alpha init -> final", TextTable.number(alpha.init()) + " -> " + TextTable.number(alpha.finalMean()));
        t.row("alpha min / max in training", TextTable.number(alpha.min()) + " / " + TextTable.number(alpha.max()));
        t.row("alpha delta (final - init)", TextTable.number(alpha.delta()));
        t.row("pressure -dL/dalpha, mean (t)", TextTable.number(r.pressure().mean()) + " (t " + TextTable.number(r.pressure().t()) + ")");
        t.row("pressure, last quarter (t)", TextTable.number(r.pressure().lateMean()) + " (t " + TextTable.number(r.pressure().lateT()) + ")");
        t.row("steps with pressure toward Dale", percent(r.pressure().fracDale()));
        if (alpha.neurons().size() > 1) {
            t.row("alpha final, E / I units", TextTable.number(alpha.finalE()) + " / " + TextTable.number(alpha.finalI()));
        }
        t.row("|alpha W_dale| / |(1-alpha) W_free|", TextTable.number(w.daleNorm()) + " / " + TextTable.number(w.freeNorm()));
        t.row("spectral radius init -> final", TextTable.number(w.init().spectralRadius()) + " -> " + TextTable.number(w.end().spectralRadius()));
        t.row("SVD entropy init -> final", TextTable.number(w.init().svdEntropy()) + " -> " + TextTable.number(w.end().svdEntropy()));
        t.row("single-signed columns init -> final", percent(w.init().daleness()) + " -> " + percent(w.end().daleness()));
        return t;
    }
}
