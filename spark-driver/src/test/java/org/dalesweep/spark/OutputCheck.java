package org.dalesweep.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Reads a sweep's output back for tests: with plain parquet-java, no Spark. */
public final class OutputCheck {
    private OutputCheck() {
    }

    /** The visible (committed) runs files under {@code <out>/runs}. */
    public static List<Path> runFiles(Path out) throws IOException {
        Path runs = out.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(runs)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("run-") && p.getFileName().toString().endsWith(".parquet"))
                    .sorted().toList();
        }
    }

    /** Writes a small Parquet file of a foreign schema (one int column {@code x}) — someone else's data. */
    public static void writeForeign(Path file) throws IOException {
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser
                .parseMessageType("message foreign { required int32 x; }");
        try (org.apache.parquet.hadoop.ParquetWriter<Group> w = org.apache.parquet.hadoop.example.ExampleParquetWriter
                .builder(org.apache.parquet.hadoop.util.HadoopOutputFile.fromPath(
                        new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))
                .withType(schema).build()) {
            for (int i = 0; i < 3; i++) {
                w.write(new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema).newGroup().append("x", i));
            }
        }
    }

    /** Every runs row in the output, read file by file with parquet-java. */
    public static List<Group> runRows(Path out) throws IOException {
        List<Group> rows = new ArrayList<>();
        for (Path p : runFiles(out)) {
            rows.addAll(RunTablesTest.readAll(new org.apache.hadoop.fs.Path(p.toUri())));
        }
        return rows;
    }

    /** Every row of a table by its key, as text with doubles as raw bits; the timing column {@code seconds} left out. */
    public static Map<String, String> outcomes(Path out, String table) throws IOException {
        Map<String, String> rows = new TreeMap<>();
        rows(out, table).forEach((key, g) -> rows.put(key, canonical(g)));
        return rows;
    }

    /**
     * The largest relative difference |a - b| / max(|a|, |b|, 1) between the doubles of two outputs'
     * rows of a table, matched by key (timing and the products' provenance, {@code blas_library},
     * aside); throws {@link AssertionError} when the rows, a field's repetitions or any other value
     * differ, or a NaN meets a number.
     */
    public static double largestDifference(Path a, Path b, String table) throws IOException {
        Map<String, Group> x = rows(a, table);
        Map<String, Group> y = rows(b, table);
        if (!x.keySet().equals(y.keySet())) {
            throw new AssertionError(table + ": different rows, " + x.size() + " against " + y.size());
        }
        double largest = 0;
        for (Map.Entry<String, Group> e : x.entrySet()) {
            largest = Math.max(largest, largestDifference(table + " " + e.getKey(), e.getValue(), y.get(e.getKey())));
        }
        return largest;
    }

    private static double largestDifference(String where, Group p, Group q) {
        double largest = 0;
        List<Type> fields = p.getType().getFields();
        if (!fields.equals(q.getType().getFields())) {
            throw new AssertionError(where + ": different schemas");
        }
        for (int i = 0; i < fields.size(); i++) {
            Type t = fields.get(i);
            if (t.getName().equals("seconds") || t.getName().equals("blas_library")) {
                continue;
            }
            int n = p.getFieldRepetitionCount(i);
            if (n != q.getFieldRepetitionCount(i)) {
                throw new AssertionError(where + " " + t.getName() + ": " + n + " against " + q.getFieldRepetitionCount(i));
            }
            for (int r = 0; r < n; r++) {
                if (!t.isPrimitive()) {
                    largest = Math.max(largest, largestDifference(where + " " + t.getName(), p.getGroup(i, r),
                            q.getGroup(i, r)));
                } else if (t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE) {
                    double u = p.getDouble(i, r);
                    double v = q.getDouble(i, r);
                    if (Double.isNaN(u) || Double.isNaN(v)) {
                        if (!(Double.isNaN(u) && Double.isNaN(v))) {
                            throw new AssertionError(where + " " + t.getName() + ": " + u + " against " + v);
                        }
                        continue;
                    }
                    largest = Math.max(largest, Math.abs(u - v) / Math.max(1, Math.max(Math.abs(u), Math.abs(v))));
                } else if (!p.getValueToString(i, r).equals(q.getValueToString(i, r))) {
                    throw new AssertionError(where + " " + t.getName() + ": " + p.getValueToString(i, r) + " against "
                            + q.getValueToString(i, r));
                }
            }
        }
        return largest;
    }

    /** Every row of a table by its key; throws {@link AssertionError} on a key seen twice. */
    private static Map<String, Group> rows(Path out, String table) throws IOException {
        Map<String, Group> rows = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(out.resolve(table))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
        }
        for (Path f : files) {
            for (Group g : RunTablesTest.readAll(new org.apache.hadoop.fs.Path(f.toUri()))) {
                if (rows.put(key(table, g), g) != null) {
                    throw new AssertionError(table + " " + key(table, g) + " more than once");
                }
            }
        }
        return rows;
    }

    private static String key(String table, Group g) {
        return switch (table) {
            case "runs" -> g.getString("run_id", 0);
            case "trajectories" -> g.getString("run_id", 0) + "@" + g.getInteger("iteration", 0);
            default -> g.getString("run_id", 0) + "/" + g.getString("stage", 0) + "/" + g.getString("name", 0);
        };
    }

    private static String canonical(Group g) {
        StringBuilder sb = new StringBuilder();
        List<Type> fields = g.getType().getFields();
        for (int i = 0; i < fields.size(); i++) {
            Type t = fields.get(i);
            if (t.getName().equals("seconds")) {
                continue;
            }
            sb.append(t.getName()).append('=');
            for (int r = 0; r < g.getFieldRepetitionCount(i); r++) {
                if (!t.isPrimitive()) {
                    sb.append('{').append(canonical(g.getGroup(i, r))).append('}');
                } else if (t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE) {
                    sb.append(Long.toHexString(Double.doubleToRawLongBits(g.getDouble(i, r)))).append(' ');
                } else {
                    sb.append(g.getValueToString(i, r)).append(' ');
                }
            }
            sb.append(';');
        }
        return sb.toString();
    }
}
