package dev.minibatch.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A report as a list of blocks — headings, paragraphs, tables and images — rendered to Markdown (images as
 * files beside it) and to one self-contained HTML file (images embedded), so the two never say different things.
 */
public final class Doc {
    private final String title;
    private final List<Object> blocks = new ArrayList<>();

    private record Heading(String text) {
    }

    private record Paragraph(String text) {
    }

    private record Table(List<String> header, List<List<String>> rows) {
    }

    /**
     * A PNG image.
     *
     * @param file the file name it is written under.
     * @param alt the alternative text.
     * @param png the PNG bytes.
     */
    public record Image(String file, String alt, byte[] png) {
    }

    /**
     * Starts a document.
     *
     * @param title the title.
     */
    public Doc(String title) {
        this.title = title;
    }

    /**
     * Adds a section heading.
     *
     * @param text the heading.
     * @return this document.
     */
    public Doc heading(String text) {
        blocks.add(new Heading(text));
        return this;
    }

    /**
     * Adds a paragraph of plain text.
     *
     * @param text the paragraph.
     * @return this document.
     */
    public Doc paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    /**
     * Adds a table.
     *
     * @param header the column names.
     * @param rows the rows, each as long as the header.
     * @return this document.
     */
    public Doc table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(header, rows));
        return this;
    }

    /**
     * Adds a two-column key/value table.
     *
     * @param rows the keys and values in order.
     * @return this document.
     */
    public Doc keyValues(Map<String, String> rows) {
        List<List<String>> r = new ArrayList<>();
        rows.forEach((k, v) -> r.add(List.of(k, v)));
        return table(List.of("", ""), r);
    }

    /**
     * Adds an image.
     *
     * @param image the image.
     * @return this document.
     */
    public Doc image(Image image) {
        blocks.add(image);
        return this;
    }

    /** @return the images, for writing beside the Markdown. */
    public List<Image> images() {
        return blocks.stream().filter(Image.class::isInstance).map(Image.class::cast).toList();
    }

    /** @return the document as GitHub-flavoured Markdown; images refer to their files. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Object b : blocks) {
            if (b instanceof Heading h) {
                sb.append("## ").append(h.text()).append("\n\n");
            } else if (b instanceof Paragraph p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Table t) {
                sb.append(mdRow(t.header())).append('|');
                t.header().forEach(h -> sb.append("---|"));
                sb.append('\n');
                t.rows().forEach(r -> sb.append(mdRow(r)));
                sb.append('\n');
            } else if (b instanceof Image i) {
                sb.append("![").append(i.alt()).append("](").append(i.file()).append(")\n\n");
            }
        }
        return sb.toString();
    }

    private static String mdRow(List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        cells.forEach(c -> sb.append(' ').append(c.replace("|", "\\|")).append(" |"));
        return sb.append('\n').toString();
    }

    /**
     * Returns the document as one self-contained HTML page (no network, images inline). Void elements are
     * self-closed, so the page is also well-formed XML and tests can parse it strictly.
     *
     * @return the page.
     */
    public String html() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        sb.append("<title>").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:1000px;margin:2em auto;")
                .append("padding:0 1em;color:#222;line-height:1.45}\n")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:0.92em}\n")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\n")
                .append("th{background:#f3f3f3}\ntd{font-family:ui-monospace,Menlo,Consolas,monospace}\n")
                .append("img{max-width:100%;border:1px solid #eee;margin:0.5em 0 1.5em}\nh1{font-size:1.6em}\n")
                .append("h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}\n</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n");
        for (Object b : blocks) {
            if (b instanceof Heading h) {
                sb.append("<h2>").append(esc(h.text())).append("</h2>\n");
            } else if (b instanceof Paragraph p) {
                sb.append("<p>").append(esc(p.text())).append("</p>\n");
            } else if (b instanceof Table t) {
                sb.append("<table>\n");
                if (t.header().stream().anyMatch(h -> !h.isEmpty())) {
                    sb.append("<tr>");
                    t.header().forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
                    sb.append("</tr>\n");
                }
                for (List<String> r : t.rows()) {
                    sb.append("<tr>");
                    r.forEach(c -> sb.append("<td>").append(esc(c)).append("</td>"));
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
            } else if (b instanceof Image i) {
                sb.append("<img alt=\"").append(esc(i.alt())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(i.png())).append("\"/>\n");
            }
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    /** Escapes text for HTML (also the run index's page). */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
