package org.dalesweep.cli;

import org.dalesweep.Version;
import org.dalesweep.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dalesweep} command line. Exit codes: 0 success, 1 a failure while working, 2 bad
 * input (unknown flag, bad spec or sweep file, missing path) — in which case nothing is written.
 */
@Command(name = "dalesweep",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Trains alpha-mixed Dale/free rate RNNs and sweeps them on Spark: when is Dale's law computationally beneficial?",
        subcommands = {
                TrainCommand.class,
                ValidateCommand.class,
                StatusCommand.class,
                RunCommand.class,
                RefineCommand.class,
                SqlCommand.class,
                AnalyzeCommand.class,
                ExportCommand.class,
                CompactCommand.class,
                TasksCommand.class,
                TaskCommand.class,
                GetDataCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line in-process and returns its exit code (tests use this). */
    public static int execute(String... args) {
        return Cli.commandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        commandSpec.commandLine().usage(System.out);
    }

    /** The tool version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dalesweep " + Version.get()};
        }
    }
}
