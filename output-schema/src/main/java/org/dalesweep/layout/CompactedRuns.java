package org.dalesweep.layout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.schema.MessageType;
import org.dalesweep.schema.RunsColumn;

/**
 * The runs in a compacted {@code runs} file ({@code part-<n>.parquet}): each row's run id and
 * status, read as two projected columns, so that listing a compacted output stays cheap (a
 * study's 5,000 runs in a few files: tens of milliseconds).
 */
final class CompactedRuns {

    private CompactedRuns() {
    }

    /**
     * One {@link RunFile} per row of {@code file} (in the {@code task} partition), its
     * {@code knownStatus} the row's status.
     *
     * @throws IOException when the file is not a readable Parquet file or lacks the two columns,
     *     naming the file
     */
    static List<RunFile> read(FileSystem fs, FileStatus file, String task) throws IOException {
        MessageType schema = Footer.read(fs, file).schema();
        String id = RunsColumn.RUN_ID.columnName();
        String status = RunsColumn.STATUS.columnName();
        if (!schema.containsField(id) || !schema.containsField(status)) {
            throw new IOException(file.getPath() + ": a compacted runs file without the " + id + " and " + status
                    + " columns");
        }
        MessageType projection = new MessageType(schema.getName(), schema.getType(id), schema.getType(status));
        List<RunFile> runs = new ArrayList<>();
        try (ParquetReader<Group> reader = GroupRows.open(fs, file, projection)) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                runs.add(new RunFile(g.getString(id, 0), task, file.getPath().toUri(), file.getLen(),
                        file.getModificationTime(), g.getString(status, 0)));
            }
        }
        return runs;
    }
}
