package org.dalesweep.layout;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.dalesweep.schema.Table;

/**
 * A sweep output's layout on disk (DESIGN §6), in one place, through the Hadoop FileSystem API
 * (local, HDFS, S3, …): what the writer writes where, what readers read, what {@code status} and
 * quarantine look at.
 *
 * <pre>
 *   &lt;out&gt;/runs/task=&lt;task&gt;/run-&lt;id&gt;.parquet   a run's row, written last: its commit marker
 *   &lt;out&gt;/trajectories/run-&lt;id&gt;.parquet     its evaluation points
 *   &lt;out&gt;/params/run-&lt;id&gt;.parquet           its saved tensors (save_params only)
 *   &lt;out&gt;/.status-cache                       run statuses read before ({@link StatusCache})
 *   &lt;out&gt;/quarantine/&lt;UTC time&gt;/…           damaged or retired files, moved aside, never deleted
 * </pre>
 *
 * A name starting with {@code .} or {@code _} is hidden: Spark, DuckDB and pyarrow skip it, and so
 * do {@link #tableFiles} and {@link #committedRuns}. A file is written under a hidden temporary
 * name beside its final one ({@link #hiddenTemp}) and renamed into place. The footers of the
 * files are read by {@link Footer}.
 */
public final class OutputLayout {

    /** The folder under the output that damaged and retired files are moved to. */
    public static final String QUARANTINE_DIR = "quarantine";

    /** The prefix of a {@code runs} partition folder: {@code task=<name>}. */
    public static final String TASK_PARTITION = "task=";

    private static final Pattern RUN_FILE = Pattern.compile("run-([0-9a-f]+)\\.parquet");
    private static final Pattern PART_FILE = Pattern.compile("part-[0-9]{5}\\.parquet");
    private static final DateTimeFormatter QUARANTINE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private FileSystem fs;
    private final Path root;
    /** The root as a local directory when the output was opened with {@link #local}: listed with java.nio. */
    private final java.nio.file.Path localDir;

    public OutputLayout(FileSystem fs, Path root) {
        this(fs, root, null);
    }

    private OutputLayout(FileSystem fs, Path root, java.nio.file.Path localDir) {
        this.fs = fs;
        this.root = root;
        this.localDir = localDir;
    }

    /** The output at {@code root} on the file system its scheme names. */
    public static OutputLayout of(Path root, Configuration conf) throws IOException {
        return new OutputLayout(root.getFileSystem(conf), root);
    }

    /** A local output directory, for commands that read without Spark ({@code status}). */
    public static OutputLayout local(java.nio.file.Path dir) throws IOException {
        // runs are listed with java.nio (Hadoop's local listing took 6-10 times as long for status
        // on 8,000 runs), and the raw local file system is made when a footer is read, on an empty
        // Configuration: no XML defaults parsed, no file system implementations looked up
        return new OutputLayout(null, new Path(dir.toAbsolutePath().toUri()), dir.toAbsolutePath());
    }

    public synchronized FileSystem fileSystem() throws IOException {
        if (fs == null) {
            RawLocalFileSystem local = new RawLocalFileSystem();
            local.initialize(java.net.URI.create("file:///"), new Configuration(false));
            fs = local;
        }
        return fs;
    }

    public Path root() {
        return root;
    }

    /** True when the output lives on the local file system. */
    public boolean isLocal() throws IOException {
        return localDir != null || "file".equals(fileSystem().makeQualified(root).toUri().getScheme());
    }

    /** A table's folder under the output. */
    public Path tableDir(Table table) {
        return new Path(root, table.dir());
    }

    /** The {@code runs} file of a run: its commit marker. */
    public Path runsFile(String runId, String task) {
        return new Path(new Path(tableDir(Table.RUNS), TASK_PARTITION + task), fileName(runId));
    }

    /** A run's file in {@code trajectories} or {@code params} (not partitioned). */
    public Path runFile(Table table, String runId) {
        if (table == Table.RUNS) {
            throw new IllegalArgumentException("a runs file lives in its task's partition: runsFile(runId, task)");
        }
        return new Path(tableDir(table), fileName(runId));
    }

    /** The name of a run's file in every table: {@code run-<id>.parquet}. */
    public static String fileName(String runId) {
        return "run-" + runId + ".parquet";
    }

