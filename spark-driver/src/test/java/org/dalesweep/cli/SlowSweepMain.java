package org.dalesweep.cli;

import org.dalesweep.spark.FakeExecutors;
import picocli.CommandLine;

/**
 * A driver for {@link DriverKillTest} to start as its own JVM and kill: {@code dalesweep run}
 * with runs that take {@code args[0]} milliseconds each; the other arguments go to the command.
 */
public final class SlowSweepMain {
    private SlowSweepMain() {
    }

    public static void main(String[] args) {
        long millis = Long.parseLong(args[0]);
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        System.exit(new CommandLine(new RunCommand(FakeExecutors.slow(millis))).execute(rest));
    }
}
