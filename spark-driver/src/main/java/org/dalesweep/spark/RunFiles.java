package org.dalesweep.spark;

import java.io.IOException;
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
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.dalesweep.schema.Table;

/**
 * The on-disk layout of a sweep's output and the one way a run's rows get there, through the
 * Hadoop FileSystem API (local, HDFS, S3, …):
 *
 * <pre>
 *   &lt;out&gt;/runs/task=&lt;task&gt;/run-&lt;id&gt;.parquet   the run's row — written last: the commit marker
 *   &lt;out&gt;/trajectories/run-&lt;id&gt;.parquet     its evaluation points
 *   &lt;out&gt;/params/run-&lt;id&gt;.parquet           its saved tensors (save_params only)
 * </pre>
 *
 * Each file is written under a hidden temporary name ({@code .run-<id>.parquet.<uuid>.tmp}, which
 * Spark, DuckDB and pyarrow skip) in its final directory and renamed into place. A run counts as
 * done exactly when its runs file exists; since the final names depend only on the run id, two
 * attempts of a run (a retry, a speculative copy, a resumed sweep) can never leave two rows.
 */
public final class RunFiles {

    private static final Pattern RUN_FILE = Pattern.compile("run-([0-9a-f]+)\\.parquet");

    private final Path root;
    private final Configuration conf;

    public RunFiles(String root, Configuration conf) {
        this.root = new Path(root);
        this.conf = conf;
    }

    public Path root() {
        return root;
    }

    public FileSystem fileSystem() throws IOException {
        return root.getFileSystem(conf);
    }

    public Path runsDir() {
        return new Path(root, Table.RUNS.dir());
    }

    public Path trajectoriesDir() {
        return new Path(root, Table.TRAJECTORIES.dir());
    }

    public Path paramsDir() {
        return new Path(root, Table.PARAMS.dir());
    }

    public Path runFile(String runId, String task) {
        return new Path(new Path(runsDir(), "task=" + task), fileName(runId));
    }

    public Path trajectoryFile(String runId) {
        return new Path(trajectoriesDir(), fileName(runId));
    }

    public Path paramsFile(String runId) {
        return new Path(paramsDir(), fileName(runId));
    }

    private static String fileName(String runId) {
        return "run-" + runId + ".parquet";
    }

    /** The run id a table file is named for ({@code run-<id>.parquet}), if it is named like one. */
    static Optional<String> runIdOf(Path file) {
        Matcher m = RUN_FILE.matcher(file.getName());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** True when the run's commit marker (its runs file) exists. */
    public boolean isDone(String runId, String task) throws IOException {
        return fileSystem().exists(runFile(runId, task));
    }

    /** Every committed run: id to its runs file. Hidden temporary files are not runs. */
    public Map<String, Path> doneRuns() throws IOException {
        Map<String, Path> done = new LinkedHashMap<>();
        FileStatus[] files = fileSystem().globStatus(new Path(runsDir(), "task=*/run-*.parquet"));
        if (files != null) {
            for (FileStatus f : files) {
                runIdOf(f.getPath()).ifPresent(id -> done.put(id, f.getPath()));
            }
        }
        return done;
    }

    /**
     * Writes one run: trajectory, then params (if any), then the runs row, each atomically.
     * Returns false when another attempt had already committed the run (nothing of ours is kept).
     */
    public boolean write(String runId, String task, MessageType runsSchema, Group runRow,
                         MessageType trajectorySchema, List<Group> trajectory,
                         MessageType paramsSchema, List<Group> params) throws IOException {
        FileSystem fs = fileSystem();
        Path runFile = runFile(runId, task);
        if (fs.exists(runFile)) {
            return false;
        }
        place(fs, writeTemp(trajectoryFile(runId), Table.TRAJECTORIES, trajectorySchema, trajectory), trajectoryFile(runId));
        if (params != null) {
            place(fs, writeTemp(paramsFile(runId), Table.PARAMS, paramsSchema, params), paramsFile(runId));
        }
        Path tmp = writeTemp(runFile, Table.RUNS, runsSchema, List.of(runRow));
        if (fs.rename(tmp, runFile)) {
            return true;
        }
        if (fs.exists(runFile)) {
            fs.delete(tmp, false);
            return false;
        }
        throw new IOException("could not rename " + tmp + " to " + runFile);
    }

    /** Writes rows to a hidden file beside {@code target}, with the columns' roles in its key-value metadata. */
    private Path writeTemp(Path target, Table table, MessageType schema, List<Group> rows) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(tmp, conf))
                .withConf(conf)
                .withType(schema)
                .withExtraMetaData(RunTables.metadata(table, schema))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Group g : rows) {
                w.write(g);
            }
        }
        return tmp;
    }

    /** Renames a finished temporary file onto its final name, replacing an orphan of an earlier attempt. */
    private static void place(FileSystem fs, Path tmp, Path target) throws IOException {
        if (fs.rename(tmp, target)) {
            return;
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
    }
}