    /** The run id a table file is named for, if it is named like one. */
    public static Optional<String> runIdOf(Path file) {
        Matcher m = RUN_FILE.matcher(file.getName());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The name of the {@code index}-th compacted file of a table folder: {@code part-00000.parquet}, … */
    public static String partFileName(int index) {
        return String.format(java.util.Locale.ROOT, "part-%05d.parquet", index);
    }

    /** True for a compacted file (written by {@code compact}): many runs' rows in one file. */
    public static boolean isPartFile(Path file) {
        return PART_FILE.matcher(file.getName()).matches();
    }

    /** The task of a {@code runs} file, from its partition folder. */
    public static String taskOf(Path runsFile) {
        String dir = runsFile.getParent().getName();
        if (!dir.startsWith(TASK_PARTITION)) {
            throw new IllegalArgumentException(runsFile + " is not in a " + TASK_PARTITION + "<task> folder");
        }
        return dir.substring(TASK_PARTITION.length());
    }

    /** True for a name readers skip: files being written, bookkeeping. */
    public static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** A fresh hidden name beside {@code target} to write it under before renaming it into place. */
    public static Path hiddenTemp(Path target) {
        return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** The hidden cache of statuses that {@code status} reads ({@link StatusCache}). */
    public Path statusCache() {
        return new Path(root, StatusCache.FILE);
    }

    /** A new quarantine folder, named for the time it is made. */
    public Path quarantine(Instant at) {
        return new Path(new Path(root, QUARANTINE_DIR), QUARANTINE_TIME.format(at));
    }

    /** The path of {@code file} relative to the output's root. */
    public String relative(Path file) throws IOException {
        FileSystem fs = fileSystem();
        return fs.makeQualified(root).toUri().relativize(fs.makeQualified(file).toUri()).getPath();
    }

    /**
     * Every committed run: its id to where its {@code runs} row lies. Hidden files are not runs. A
     * compacted file ({@link #isPartFile}) is read for its rows' run ids and statuses (two columns);
     * a run's own file is listed by name alone and wins over a compacted row of the same run (it
     * was written after the compaction).
     */
    public Map<String, RunFile> committedRuns() throws IOException {
        Map<String, RunFile> done = new LinkedHashMap<>();
        if (localDir != null) {
            listLocally(done);
            return done;
        }
        Path runs = tableDir(Table.RUNS);
        FileSystem fs = fileSystem();
        if (!fs.exists(runs)) {
            return done;
        }
        for (FileStatus partition : fs.listStatus(runs)) {
            String dir = partition.getPath().getName();
            if (partition.isDirectory() && dir.startsWith(TASK_PARTITION)) {
                String task = dir.substring(TASK_PARTITION.length());
                FileStatus[] files = fs.listStatus(partition.getPath());
                Arrays.sort(files, Comparator.comparing(f -> f.getPath().getName()));
                for (FileStatus f : files) {
                    if (isPartFile(f.getPath())) {
                        CompactedRuns.read(fs, f, task).forEach(r -> done.putIfAbsent(r.runId(), r));
                    }
                }
                for (FileStatus f : files) {
                    runIdOf(f.getPath()).ifPresent(id -> done.put(id, new RunFile(id, task,
                            f.getPath().toUri(), f.getLen(), f.getModificationTime())));
                }
            }
        }
        return done;
    }

    private void listLocally(Map<String, RunFile> done) throws IOException {
        java.nio.file.Path runs = localDir.resolve(Table.RUNS.dir());
        if (!java.nio.file.Files.isDirectory(runs)) {
            return;
        }
        try (var partitions = java.nio.file.Files.newDirectoryStream(runs, TASK_PARTITION + "*")) {
            for (java.nio.file.Path partition : partitions) {
                if (!java.nio.file.Files.isDirectory(partition)) {
                    continue;
                }
                String task = partition.getFileName().toString().substring(TASK_PARTITION.length());
                List<java.nio.file.Path> parts = new ArrayList<>();
                try (var files = java.nio.file.Files.newDirectoryStream(partition, "part-*.parquet")) {
                    files.forEach(parts::add);
                }
                parts.sort(Comparator.naturalOrder());
                for (java.nio.file.Path f : parts) {
                    Path part = new Path(f.toUri());
                    if (isPartFile(part)) {
                        var a = java.nio.file.Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
                        FileStatus st = new FileStatus(a.size(), false, 1, 0, a.lastModifiedTime().toMillis(), part);
                        CompactedRuns.read(fileSystem(), st, task).forEach(r -> done.putIfAbsent(r.runId(), r));
                    }
                }
                try (var files = java.nio.file.Files.newDirectoryStream(partition, "run-*.parquet")) {
                    for (java.nio.file.Path f : files) {
                        Matcher m = RUN_FILE.matcher(f.getFileName().toString());
                        if (m.matches()) {
                            var a = java.nio.file.Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
                            done.put(m.group(1), new RunFile(m.group(1), task, f.toUri(), a.size(),
                                    a.lastModifiedTime().toMillis()));
                        }
                    }
                }
            }
        }
    }

    /**
     * Every file a Parquet reader would read in a table: below its folder, depth first, by name,
     * skipping hidden entries and everything below a hidden folder. Empty when the table has no folder.
     */
    public List<FileStatus> tableFiles(Table table) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        Path dir = tableDir(table);
        if (fileSystem().exists(dir)) {
            collect(dir, out);
        }
        return out;
    }

    private void collect(Path dir, List<FileStatus> out) throws IOException {
        FileStatus[] entries = fileSystem().listStatus(dir);
        Arrays.sort(entries, Comparator.comparing(e -> e.getPath().getName()));
        for (FileStatus e : entries) {
            if (isHidden(e.getPath().getName())) {
                continue;
            }
            if (e.isDirectory()) {
                collect(e.getPath(), out);
            } else {
                out.add(e);
            }
        }
    }
}
