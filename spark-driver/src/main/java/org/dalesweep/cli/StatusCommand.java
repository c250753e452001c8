package org.dalesweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.dalesweep.analysis.SweepRecordIds;
import org.dalesweep.layout.Footer;
import org.dalesweep.layout.OutputLayout;
import org.dalesweep.layout.RunFile;
import org.dalesweep.layout.StatusCache;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.spark.OutputLock;
import org.dalesweep.spark.SweepRecord;
import org.dalesweep.spec.SpecCodec;
import org.dalesweep.spec.SpecException;
import org.dalesweep.sweep.PlannedRun;
import org.dalesweep.sweep.SweepLoader;
import org.dalesweep.sweep.SweepPlan;
import org.dalesweep.text.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dalesweep status --in DIR}: where a sweep's output stands, without Spark: per task the runs
 * completed, diverged, failed and still to train, and whether a driver holds the output's lock.
 * The planned runs come from the recorded sweep files ({@code sweep.yaml}, {@code sweep-*.yaml}:
 * their run ids and tasks, {@code run_ids_by_task}; for an output recorded before that list
 * existed, the tasks by expanding the recorded sweep again), the runs present from the file names
 * under {@code runs/task=<task>/} ({@link OutputLayout#committedRuns}), and each present run's
 * status from the output's {@link StatusCache} or its file's {@link Footer} (the status column's
 * statistics: a footer read, not a table scan). Local outputs only.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show how far a sweep's output is (done, diverged, failed, to train per task) and who holds its lock.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "The sweep output directory.")
    Path in;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BadInputException, IOException {
        long t0 = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        if (in.toString().matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !in.toString().startsWith("file:")) {
            throw new BadInputException("--in " + in + ": status reads outputs on the local file system only");
        }
        if (!Files.exists(in)) {
            throw new BadInputException("--in " + in + ": no such directory");
        }
        if (!Files.isDirectory(in)) {
            throw new BadInputException("--in " + in + ": is a file, expected a sweep output directory");
        }
        SpecCodec codec = new SpecCodec();
        Recorded recorded = recorded(codec);
        long t1 = System.nanoTime();
        OutputLayout layout = OutputLayout.local(in);
        Map<String, RunFile> present = layout.committedRuns();
        Map<String, String> status = statuses(layout, present);
        if (System.getenv("DALESWEEP_DEBUG") != null) {
            spec.commandLine().getErr().printf(Locale.ROOT, "status: sweep files %.2f s, runs files %.2f s%n",
                    (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        }

        Map<String, int[]> byTask = new TreeMap<>(); // completed, diverged, failed, to train, other
        for (Map.Entry<String, RunFile> e : present.entrySet()) {
            int[] row = byTask.computeIfAbsent(e.getValue().task(), t -> new int[5]);
            switch (status.getOrDefault(e.getKey(), "?")) {
                case "COMPLETED" -> row[0]++;
                case "DIVERGED" -> row[1]++;
                case "FAILED" -> row[2]++;
                default -> row[4]++;
            }
        }
        int unknownTaskLeft = 0;
        for (String id : recorded.runIds()) {
            if (!present.containsKey(id)) {
                String task = recorded.tasks().get(id);
                if (task == null) {
                    unknownTaskLeft++;
                } else {
                    byTask.computeIfAbsent(task, t -> new int[5])[3]++;
                }
            }
        }
        long extra = present.keySet().stream().filter(id -> !recorded.runIds().contains(id)).count();

        out.printf(Locale.ROOT, "%s: %s%n", in, recorded.describe());
        TextTable table = new TextTable("task", "completed", "diverged", "failed", "to train");
        int[] total = new int[5];
        byTask.forEach((task, r) -> {
            table.row(task, r[0], r[1], r[2], r[3]);
            for (int i = 0; i < 5; i++) {
                total[i] += r[i];
            }
        });
        table.row("total", total[0], total[1], total[2], total[3] + unknownTaskLeft);
        out.print(table.render());
        if (unknownTaskLeft > 0) {
            out.printf(Locale.ROOT, "%d runs to train of tasks not known (the recorded sweep could not be expanded again)%n",
                    unknownTaskLeft);
        }
        if (total[4] > 0) {
            out.printf(Locale.ROOT, "%d runs files whose status could not be read (damaged? `run` quarantines them)%n", total[4]);
        }
        if (extra > 0) {
            out.printf(Locale.ROOT, "%d runs in the output belong to no recorded sweep%n", extra);
        }
        long failedCompacted = present.entrySet().stream()
                .filter(e -> e.getValue().shared() && "FAILED".equals(status.get(e.getKey()))).count();
        if (total[2] > failedCompacted) {
            out.printf(Locale.ROOT, "%d FAILED: `dalesweep run <sweep file> --out %s --retry-failed` trains them again%n",
                    total[2] - failedCompacted, in);
        }
        if (failedCompacted > 0) {
            out.printf(Locale.ROOT, "%d FAILED in compacted files (part-*.parquet): retry them in the output that was"
                    + " compacted, then compact it again%n", failedCompacted);
        }
        out.println("lock: " + lock());
        out.printf(Locale.ROOT, "(%.1f s, without Spark)%n", (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }

    /** The planned runs of every recorded sweep, with their tasks where the sweep expands again. */
    record Recorded(Set<String> runIds, Map<String, String> tasks, List<String> sweeps) {
        String describe() {
            if (sweeps.isEmpty()) {
                return "no recorded sweep (no " + SweepRecord.FILE + ")";
            }
            return String.join(", ", sweeps) + "; " + runIds.size() + " planned runs";
        }
    }

    private Recorded recorded(SpecCodec codec) throws IOException {
        ObjectMapper yaml = codec.yamlMapper();
        Set<String> ids = new LinkedHashSet<>();
        Map<String, String> tasks = new HashMap<>();
        List<String> sweeps = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(in)) {
            s.filter(p -> p.getFileName().toString().matches("sweep(-[0-9a-f]+)?\\.yaml")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            JsonNode tree;
            SweepRecordIds recorded;
            try {
                tree = yaml.readTree(f.toFile());
                if (tree == null || !tree.isObject()) {
                    continue;
                }
                recorded = SweepRecordIds.read(f);
            } catch (IOException e) {
                sweeps.add(f.getFileName() + " (unreadable: " + Cli.describe(e) + ")");
                continue;
            }
            List<String> fileIds = recorded.runIds();
            ids.addAll(fileIds);
            sweeps.add("sweep '" + tree.path("sweep").asText("?") + "' (" + f.getFileName() + ", " + fileIds.size() + " runs)");
            if (!recorded.runIdsByTask().isEmpty()) {
                recorded.runIdsByTask().forEach((task, taskIds) -> taskIds.forEach(id -> tasks.put(id, task)));
                continue;
            }
            ObjectNode loadable = yaml.createObjectNode();
            for (String k : SweepLoader.KEYS) {
                if (tree.has(k) && !k.equals("output")) {
                    loadable.set(k, tree.get(k));
                }
            }
            try {
                SweepPlan plan = new SweepLoader(codec).load(yaml.writeValueAsString(loadable), f.toString(), List.of());
                for (PlannedRun r : plan.runs()) {
                    tasks.put(r.runId(), r.spec().task().name());
                }
            } catch (SpecException | RuntimeException e) {
                // the tasks of this sweep's missing runs stay unknown
            }
        }
        return new Recorded(ids, tasks, sweeps);
    }

    /**
     * Each present run's status: from the output's {@link StatusCache} when its runs file is the one
     * cached, else from the file's footer (in parallel); the cache is then written again.
     */
    private static Map<String, String> statuses(OutputLayout layout, Map<String, RunFile> present) {
        StatusCache cache = StatusCache.read(layout);
        Map<String, String> status = new ConcurrentHashMap<>();
        List<Map.Entry<String, RunFile>> unread = new ArrayList<>();
        for (Map.Entry<String, RunFile> e : present.entrySet()) {
            cache.statusOf(e.getValue()).ifPresentOrElse(s -> status.put(e.getKey(), s), () -> unread.add(e));
        }
        unread.parallelStream().forEach(e -> statusOf(layout, e.getValue()).ifPresent(s -> status.put(e.getKey(), s)));
        if (!unread.isEmpty()) {
            Map<String, StatusCache.Entry> entries = new TreeMap<>();
            status.forEach((id, s) -> entries.put(id, StatusCache.Entry.of(s, present.get(id))));
            new StatusCache(entries).write(layout);
        }
        return status;
    }

    /**
     * The status of a run: read with the listing when its row lies in a compacted file, else from
     * its own file's footer alone (the status column's statistics); empty when unreadable.
     */
    static java.util.Optional<String> statusOf(OutputLayout layout, RunFile runsFile) {
        if (runsFile.knownStatus() != null) {
            return java.util.Optional.of(runsFile.knownStatus());
        }
        try {
            return Footer.read(layout.fileSystem(), runsFile.status()).singleString(RunsColumn.STATUS.columnName());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private String lock() {
        Path file = in.resolve(OutputLock.FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return "none (no driver is writing this output)";
        } catch (IOException e) {
            return "cannot read " + file + " (" + e.getMessage() + ")";
        } catch (UncheckedIOException e) {
            return "cannot read " + file;
        }
        OutputLock.Holder h = OutputLock.Holder.parse(text);
        return "held by " + h.describe() + (h.provablyDead()
                ? "; that driver is gone: the next `run` takes the lock over"
                : "; a driver is writing this output");
    }
}
