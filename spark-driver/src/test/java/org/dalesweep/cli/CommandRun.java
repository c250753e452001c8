package org.dalesweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs one command in-process as Main would, capturing its exit code, stdout and stderr. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /**
     * Writes the sweep file {@code yaml} to {@code file} and runs {@code command} ({@code run} or
     * {@code refine}) on it into {@code out}, Spark's UI off, a progress line every {@code progressSeconds}.
     */
    public static CommandRun sweep(Object command, Path file, String yaml, Path out, int progressSeconds)
            throws IOException {
        Files.writeString(file, yaml);
        return of(command, file.toString(), "--out", out.toString(), "--conf", "spark.ui.enabled=false",
                "--progress-seconds", Integer.toString(progressSeconds));
    }
}
