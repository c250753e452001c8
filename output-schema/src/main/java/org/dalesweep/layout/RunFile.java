package org.dalesweep.layout;

import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Where a committed run's {@code runs} row lies, as listed: its run id and task (from its name or
 * row and its partition folder), the file, and the file's length and modification time (what
 * {@link StatusCache} keys on). A run's own file ({@code run-<id>.parquet}) holds just its row; a
 * compacted file ({@code part-<n>.parquet}, written by {@code compact}) holds many runs' rows, and
 * its listing already read each run's {@code status}, given here as {@code knownStatus} (null for a run's
 * own file, whose footer holds it).
 */
public record RunFile(String runId, String task, URI location, long length, long modified, String knownStatus) {

    /** A run's own file. */
    public RunFile(String runId, String task, URI location, long length, long modified) {
        this(runId, task, location, length, modified, null);
    }

    /** The file as a Hadoop path. */
    public Path path() {
        return new Path(location);
    }

    /** The file as a Hadoop file status (for {@link Footer#read}). */
    public FileStatus status() {
        return new FileStatus(length, false, 1, 0, modified, path());
    }

    /** True when the row lies in a compacted file shared with other runs. */
    public boolean shared() {
        return OutputLayout.runIdOf(path()).isEmpty();
    }
}
