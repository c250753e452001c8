package org.dalesweep.layout;

import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * A committed run's {@code runs} file as listed: its run id and task (from its name and partition
 * folder), where it is, and its length and modification time (what {@link StatusCache} keys on).
 */
public record RunFile(String runId, String task, URI location, long length, long modified) {

    /** The file as a Hadoop path. */
    public Path path() {
        return new Path(location);
    }

    /** The file as a Hadoop file status (for {@link Footer#read}). */
    public FileStatus status() {
        return new FileStatus(length, false, 1, 0, modified, path());
    }
}
