package org.dalesweep.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.dalesweep.task.TrialArrays;
import org.dalesweep.task.TrialFormat;
import org.dalesweep.task.TrialShape;
import org.dalesweep.task.data.DataException;

/**
 * Trials in a Parquet file for {@code task.name: file}: one row per trial, list columns
 * {@code inputs} and {@code targets} (T lists of n_in / n_out numbers: float or double, as pandas or
 * pyarrow write a [T, n] array per row), optional {@code mask} (like targets) and an integer
 * {@code labels} column. The shape comes from the footer (columns, types, row count) and the first
 * trial; every other trial must have the same T and widths. Found by {@link java.util.ServiceLoader}
 * where Spark's Parquet classes are on the class path.
 */
public final class ParquetTrials implements TrialFormat {

    @Override
    public List<String> extensions() {
        return List.of(".parquet");
    }

    @Override
    public TrialShape inspect(Path file) throws DataException {
        return read(file, true).shape();
    }

    @Override
    public TrialArrays read(Path file) throws DataException {
        return read(file, false);
    }

    private static TrialArrays read(Path file, boolean firstRowOnly) throws DataException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri());
        Configuration conf = new Configuration();
        MessageType schema;
        long rows;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            rows = reader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": not a readable Parquet file: " + firstLine(e), e);
        }
        checkColumn(file, schema, TrialShape.INPUTS, true, true);
        checkColumn(file, schema, TrialShape.TARGETS, true, true);
        boolean mask = checkColumn(file, schema, TrialShape.MASK, false, true);
        boolean labels = checkColumn(file, schema, TrialShape.LABELS, false, false);
        if (rows < 1 || rows > Integer.MAX_VALUE / 16) {
            throw new DataException(file + ": " + rows + " rows (trials)");
        }
        List<Group> groups;
        try {
            groups = ParquetRows.read(path, conf);
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": cannot read its rows: " + firstLine(e), e);
        }
        int trials = (int) rows;
        float[][] first = matrix(file, groups.get(0), TrialShape.INPUTS, 0);
        float[][] firstTargets = matrix(file, groups.get(0), TrialShape.TARGETS, 0);
        long[] mDims = null;
        if (mask) {
            float[][] m = matrix(file, groups.get(0), TrialShape.MASK, 0);
            mDims = new long[] {trials, m.length, m.length == 0 ? 0 : m[0].length};
        }
        TrialShape shape = TrialShape.of(file.toString(), new long[] {trials, first.length, first.length == 0 ? 0 : first[0].length},
                new long[] {trials, firstTargets.length, firstTargets.length == 0 ? 0 : firstTargets[0].length}, mDims,
                labels ? new long[] {trials} : null);
        if (firstRowOnly) {
            return new TrialArrays(shape, new float[0], new float[0], new float[0], new int[0]);
        }
        int steps = shape.steps();
        float[] u = new float[trials * steps * shape.inputs()];
        float[] y = new float[trials * steps * shape.outputs()];
        float[] m = mask ? new float[y.length] : null;
        int[] l = labels ? new int[trials] : null;
        for (int b = 0; b < trials; b++) {
            Group g = groups.get(b);
            copy(file, g, TrialShape.INPUTS, b, steps, shape.inputs(), u);
            copy(file, g, TrialShape.TARGETS, b, steps, shape.outputs(), y);
            if (mask) {
                copy(file, g, TrialShape.MASK, b, steps, shape.outputs(), m);
            }
            if (labels) {
                Object x = value(file, g, TrialShape.LABELS, b);
                if (!(x instanceof Number n)) {
                    throw new DataException(file + ": column '" + TrialShape.LABELS + "', row " + b + ": expected an integer, got " + x);
                }
                l[b] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.longValue()));
            }
        }
        return TrialArrays.checked(file.toString(), shape, u, y, m, l);
    }

    /** Checks a column's presence and leaf type; true when it is there. */
    private static boolean checkColumn(Path file, MessageType schema, String name, boolean required, boolean floats)
            throws DataException {
        if (!schema.containsField(name)) {
            if (required) {
                throw new DataException(file + ": no column '" + name + "' (it has "
                        + String.join(", ", schema.getFields().stream().map(Type::getName).toList()) + ")");
            }
            return false;
        }
        Type t = schema.getType(name);
        int depth = 0;
        while (!t.isPrimitive()) {
            t = t.asGroupType().getType(0);
            if (t.isRepetition(Type.Repetition.REPEATED)) {
                depth++;
            }
        }
        PrimitiveTypeName leaf = t.asPrimitiveType().getPrimitiveTypeName();
        boolean ok = floats ? (leaf == PrimitiveTypeName.FLOAT || leaf == PrimitiveTypeName.DOUBLE) && depth == 2
                : (leaf == PrimitiveTypeName.INT32 || leaf == PrimitiveTypeName.INT64) && depth == 0;
        if (!ok) {
            throw new DataException(file + ": column '" + name + "': " + (depth == 0 ? "" : "a list" + (depth > 1 ? " of lists" : "")
                    + " of ") + leaf.name().toLowerCase(java.util.Locale.ROOT) + ", expected "
                    + (floats ? "a list (T steps) of lists (channels) of float or double" : "an integer per trial"));
        }
        return true;
    }

    private static float[][] matrix(Path file, Group g, String name, int row) throws DataException {
        Object x = value(file, g, name, row);
        if (!(x instanceof List<?> steps)) {
            throw new DataException(file + ": column '" + name + "', row " + row + ": expected a list of steps, got " + x);
        }
        float[][] out = new float[steps.size()][];
        for (int t = 0; t < out.length; t++) {
            if (!(steps.get(t) instanceof List<?> channels)) {
                throw new DataException(file + ": column '" + name + "', row " + row + ", step " + t + ": expected a list of channels");
            }
            out[t] = new float[channels.size()];
            for (int i = 0; i < out[t].length; i++) {
                if (!(channels.get(i) instanceof Number n)) {
                    throw new DataException(file + ": column '" + name + "', row " + row + ", step " + t + ": a null value");
                }
                out[t][i] = n.floatValue();
            }
        }
        return out;
    }

    private static void copy(Path file, Group g, String name, int row, int steps, int width, float[] into) throws DataException {
        float[][] x = matrix(file, g, name, row);
        if (x.length != steps) {
            throw new DataException(file + ": column '" + name + "', row " + row + ": " + x.length + " steps, the first trial has " + steps);
        }
        for (int t = 0; t < steps; t++) {
            if (x[t].length != width) {
                throw new DataException(file + ": column '" + name + "', row " + row + ", step " + t + ": " + x[t].length
                        + " values, the first trial has " + width);
            }
            System.arraycopy(x[t], 0, into, (row * steps + t) * width, width);
        }
    }

    private static Object value(Path file, Group g, String name, int row) throws DataException {
        try {
            return ParquetRows.value(g, name);
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": column '" + name + "', row " + row + ": " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
