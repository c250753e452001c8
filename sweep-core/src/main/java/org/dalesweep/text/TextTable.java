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
    private final java.util.Map<Integer, Integer> wrapAt = new java.util.HashMap<>();

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

    /**
     * Wraps the cells of a column at {@code width} characters (at spaces where it can, else mid-word)
     * onto continuation lines, so that one long cell (a FAILED run's message) does not widen every row.
     */
    public TextTable wrap(int column, int width) {
        wrapAt.put(column, Math.max(8, width));
        return this;
    }

    /** A cell's text as lines no wider than its column's wrap width. */
    static List<String> wrapped(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= width / 3) {
                cut = width;
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }

    private List<String> lines(List<String> cells, int column) {
        Integer width = wrapAt.get(column);
        return width == null ? List.of(cells.get(column)) : wrapped(cells.get(column), width);
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
                for (String l : lines(r, i)) {
                    w[i] = Math.max(w[i], l.length());
                }
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
            List<List<String>> cellLines = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < w.length; i++) {
                cellLines.add(lines(r, i));
                height = Math.max(height, cellLines.get(i).size());
            }
            for (int k = 0; k < height; k++) {
                List<String> physical = new ArrayList<>();
                for (int i = 0; i < w.length; i++) {
                    physical.add(k < cellLines.get(i).size() ? cellLines.get(i).get(k) : "");
                }
                line(sb, physical, w, true);
            }
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
