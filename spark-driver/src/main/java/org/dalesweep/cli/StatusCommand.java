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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.dalesweep.schema.Table;
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
 * existed, the tasks by expanding the recorded sweep again), the runs present from the
 * file names under {@code runs/task=<task>/}, and each present run's status from its file's footer
 * (the status column's statistics: a footer read, not a table scan). Local outputs only.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show how far a sweep's output is (done, diverged, failed, to train per task) and who holds its lock.")
public final class StatusCommand implements Callable<Integer> {

    private static final Pattern RUN_FILE = Pattern.compile("run-([0-9a-f]+)\\.parquet");

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
        Map<String, Path> present = presentRuns();
        Map<String, String> status = statuses(present, in.resolve(CACHE));
        if (System.getenv("DALESWEEP_DEBUG") != null) {
            spec.commandLine().getErr().printf(Locale.ROOT, "status: sweep files %.2f s, runs files %.2f s%n",
                    (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        }

        Map<String, int[]> byTask = new TreeMap<>(); // completed, diverged, failed, to train, other
        for (Map.Entry<String, Path> e : present.entrySet()) {
            int[] row = byTask.computeIfAbsent(taskOf(e.getValue()), t -> new int[5]);
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
        if (total[2] > 0) {
            out.printf(Locale.ROOT, "%d FAILED: `dalesweep run <sweep file> --out %s --retry-failed` trains them again%n",
                    total[2], in);
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
            try {
                tree = yaml.readTree(f.toFile());
            } catch (IOException e) {
                sweeps.add(f.getFileName() + " (unreadable: " + Cli.describe(e) + ")");
                continue;
            }
            if (tree == null || !tree.isObject()) {
                continue;
            }
            List<String> fileIds = new ArrayList<>();
            tree.path("run_ids").forEach(n -> fileIds.add(n.asText()));
            ids.addAll(fileIds);
            sweeps.add("sweep '" + tree.path("sweep").asText("?") + "' (" + f.getFileName() + ", " + fileIds.size() + " runs)");
            JsonNode byTask = tree.get("run_ids_by_task");
            if (byTask != null && byTask.isObject()) {
                byTask.fields().forEachRemaining(e -> e.getValue().forEach(id -> tasks.put(id.asText(), e.getKey())));
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

    /** Run id to its runs file, from the file names under runs/task=*. */
    private Map<String, Path> presentRuns() throws IOException {
        Map<String, Path> present = new LinkedHashMap<>();
        Path runs = in.resolve(Table.RUNS.dir());
        if (!Files.isDirectory(runs)) {
            return present;
        }
        try (Stream<Path> tasks = Files.list(runs)) {
            for (Path t : tasks.filter(p -> p.getFileName().toString().startsWith("task=") && Files.isDirectory(p)).toList()) {
                try (Stream<Path> files = Files.list(t)) {
                    files.forEach(f -> {
                        Matcher m = RUN_FILE.matcher(f.getFileName().toString());
                        if (m.matches()) {
                            present.put(m.group(1), f);
                        }
                    });
                }
            }
        }
        return present;
    }

    private static String taskOf(Path runsFile) {
        return runsFile.getParent().getFileName().toString().substring("task=".length());
    }

    /** The hidden cache of statuses read before: {@code run_id status size mtime} per line. */
    static final String CACHE = ".status-cache";

    /**
     * Each present run's status: from the cache when the file's size and modification time are the
     * ones cached, else from its footer (in parallel); the cache is then written again (best effort,
     * atomically; a hidden file of the output that no table reader sees).
     */
    private static Map<String, String> statuses(Map<String, Path> present, Path cacheFile) {
        Map<String, String[]> cache = new HashMap<>();
        try {
            for (String line : Files.readAllLines(cacheFile)) {
                String[] f = line.split("\t");
                if (f.length == 4) {
                    cache.put(f[0], f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no cache: every footer is read
        }
        Map<String, String> status = new ConcurrentHashMap<>();
        Map<String, String> stamps = new ConcurrentHashMap<>();
        List<Map.Entry<String, Path>> unread = new ArrayList<>();
        for (Map.Entry<String, Path> e : present.entrySet()) {
            String stamp = stamp(e.getValue());
            stamps.put(e.getKey(), stamp);
            String[] c = cache.get(e.getKey());
            if (c != null && (c[2] + "\t" + c[3]).equals(stamp)) {
                status.put(e.getKey(), c[1]);
            } else {
                unread.add(e);
            }
        }
        unread.parallelStream().forEach(e -> {
            String s = statusOf(e.getValue());
            if (s != null) {
                status.put(e.getKey(), s);
            }
        });
        if (!unread.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            status.forEach((id, s) -> sb.append(id).append('\t').append(s).append('\t').append(stamps.get(id)).append('\n'));
            try {
                Path tmp = Files.createTempFile(cacheFile.getParent(), CACHE, ".tmp");
                Files.writeString(tmp, sb);
                Files.move(tmp, cacheFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                // a read-only output: the next status reads the footers again
            }
        }
        return status;
    }

    private static String stamp(Path file) {
        try {
            var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return a.size() + "\t" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "?\t?";
        }
    }

    /**
     * The status of a runs file from its footer alone: the Thrift-encoded file metadata at the end
     * of the file (read with parquet-format's own decoder, no Hadoop), where the status column's
     * statistics hold its one value as min and max. Null when the file has no such footer.
     */
    static String statusOf(Path file) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            if (size < 12) {
                return null;
            }
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, size - 8);
            tail.flip();
            int length = tail.getInt();
            if (tail.get() != 'P' || tail.get() != 'A' || tail.get() != 'R' || tail.get() != '1' || length <= 0
                    || length > size - 12) {
                return null;
            }
            java.nio.ByteBuffer footer = java.nio.ByteBuffer.allocate(length);
            ch.read(footer, size - 8 - length);
            FileMetaData meta = Util.readFileMetaData(new java.io.ByteArrayInputStream(footer.array()));
            for (RowGroup group : meta.getRow_groups()) {
                for (ColumnChunk chunk : group.getColumns()) {
                    ColumnMetaData c = chunk.getMeta_data();
                    if (c != null && c.getPath_in_schema().equals(List.of("status")) && c.isSetStatistics()) {
                        org.apache.parquet.format.Statistics st = c.getStatistics();
                        byte[] min = st.isSetMin_value() ? st.getMin_value() : st.getMin();
                        byte[] max = st.isSetMax_value() ? st.getMax_value() : st.getMax();
                        if (min != null && java.util.Arrays.equals(min, max)) {
                            return new String(min, java.nio.charset.StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
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
