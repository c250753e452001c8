package org.dalesweep.compact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.dalesweep.layout.Footer;
import org.dalesweep.layout.GroupRows;
import org.dalesweep.layout.OutputLayout;
import org.dalesweep.schema.BoundariesColumn;
import org.dalesweep.schema.RunsColumn;
import org.dalesweep.schema.Table;

/**
 * Rewrites a sweep output's many small Parquet files (one per run and table) as a few: per table
 * folder (and {@code runs} partition) one {@code part-<n>.parquet} for each schema its files have,
 * rows sorted by the table's row key, copies of a row dropped as the views drop them, the same
 * schema and key-value metadata (the columns' roles). What a study needs before it is copied off
 * a cluster or kept in a repository: Spark, DuckDB and pandas then open a handful of files, not
 * thousands.
 *
 * <p>The input is only read. The output is written under a hidden folder beside the target and
 * renamed into place at the end, so a failed compaction leaves no half-written target. Rows are
 * held in memory one table folder at a time (a study of 5,000 runs: tens of MB).
 */
public final class Compactor {

    /** Row groups of at most this many bytes (what Spark and Delta users aim for in finished data sets). */
    public static final long ROW_GROUP_BYTES = 64L << 20;

    private static final String WRITER_MODEL_KEY = "writer.model.name";

    private final Configuration conf;

    public Compactor(Configuration conf) {
        this.conf = conf;
    }

    /** What one table folder became. */
    public record Folder(String path, int filesIn, long rowsIn, long bytesIn, int filesOut, long rowsOut, long bytesOut) {
    }

    /** What a compaction did: every table folder, and the root files copied (the sweep records). */
    public record Report(List<Folder> folders, List<String> copied) {
    }

    /**
     * Compacts the output at {@code in} into {@code to}, which must not exist or be an empty folder.
     *
     * @throws IOException when a file cannot be read or written, naming it; the target is then not created
     */
    public Report compact(Path in, Path to) throws IOException {
        FileSystem fs = in.getFileSystem(conf);
        OutputLayout source = new OutputLayout(fs, in);
        // on a local disk, written without Hadoop's .crc side files (Spark, DuckDB and git need none)
        FileSystem writer = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        Path staging = new Path(to.getParent(), "." + to.getName() + ".compact-" + UUID.randomUUID());
        try {
            writer.mkdirs(staging);
            List<Folder> folders = new ArrayList<>();
            for (Table table : Table.values()) {
                for (Map.Entry<String, List<FileStatus>> folder : byFolder(source, table).entrySet()) {
                    folders.add(compactFolder(fs, writer, table, folder.getKey(), folder.getValue(), staging));
                }
            }
            List<String> copied = copyRootFiles(fs, writer, in, staging);
            copied.addAll(copyBoundaries(fs, writer, in, staging));
            if (writer.exists(to)) {
                writer.delete(to, false); // empty: checked by the caller, and delete(…, false) refuses anything else
            }
            if (!writer.rename(staging, to)) {
                throw new IOException("could not rename " + staging + " to " + to);
            }
            return new Report(folders, copied);
        } catch (IOException | RuntimeException e) {
            writer.delete(staging, true);
            throw e;
        }
    }

    /** The table's files by folder relative to the output (e.g. {@code runs/task=go_nogo}, {@code trajectories}). */
    private static Map<String, List<FileStatus>> byFolder(OutputLayout source, Table table) throws IOException {
        Map<String, List<FileStatus>> folders = new TreeMap<>();
        for (FileStatus f : source.tableFiles(table)) {
            if (f.getPath().getName().endsWith(".parquet")) {
                folders.computeIfAbsent(source.relative(f.getPath().getParent()), k -> new ArrayList<>()).add(f);
            }
        }
        return folders;
    }

    private Folder compactFolder(FileSystem fs, FileSystem writer, Table table, String relative, List<FileStatus> files, Path staging)
            throws IOException {
        List<String> key = table.rowKey();
        Map<List<Comparable<?>>, Row> kept = new TreeMap<>(Compactor::compareKeys);
        Map<String, Footer> footers = new LinkedHashMap<>();
        long rowsIn = 0;
        long bytesIn = 0;
        for (FileStatus f : files) {
            Footer footer = Footer.read(fs, f);
            String schema = footer.schema().toString();
            footers.putIfAbsent(schema, footer);
            bytesIn += f.getLen();
            try (ParquetReader<Group> reader = GroupRows.open(fs, f)) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    rowsIn++;
                    Row row = new Row(g, schema, f.getPath().toString());
                    kept.merge(keyOf(g, key, f.getPath()), row, (a, b) -> table == Table.RUNS ? betterRun(a, b) : a);
                }
            } catch (IOException | RuntimeException e) {
                throw new IOException(f.getPath() + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
        Map<String, List<Group>> bySchema = new LinkedHashMap<>();
        footers.keySet().forEach(s -> bySchema.put(s, new ArrayList<>()));
        kept.values().forEach(r -> bySchema.get(r.schema()).add(r.group()));
        Path dir = new Path(staging, relative);
        int index = 0;
        long bytesOut = 0;
        for (Map.Entry<String, List<Group>> e : bySchema.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue; // every row of this schema was an older copy of a row kept in another
            }
            Footer footer = footers.get(e.getKey());
            Path target = new Path(dir, OutputLayout.partFileName(index++));
            write(writer, target, footer.schema(), footer.keyValues(), e.getValue());
            bytesOut += writer.getFileStatus(target).getLen();
        }
        return new Folder(relative, files.size(), rowsIn, bytesIn, index, kept.size(), bytesOut);
    }

