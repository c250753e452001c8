package org.dalesweep.analysis;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dalesweep sql}: runs one Spark SQL query over the views of a sweep output and prints
 * the result. CSV and JSON lines stream through the driver row by row (any size); the aligned
 * table is for reading and shows at most {@code maxRows} rows, saying when it cut.
 */
public final class SqlQuery {

    private final SparkSession spark;

    public SqlQuery(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Registers the views of {@code in}, runs {@code query} and prints it to {@code out}.
     *
     * @throws AnalysisInputException for a missing output or a query Spark rejects (with Spark's message)
     */
    public void run(Path in, String query, ResultFormat format, int maxRows, PrintWriter out)
            throws AnalysisInputException {
        SweepOutput.open(spark, in);
        Dataset<Row> result;
        try {
            result = spark.sql(query);
            switch (format) {
                case TABLE -> printTable(result, maxRows, out);
                case CSV -> printCsv(result, out);
                case JSON -> {
                    Iterator<String> lines = result.toJSON().toLocalIterator();
                    while (lines.hasNext()) {
                        out.println(lines.next());
                    }
                }
                default -> throw new IllegalStateException("unhandled format " + format);
            }
        } catch (Exception e) {
            if (e instanceof SparkThrowable) {
                throw new AnalysisInputException("the query failed: " + withoutPlan(e), e);
            }
            throw e;
        } finally {
            out.flush();
        }
    }

    /**
     * Spark's message without the logical plan it appends to analysis errors: the error class, the
     * message and Spark's suggestion ("Did you mean one of the following? …"), and the query position.
     */
    static String withoutPlan(Throwable e) {
        String m = e instanceof org.apache.spark.sql.AnalysisException a ? a.getSimpleMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        String head = m;
        for (String marker : new String[] {";\n", "\n== "}) {
            int at = head.indexOf(marker);
            if (at >= 0) {
                head = head.substring(0, at);
            }
        }
        return head.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void printTable(Dataset<Row> result, int maxRows, PrintWriter out) {
        String[] header = result.columns();
        List<Row> rows = result.limit(maxRows + 1).collectAsList();
        boolean cut = rows.size() > maxRows;
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            numeric[c] = result.schema().fields()[c].dataType() instanceof org.apache.spark.sql.types.NumericType;
        }
        for (Row r : rows.subList(0, Math.min(rows.size(), maxRows))) {
            String[] line = new String[header.length];
            for (int c = 0; c < header.length; c++) {
                line[c] = r.isNullAt(c) ? "NULL" : text(r.get(c));
                width[c] = Math.max(width[c], line[c].length());
            }
            cells.add(line);
        }
        out.println(line(header, width, new boolean[header.length]));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < header.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        out.println(rule);
        cells.forEach(l -> out.println(line(l, width, numeric)));
        out.println("(" + cells.size() + (cut ? "+ rows; only the first " + maxRows + " shown, use --format csv"
                + " for all)" : cells.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] width, boolean[] right) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            s.append(c == 0 ? "" : " | ");
            String pad = " ".repeat(width[c] - cells[c].length());
            s.append(right[c] ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
        }
        return s.toString();
    }

    private static void printCsv(Dataset<Row> result, PrintWriter out) {
        String[] header = result.columns();
        List<String> h = new ArrayList<>();
        for (String c : header) {
            h.add(csv(c));
        }
        out.println(String.join(",", h));
        Iterator<Row> rows = result.toLocalIterator();
        while (rows.hasNext()) {
            Row r = rows.next();
            List<String> line = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                line.add(r.isNullAt(c) ? "" : csv(text(r.get(c))));
            }
            out.println(String.join(",", line));
        }
    }

    /** Arrays as [a, b], everything else as Spark gives it. */
    static String text(Object value) {
        if (value instanceof scala.collection.Seq<?> seq) {
            return seq.mkString("[", ", ", "]");
        }
        return String.valueOf(value);
    }

    static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
