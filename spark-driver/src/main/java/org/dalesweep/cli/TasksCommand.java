package org.dalesweep.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dalesweep.spec.TaskParam;
import org.dalesweep.task.TaskDefinition;
import org.dalesweep.task.Tasks;
import org.dalesweep.text.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dalesweep tasks}: every task a spec may name, with its summary and a table of its parameters. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = {"List the tasks (values of task.name) with their parameters (task.<key>) and defaults.",
                "Timings are in ms and are rounded to whole steps of network.dt_ms."})
public final class TasksCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        boolean first = true;
        for (TaskDefinition def : Tasks.all()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("%s%s — %s%n", def.name(), def.name().equals(Tasks.DEFAULT_TASK) ? " (default)" : "", def.summary());
            out.println(def.classification() ? "  scored as percent correct; mse or cross_entropy loss"
                    : "  scored as R²; mse loss only");
            TextTable table = new TextTable("key", "type", "default", "meaning");
            for (TaskParam p : def.params()) {
                table.row("task." + p.key(), p.typeName(), show(p.defaultValue()), p.doc());
            }
            for (String line : table.render().split("\n")) {
                out.println("  " + line);
            }
        }
        out.flush();
        return 0;
    }

    static String show(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(TasksCommand::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Double d) {
            return TextTable.number(d);
        }
        return String.valueOf(value);
    }
}
