package org.dalesweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.dalesweep.model.NormalSampler;
import org.dalesweep.spec.RunSpec;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.task.TrialFiles;
import org.dalesweep.train.Failures;
import picocli.CommandLine;

/**
 * What every command shares: exit codes, how errors are shown (one line per problem, no stack
 * trace unless DALESWEEP_DEBUG is set), and reading a run spec file with overrides.
 */
public final class Cli {
    /** Exit code for bad input: a bad flag, file, key or value. Nothing was written. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure while working. */
    public static final int FAILURE = 1;

    private Cli() {
    }

    /** A command line with dalesweep's error handling, for Main and for tests of one command. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(Cli::handle);
        cl.setParameterExceptionHandler(Cli::handleParameters);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * Warns on {@code err} when this JVM would draw the recurrent noise with the scalar kernel (no
     * Vector API module, or no 256-bit vectors): the same values, a slower training step (how much
     * slower was measured in {@code bench/RESULTS.md}; the message quotes that figure).
     */
    static void warnIfScalarNoise(String command, PrintWriter err) {
        NormalSampler sampler = new NormalSampler();
        if (!sampler.vectorised()) {
            err.println(command + ": warning: the recurrent noise is drawn by the " + sampler.kernelDescription()
                    + ": the same values, a training step about 45 % slower");
            err.flush();
        }
    }

    /**
     * A bad command line (unknown flag, missing or malformed value): one line naming it and
     * pointing at --help, instead of picocli's message followed by the whole usage text.
     */
    private static int handleParameters(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String name = prefix(cl);
        PrintWriter err = cl.getErr();
        String message = e.getMessage().replace("\n", " ").strip();
        String suggestion = "";
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                suggestion = "; did you mean " + String.join(" or ", suggestions.stream().limit(3).map(x -> "'" + x + "'").toList())
                        + "?";
            }
        }
        err.println(name + ": " + message + suggestion + " (see '" + name + " --help')");
        err.flush();
        return BAD_INPUT;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String name = prefix(cl);
        if (e instanceof SpecException se) {
            for (String p : se.problems()) {
                err.println(name + ": " + p);
            }
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof BadInputException bi) {
            err.println(name + ": " + bi.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        err.println(name + ": " + describe(e));
        if (System.getenv("DALESWEEP_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /** The prefix of every error line of a command: {@code dalesweep VERB} (the one style of every message). */
    static String prefix(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName();
        return name.startsWith("dalesweep") ? name : "dalesweep " + name;
    }

    /** A failure as one line: {@link Failures#describe}, the describer a FAILED row's message comes from too. */
    static String describe(Throwable e) {
        return Failures.describe(e);
    }

    /** Reads a file's text, naming the path when it is missing or unreadable. */
    public static String readText(Path path, String what) throws BadInputException {
        try {
            if (Files.isDirectory(path)) {
                throw new BadInputException(what + " " + path + ": is a directory, expected a file");
            }
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException(what + " " + path + ": no such file", e);
        } catch (IOException e) {
            throw new BadInputException(what + " " + path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Resolves a run spec from an optional YAML file plus {@code key=value} overrides; a trial file
     * ({@code task.name: file}) is placed relative to the working directory ({@link TrialFiles#locate}).
     */
    public static RunSpec readSpec(SpecCodec codec, Path file, List<String> overrides)
            throws SpecException, BadInputException {
        String text = file == null ? "" : readText(file, "spec file");
        return new TrialFiles(Path.of("")).locate(codec.parse(text, file == null ? "defaults" : file.toString(), overrides));
    }

    /**
     * Checks a file a command is asked to write before any work: its name ends in {@code ending}, it
     * is not a directory, and its directory exists.
     */
    static void checkNewFileTarget(Path file, String ending, String flag) throws BadInputException {
        if (!file.getFileName().toString().endsWith(ending)) {
            throw new BadInputException(flag + " " + file + ": expected a file name ending in " + ending);
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(flag + " " + file + ": is a directory, expected a file");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException(flag + " " + file + ": no such directory " + dir);
        }
    }
}
