package org.dalesweep.layout;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.dalesweep.schema.RunsColumn;

/**
 * The {@code runs} rows of committed runs, wherever they lie: a run's own file holds its one row,
 * a compacted file many runs' rows. Each file is read once however many of the runs it holds.
 */
public final class RunRows {

    private RunRows() {
    }

    /** The rows of {@code runs} (as {@link OutputLayout#committedRuns} listed them): run id to row. */
    public static Map<String, Group> read(FileSystem fs, Collection<RunFile> runs) throws IOException {
        Map<FileStatus, Set<String>> byFile = runs.stream().collect(Collectors.groupingBy(RunFile::status, LinkedHashMap::new,
                Collectors.mapping(RunFile::runId, Collectors.toSet())));
        Map<String, Group> rows = new LinkedHashMap<>();
        String id = RunsColumn.RUN_ID.columnName();
        for (Map.Entry<FileStatus, Set<String>> e : byFile.entrySet()) {
            try (ParquetReader<Group> reader = GroupRows.open(fs, e.getKey())) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    String runId = g.getString(id, 0);
                    if (e.getValue().contains(runId)) {
                        rows.putIfAbsent(runId, g);
                    }
                }
            }
        }
        return rows;
    }

    /** The row of one run. */
    public static Group read(FileSystem fs, RunFile run) throws IOException {
        Group row = read(fs, java.util.List.of(run)).get(run.runId());
        if (row == null) {
            throw new IOException(run.path() + ": holds no row of run " + run.runId());
        }
        return row;
    }
}
