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
        List<Path> files;
        try (Stream<Path> s = Files.walk(out.resolve(table))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
        }
        for (Path f : files) {
            for (Group g : RunTablesTest.readAll(new org.apache.hadoop.fs.Path(f.toUri()))) {
                String key = switch (table) {
                    case "runs" -> g.getString("run_id", 0);
                    case "trajectories" -> g.getString("run_id", 0) + "@" + g.getInteger("iteration", 0);
                    default -> g.getString("run_id", 0) + "/" + g.getString("stage", 0) + "/" + g.getString("name", 0);
                };
                if (rows.put(key, canonical(g)) != null) {
                    throw new AssertionError(table + " " + key + " more than once");
                }
            }
        }
        return rows;
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
