package org.dalesweep.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A report as a list of blocks (headings, paragraphs, tables, images) rendered twice from the
 * same content: Markdown that references the PNGs next to it, and one self-contained HTML page
 * with the PNGs embedded as base64 data URIs.
 */
public final class Report {

    private sealed interface Block permits Heading, Paragraph, Table, Image {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Paragraph(String text) implements Block {
    }

    private record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private record Image(String file, String caption) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public Report(String title) {
        this.title = title;
    }

    public Report heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    public Report paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    /** A table; every row must have as many cells as the header. */
    public Report table(List<String> header, List<List<String>> rows) {
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("table row has " + row.size() + " cells, header has "
                        + header.size() + ": " + row);
            }
        }
        blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    /** An image file (relative to the report directory) with its caption. */
    public Report image(String file, String caption) {
        blocks.add(new Image(file, caption));
        return this;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                md.append("#".repeat(h.level() + 1)).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof Paragraph p) {
                md.append(p.text()).append("\n\n");
            } else if (block instanceof Table t) {
                md.append(mdRow(t.header()));
                md.append("|").append("---|".repeat(t.header().size())).append('\n');
                t.rows().forEach(r -> md.append(mdRow(r)));
                md.append('\n');
            } else if (block instanceof Image i) {
                md.append("![").append(i.caption()).append("](").append(i.file()).append(")\n\n")
                        .append('*').append(i.caption()).append("*").append(vectorLink(i, "md")).append("\n\n");
            }
        }
        return md.toString();
    }

    private static String mdRow(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        for (String c : cells) {
            row.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return row.append('\n').toString();
    }

    /** The HTML page; images are read from {@code dir} and embedded. */
    public String html(Path dir) throws IOException {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:0.9em}")
                .append("th,td{border:1px solid #bbb;padding:3px 8px;text-align:right}")
                .append("th{background:#eee}td:first-child,th:first-child{text-align:left}")
                .append("img{max-width:100%;border:1px solid #ddd}figcaption{font-style:italic;color:#555}")
                .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        for (Block block : blocks) {
            if (block instanceof Heading x) {
                h.append("<h").append(x.level() + 1).append('>').append(esc(x.text()))
                        .append("</h").append(x.level() + 1).append(">\n");
            } else if (block instanceof Paragraph p) {
                h.append("<p>").append(inlineHtml(p.text())).append("</p>\n");
            } else if (block instanceof Table t) {
                    h.append("<table><thead><tr>");
                    t.header().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
                    h.append("</tr></thead><tbody>\n");
                    for (List<String> r : t.rows()) {
                        h.append("<tr>");
                        r.forEach(c -> h.append("<td>").append(inlineHtml(c)).append("</td>"));
                        h.append("</tr>\n");
                    }
                    h.append("</tbody></table>\n");
            } else if (block instanceof Image i) {
                    byte[] png = Files.readAllBytes(dir.resolve(i.file()));
                    h.append("<figure><img alt=\"").append(esc(i.caption())).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>")
                            .append(esc(i.caption())).append(vectorLink(i, "html")).append("</figcaption></figure>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    /** The link to the figure's SVG (written beside the PNG by {@link Charts#save}), or nothing. */
    private String vectorLink(Image i, String format) {
        String svg = Charts.svgName(i.file());
        if (svg.equals(i.file()) || !i.file().endsWith(".png")) {
            return "";
        }
        return format.equals("md") ? " [SVG](" + svg + ")"
                : " <a href=\"" + esc(svg) + "\">[SVG]</a>";
    }

    /** Writes report.md and report.html into {@code dir} (which already holds the images). */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(dir), StandardCharsets.UTF_8);
    }

    /** Paragraph and cell text may use **bold**, *italics* and `code`, as in the Markdown. */
    private static String inlineHtml(String text) {
        return esc(text).replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("(?<![\\w*])\\*([^*\\s][^*]*?)\\*(?![\\w*])",
                "<i>$1</i>").replaceAll("`(.+?)`", "<code>$1</code>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
