package org.dalesweep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.sweep.SweepLoader;
import org.dalesweep.sweep.SweepPlan;

/** Loading a sweep file for a command, reporting every problem on the error stream. */
final class SweepFiles {
    private SweepFiles() {
    }

    /** The plan, or null after printing every problem to {@code err}: a header {@code dalesweep VERB: FILE: n problems}, then one line each. */
    static SweepPlan load(String command, SpecCodec codec, Path file, List<String> sets, PrintWriter err) {
        try {
            return new SweepLoader(codec).load(file, sets);
        } catch (SpecException e) {
            List<String> problems = e.problems();
            err.println(command + ": " + file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + ", nothing was run:");
            problems.forEach(p -> err.println("  " + p.replace("\n", "\n    ")));
            err.flush();
            return null;
        }
    }
}
