package org.dalesweep.cli;

import org.dalesweep.spark.RunExecutor;
import picocli.CommandLine.Command;

/**
 * {@code dalesweep refine FILE}: runs a sweep file that has a {@code refine:} block — its grid,
 * then per grid point and arm the search along the refine's axis for the value where the fraction
 * of runs satisfying {@code until} crosses one half, and {@code <out>/boundaries/} (DESIGN §5.4).
 * The same options as {@code run}; running it again resumes, round by round.
 */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = {"Find, per grid point and arm, the value of the refine: axis where P(until) crosses 1/2.",
            "Every probe is an ordinary run in the output; running it again resumes. Writes <out>/boundaries/."})
public final class RefineCommand extends RunCommand {

    /** The command with the real trainer. */
    public RefineCommand() {
        super();
    }

    /** The command with another way of training runs (tests of the Spark mechanics). */
    public RefineCommand(RunExecutor executor) {
        super(executor);
    }

    @Override
    String verb() {
        return "dalesweep refine";
    }

    @Override
    boolean requiresRefine() {
        return true;
    }
}
