package org.dalesweep.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table with aligned columns, for terminals and Markdown: numbers right-aligned,
 * text left-aligned. Built row by row, rendered once.
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(TextTable::cell).toList());
        return this;
    }

    /** A value as a table shows it: 4 significant digits for doubles, "–" for NaN or null. */
    public static String cell(Object v) {
        if (v == null) {
            return "–";
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return number(f.doubleValue());
        }
        return v.toString();
    }

    /**
     * 4 significant digits, trailing zeros dropped, scientific below 1e-3 and from 1e6; always with
     * a decimal point ({@link Locale#ROOT}), whatever the JVM's default locale.
     */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d != 0 && (Math.abs(d) >= 1e6 || Math.abs(d) < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", d);
        }
        String s = String.format(Locale.ROOT, "%.4g", d);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    private int[] widths() {
        int[] w = header.stream().mapToInt(String::length).toArray();
        for (List<String> r : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        return w;
    }

    private static boolean numeric(String s) {
        return s.matches("[-+]?[0-9.,]+(e[-+]?[0-9]+)?%?|–|inf|-inf");
    }

    /** Aligned text with a rule under the header. */
    public String render() {
        int[] w = widths();
        StringBuilder sb = new StringBuilder();
        line(sb, header, w, false);
        for (int i = 0; i < w.length; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, w, true);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w, boolean alignNumbers) {
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            sb.append(i == 0 ? "" : "  ");
            sb.append(alignNumbers && numeric(c) ? pad + c : c + (i == w.length - 1 ? "" : pad));
        }
        sb.append('\n');
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (String h : header) {
            sb.append(rows.stream().allMatch(r -> numeric(r.get(header.indexOf(h)))) && !rows.isEmpty() ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
