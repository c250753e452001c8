package org.dalesweep.spark;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.dalesweep.layout.OutputLayout;
import org.dalesweep.schema.Table;

/**
 * The one way a run's rows get into an output ({@link OutputLayout}: where each file goes), through
 * the Hadoop FileSystem API (local, HDFS, S3, …): the trajectory, then the params (if saved), then
 * the runs row, its commit marker. Each file is written under a hidden temporary name
 * ({@link OutputLayout#hiddenTemp}) in its final folder and renamed into place. A run counts as done
 * exactly when its runs file exists; since the final names depend only on the run id, two
 * attempts of a run (a retry, a speculative copy, a resumed sweep) can never leave two rows.
 */
public final class RunFiles {

    private final OutputLayout layout;
    private final Configuration conf;

    public RunFiles(String root, Configuration conf) throws IOException {
        this.layout = OutputLayout.of(new Path(root), conf);
        this.conf = conf;
    }

    /** Where everything of the output lives. */
    public OutputLayout layout() {
        return layout;
    }

    public Path root() {
        return layout.root();
    }

    public FileSystem fileSystem() throws IOException {
        return layout.fileSystem();
    }

    public Path runFile(String runId, String task) {
        return layout.runsFile(runId, task);
    }

    public Path trajectoryFile(String runId) {
        return layout.runFile(Table.TRAJECTORIES, runId);
    }

    public Path paramsFile(String runId) {
        return layout.runFile(Table.PARAMS, runId);
    }

    /** True when the run's commit marker (its runs file) exists. */
    public boolean isDone(String runId, String task) throws IOException {
        return fileSystem().exists(runFile(runId, task));
    }

    /** Every committed run: id to its runs file. Hidden temporary files are not runs. */
    public Map<String, Path> doneRuns() throws IOException {
        Map<String, Path> done = new LinkedHashMap<>();
        layout.committedRuns().forEach((id, f) -> done.put(id, f.path()));
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
        Path tmp = OutputLayout.hiddenTemp(target);
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
