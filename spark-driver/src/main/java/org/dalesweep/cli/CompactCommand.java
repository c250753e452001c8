package org.dalesweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.dalesweep.compact.Compactor;
import org.dalesweep.text.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep compact --in DIR --to DIR2}: a sweep output's per-run files rewritten as a few
 * sorted, deduplicated files ({@link Compactor}), for keeping a finished study or copying it off a
 * cluster. {@code sql}, {@code analyze}, {@code status} and {@code run} (resume) read the result as
 * they read the original; the input is never changed.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Rewrite a sweep output's many small Parquet files as a few (sorted by run id, copies dropped,"
                + " same schema and metadata) in a new directory; the input is only read.")
public final class CompactCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "The sweep output to compact (only read).")
    Path in;

    @Option(names = "--to", required = true, paramLabel = "DIR2",
            description = "Where the compacted output goes: a new or empty directory.")
    Path to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BadInputException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(in)) {
            throw new BadInputException("--in " + in + ": " + (Files.exists(in) ? "is a file, expected" : "no such")
                    + " sweep output directory");
        }
        if (!Files.isDirectory(in.resolve("runs"))) {
            throw new BadInputException("--in " + in + ": not a sweep output (no runs/ directory in it)");
        }
        Path source = in.toAbsolutePath().normalize();
        Path target = to.toAbsolutePath().normalize();
        if (target.startsWith(source) || source.startsWith(target)) {
            throw new BadInputException("--to " + to + ": lies " + (target.startsWith(source) ? "inside" : "around")
                    + " --in " + in + "; choose a directory apart from the output");
        }
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new BadInputException("--to " + to + ": is a file; choose a new or empty directory");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException("--to " + to + ": is not empty; compact writes only into a new or empty directory");
                }
            }
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new BadInputException("--to " + to + ": its parent directory " + target.getParent() + " does not exist");
        }
        long t0 = System.nanoTime();
        Compactor.Report report = new Compactor(new Configuration()).compact(
                new org.apache.hadoop.fs.Path(source.toUri()), new org.apache.hadoop.fs.Path(target.toUri()));
        TextTable table = new TextTable("folder", "files in", "files out", "rows in", "rows out", "MB in", "MB out");
        long bytesIn = 0;
        long bytesOut = 0;
        for (Compactor.Folder f : report.folders()) {
            table.row(f.path(), f.filesIn(), f.filesOut(), f.rowsIn(), f.rowsOut(), mb(f.bytesIn()), mb(f.bytesOut()));
            bytesIn += f.bytesIn();
            bytesOut += f.bytesOut();
        }
        out.print(table.render());
        out.printf(Locale.ROOT, "compacted %s -> %s in %.1f s: %s MB -> %s MB%s%n", in, to, (System.nanoTime() - t0) / 1e9,
                mb(bytesIn), mb(bytesOut), report.copied().isEmpty() ? "" : "; copied " + String.join(", ", report.copied()));
        out.println("the report is not copied: bin/dalesweep analyze --in " + to + " makes it again from the compacted data");
        out.flush();
        return 0;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f", bytes / 1048576.0);
    }
}
