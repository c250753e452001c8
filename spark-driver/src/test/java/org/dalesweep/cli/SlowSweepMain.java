package org.dalesweep.cli;

import org.dalesweep.spark.FakeExecutors;

/**
 * A driver for {@link DriverKillTest} to start as its own JVM and kill: {@code dalesweep run}
 * with runs that take {@code args[0]} milliseconds each — or follow the script {@code args[0]} of
 * {@link FakeExecutors#scripted} — the other arguments go to the command. The standalone-cluster
 * test submits it too, with the test classes as an extra jar.
 */
public final class SlowSweepMain {
    private SlowSweepMain() {
    }

    public static void main(String[] args) {
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        System.exit(Cli.commandLine(new RunCommand(FakeExecutors.scripted(args[0]))).execute(rest));
    }
}
