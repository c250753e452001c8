package org.dalesweep.task;

import java.nio.file.Path;
import org.dalesweep.task.data.DataException;

/**
 * A file format trials can be read from for {@code task.name: file}: {@code .npz} here, Parquet
 * where Spark's Parquet classes are on the class path (found through {@link java.util.ServiceLoader}).
 */
public interface TrialFormat {

    /** The file name endings this format reads, e.g. {@code .npz}. */
    java.util.List<String> extensions();

    /** The shape from the file's headers (or footer) alone; a shape or dtype problem names the file and array. */
    TrialShape inspect(Path file) throws DataException;

    /** Every trial, checked. */
    TrialArrays read(Path file) throws DataException;
}
