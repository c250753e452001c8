package org.dalesweep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * Writes the names of the verbs that train ({@link TrainsNetworks}), space-separated, for
 * {@code bin/dalesweep}: run by the build (spark-driver's pom) into {@code target/training-verbs.txt},
 * so the launcher's list is derived from the verbs and never edited by hand.
 */
public final class LauncherVerbs {

    private LauncherVerbs() {
    }

    /** The names of {@link Main}'s verbs whose command trains networks, in Main's order. */
    static List<String> trainingVerbs() {
        return Arrays.stream(Main.class.getAnnotation(Command.class).subcommands())
                .filter(TrainsNetworks.class::isAssignableFrom)
                .map(c -> c.getAnnotation(Command.class).name())
                .toList();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LauncherVerbs <file to write>");
        }
        Files.writeString(Path.of(args[0]), String.join(" ", trainingVerbs()) + "\n", StandardCharsets.UTF_8);
    }
}
