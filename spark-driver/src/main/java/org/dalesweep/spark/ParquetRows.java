package org.dalesweep.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads small Parquet files row by row without Spark (parquet-java's example {@link Group}s): one
 * run's rows, a trial file. Nested lists — the standard three-level LIST of any depth, or the legacy
 * two-level repeated field — come back as Java lists of numbers.
 */
public final class ParquetRows {
    private ParquetRows() {
    }

    /** Every row of {@code file}. */
    public static List<Group> read(Path file, Configuration conf) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(records.read());
                }
            }
        }
        return rows;
    }

    /**
     * The value of field {@code name} of a row: a {@link Number} for a primitive number, a
     * {@code List} (of numbers or lists) for a LIST, null when absent.
     */
    public static Object value(Group row, String name) throws IOException {
        GroupType type = row.getType();
        int index = type.getFieldIndex(name);
        if (row.getFieldRepetitionCount(index) == 0) {
            return null;
        }
        return value(row, index, 0, type.getType(index));
    }

    private static Object value(Group parent, int field, int rep, Type type) throws IOException {
        if (type.isPrimitive()) {
            return number(parent, field, rep, type.asPrimitiveType());
        }
        Group g = parent.getGroup(field, rep);
        GroupType gt = type.asGroupType();
        if (gt.getFieldCount() != 1) {
            throw new IOException("field " + type.getName() + ": a struct of " + gt.getFieldCount() + " fields, expected a list");
        }
        Type inner = gt.getType(0);
        if (!inner.isRepetition(Type.Repetition.REPEATED)) {
            return g.getFieldRepetitionCount(0) == 0 ? null : value(g, 0, 0, inner); // a wrapper, e.g. the element of a list
        }
        int n = g.getFieldRepetitionCount(0);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object x;
            if (inner.isPrimitive()) {
                x = number(g, 0, i, inner.asPrimitiveType()); // legacy two-level list
            } else if (inner.asGroupType().getFieldCount() == 1 && !inner.asGroupType().getType(0).isRepetition(Type.Repetition.REPEATED)) {
                Group item = g.getGroup(0, i); // three-level list: repeated group list { element }
                x = item.getFieldRepetitionCount(0) == 0 ? null : value(item, 0, 0, inner.asGroupType().getType(0));
            } else {
                x = value(g, 0, i, inner);
            }
            out.add(x);
        }
        return out;
    }

    private static Number number(Group g, int field, int rep, PrimitiveType type) throws IOException {
        return switch (type.getPrimitiveTypeName()) {
            case DOUBLE -> g.getDouble(field, rep);
            case FLOAT -> g.getFloat(field, rep);
            case INT32 -> g.getInteger(field, rep);
            case INT64 -> g.getLong(field, rep);
            case BOOLEAN -> g.getBoolean(field, rep) ? 1 : 0;
            default -> throw new IOException("field " + type.getName() + ": " + type.getPrimitiveTypeName()
                    + " values, expected numbers");
        };
    }
}