    private void write(FileSystem writer, Path target, MessageType schema, Map<String, String> keyValues, List<Group> rows)
            throws IOException {
        writer.mkdirs(target.getParent());
        OutputFile file = writer instanceof RawLocalFileSystem
                ? new LocalOutputFile(java.nio.file.Path.of(writer.makeQualified(target).toUri()))
                : HadoopOutputFile.fromPath(target, conf);
        Map<String, String> extra = new LinkedHashMap<>(keyValues);
        extra.remove(WRITER_MODEL_KEY); // the writer adds its own
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file)
                .withConf(conf)
                .withType(schema)
                .withExtraMetaData(extra)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build()) {
            for (Group g : rows) {
                w.write(g);
            }
        }
    }

    /** The sweep records and any other plain file at the output's root (not the report, not quarantine, nothing hidden). */
    private static List<String> copyRootFiles(FileSystem fs, FileSystem writer, Path in, Path staging) throws IOException {
        return copyFiles(fs, writer, in, staging, "");
    }

    /**
     * The prices {@code refine} found ({@code boundaries/}: one small file, written whole by Spark
     * from all probes each time a search ends), copied as they are.
     */
    private static List<String> copyBoundaries(FileSystem fs, FileSystem writer, Path in, Path staging) throws IOException {
        Path from = new Path(in, BoundariesColumn.DIR);
        return fs.exists(from)
                ? copyFiles(fs, writer, from, new Path(staging, BoundariesColumn.DIR), BoundariesColumn.DIR + "/")
                : new ArrayList<>();
    }

    /** Copies the plain, visible files of folder {@code from} into {@code into}; their names, after {@code prefix}. */
    private static List<String> copyFiles(FileSystem fs, FileSystem writer, Path from, Path into, String prefix)
            throws IOException {
        List<String> copied = new ArrayList<>();
        writer.mkdirs(into);
        for (FileStatus f : fs.listStatus(from)) {
            String name = f.getPath().getName();
            if (f.isFile() && !OutputLayout.isHidden(name)) {
                try (InputStream src = fs.open(f.getPath()); OutputStream dst = writer.create(new Path(into, name), false)) {
                    src.transferTo(dst);
                }
                copied.add(prefix + name);
            }
        }
        return copied;
    }

    private record Row(Group group, String schema, String source) {
    }

    /**
     * Of two copies of a run's row, the one the {@code runs} view keeps: COMPLETED before DIVERGED
     * before any other status, then more iterations, then the file read first.
     */
    private static Row betterRun(Row a, Row b) {
        int byStatus = Integer.compare(statusRank(a.group()), statusRank(b.group()));
        if (byStatus != 0) {
            return byStatus < 0 ? a : b;
        }
        int byIterations = Long.compare(iterations(b.group()), iterations(a.group()));
        return byIterations > 0 ? b : a;
    }

    private static int statusRank(Group g) {
        String status = g.getString(RunsColumn.STATUS.columnName(), 0);
        return switch (status) {
            case "COMPLETED" -> 0;
            case "DIVERGED" -> 1;
            default -> 2;
        };
    }

    private static long iterations(Group g) {
        String column = RunsColumn.ITERATIONS.columnName();
        return g.getType().containsField(column) && g.getFieldRepetitionCount(column) > 0
                ? g.getInteger(column, 0) : Long.MIN_VALUE;
    }

    private static List<Comparable<?>> keyOf(Group g, List<String> key, Path file) throws IOException {
        List<Comparable<?>> values = new ArrayList<>(key.size());
        for (String column : key) {
            if (!g.getType().containsField(column) || g.getFieldRepetitionCount(column) == 0) {
                throw new IOException(file + ": a row without its key column " + column);
            }
            values.add(switch (g.getType().getType(column).asPrimitiveType().getPrimitiveTypeName()) {
                case INT32 -> g.getInteger(column, 0);
                case INT64 -> g.getLong(column, 0);
                default -> g.getString(column, 0);
            });
        }
        return values;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Comparable<?>> a, List<Comparable<?>> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
