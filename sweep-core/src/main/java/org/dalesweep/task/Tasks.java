package org.dalesweep.task;

import java.util.List;
import java.util.Optional;
import org.dalesweep.spec.NetworkSpec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.spec.TaskSpec;

/** The task suite: every task a spec may name, in the order {@code dalesweep tasks} lists them. */
public final class Tasks {

    /** The task a spec gets when it names none. */
    public static final String DEFAULT_TASK = "perceptual_dm";

    private static final List<TaskDefinition> ALL = List.of(
            PerceptualDm.DEFINITION,
            ContextDm.DEFINITION,
            DelayMatch.DEFINITION,
            ParametricWm.DEFINITION,
            GoNogo.DEFINITION,
            Adding.DEFINITION,
            Teacher.DEFINITION,
            SeqMnist.DEFINITION,
            SeqFashion.DEFINITION,
            FileTask.DEFINITION);

    private Tasks() {
    }

    public static List<TaskDefinition> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(TaskDefinition::name).toList();
    }

    public static Optional<TaskDefinition> byName(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Builds the task a resolved spec names for the network that will learn it (see {@link TaskDefinition.Factory}). */
    public static Task create(TaskSpec spec, NetworkSpec network) throws SpecException {
        TaskDefinition def = byName(spec.name())
                .orElseThrow(() -> new SpecException("task.name: unknown task '" + spec.name() + "'"));
        return def.factory().create(spec, network);
    }
}
