package org.dalesweep.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.task.Batch;
import org.dalesweep.task.NpzTrials;
import org.dalesweep.task.Task;
import org.dalesweep.task.Tasks;
import org.dalesweep.task.TrialFiles;
import org.dalesweep.task.plot.TrialPlot;
import org.dalesweep.text.TextTable;
import org.dalesweep.train.RngStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep task NAME}: describes one task as a run spec resolves it and, with
 * {@code --plot}, draws a few of its trials (the first training trials of a run with that seed).
 */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = {"Describe a task and draw a few trials: inputs, targets and mask over time.",
                "--set takes the same dotted keys as a run spec, e.g. --set task.stimulus_ms=500 --set network.dt_ms=10."})
public final class TaskCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Parameters(index = "0", paramLabel = "NAME", description = "task name (see `dalesweep tasks`)")
    String name;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting, e.g. --set task.delay_ms=500 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--trials", paramLabel = "N", defaultValue = "3",
            description = "trials to draw (default: ${DEFAULT-VALUE}; at most 12 to plot, 1,000,000 to save)")
    int trials;

    @Option(names = "--save", paramLabel = "FILE.npz",
            description = "write the trials as a trial file for task.name: file (inputs, targets, mask; labels for"
                    + " classification tasks)")
    Path save;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "write a picture of the trials to this PNG file")
    Path plot;

    @Override
    public Integer call() throws Exception {
        int most = save != null && plot == null ? 1_000_000 : 12;
        if (trials < 1 || trials > most) {
            throw new BadInputException("--trials: must be between 1 and " + most + (most == 12 ? " to plot" : "")
                    + ", got " + trials);
        }
        if (save != null) {
            Cli.checkNewFileTarget(save, ".npz", "--save");
        }
        SpecCodec codec = new SpecCodec();
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        SpecCodec.setPath(tree, "task.name", JsonNodeFactory.instance.textNode(name));
        codec.applyOverrides(tree, overrides);
        RunSpec spec = new TrialFiles(Path.of("")).locate(codec.resolve(tree));
        double dt = spec.network().dtMs();
        Task task = Tasks.create(spec.task(), spec.network());
        Batch batch = task.sample(trials, RngStreams.of(spec.seed()).trainTrials());

        PrintWriter out = commandSpec.commandLine().getOut();
        out.print(describe(task, spec).render());
        if (plot != null) {
            String heading = task.name() + " — " + trials + " trial" + (trials == 1 ? "" : "s") + " of seed " + spec.seed()
                    + (task.stepMs().isPresent() ? ", dt " + TextTable.number(dt) + " ms" : "");
            TrialPlot.write(task, batch, trials, heading, plot);
            out.println("wrote " + plot);
        }
        if (save != null) {
            NpzTrials.write(batch, task.classification(), save);
            out.println("wrote " + save + ": " + trials + " trials; train on it with --set task.name=file --set task.path="
                    + save + " --set task.dt_ms=" + TextTable.number(dt) + (task.stepMs().isPresent() ? "" : " (steps are"
                    + " sequence positions: any dt_ms equal to network.dt_ms)"));
        }
        out.flush();
        return 0;
    }

    static TextTable describe(Task task, RunSpec spec) {
        TextTable t = new TextTable("property", "value");
        t.row("task", task.name());
        t.row("inputs", task.inputCount() + ": " + String.join(", ", abbreviate(task.inputNames())));
        t.row("outputs", task.outputCount() + ": " + String.join(", ", abbreviate(task.outputNames())));
        if (task.stepMs().isPresent()) {
            t.row("steps", task.steps() + " of " + TextTable.number(task.stepMs().getAsDouble()) + " ms = "
                    + TextTable.number(task.steps() * task.stepMs().getAsDouble()) + " ms");
        } else {
            t.row("steps", task.steps() + " (sequence positions)");
        }
        t.row("scored as", task.classification() ? "percent correct" : "R²");
        spec.task().params().forEach((k, v) -> t.row("task." + k, TasksCommand.show(v)));
        return t;
    }

    private static List<String> abbreviate(List<String> names) {
        if (names.size() <= 10) {
            return names;
        }
        return List.of(names.get(0), names.get(1), "…", names.get(names.size() - 1));
    }
}
