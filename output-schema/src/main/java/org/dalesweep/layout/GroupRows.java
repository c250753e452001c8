package org.dalesweep.layout;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Opens an output's Parquet file for reading its rows as {@link Group}s, opened as
 * {@link Footer} opens files (a local file through java.nio: a path-based reader set Hadoop up per
 * file, seconds for a handful of files), optionally only some columns.
 */
public final class GroupRows {

    private GroupRows() {
    }

    /** A reader of every column of {@code file}. */
    public static ParquetReader<Group> open(FileSystem fs, FileStatus file) throws IOException {
        return new Builder(Footer.inputFile(fs, file)).build();
    }

    /** A reader of the columns of {@code projection} (a subset of the file's schema). */
    public static ParquetReader<Group> open(FileSystem fs, FileStatus file, MessageType projection) throws IOException {
        return new Builder(Footer.inputFile(fs, file)).set(ReadSupport.PARQUET_READ_SCHEMA, projection.toString()).build();
    }

    private static final class Builder extends ParquetReader.Builder<Group> {
        Builder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
