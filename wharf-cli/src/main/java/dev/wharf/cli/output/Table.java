package dev.wharf.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Renders JSON as aligned text: tables for arrays, "label: value" lines for objects. */
public final class Table {
    /** What an absent or null value shows. */
    public static final String NONE = "-";

    private Table() {
    }

    /** A table of {@code rows} (a JSON array): upper-case headings, columns two spaces apart, no trailing blanks. */
    public static String render(List<Column> columns, JsonNode rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(c -> c.heading().toUpperCase()).toList());
        for (JsonNode row : rows) {
            cells.add(columns.stream().map(c -> text(c.field().isEmpty() ? row : row.path(c.field()))).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                l.append(line.get(i));
                if (i < widths.length - 1) {
                    l.append(" ".repeat(widths[i] - line.get(i).length() + 2));
                }
            }
            out.append(l.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A record: one {@code label: value} line per column, labels aligned. */
    public static String record(List<Column> fields, JsonNode object) {
        int width = fields.stream().mapToInt(f -> f.heading().length()).max().orElse(0) + 1;
        StringBuilder out = new StringBuilder();
        for (Column f : fields) {
            String label = f.heading() + ":";
            out.append(label).append(" ".repeat(width - label.length() + 1))
                    .append(text(object.path(f.field()))).append('\n');
        }
        return out.toString();
    }

    /** One value as text: arrays comma-separated, absent or null as {@value #NONE}, empty arrays as {@value #NONE}. */
    public static String text(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return NONE;
        }
        if (v.isArray()) {
            String joined = StreamSupport.stream(v.spliterator(), false).map(Table::text)
                    .collect(Collectors.joining(","));
            return joined.isEmpty() ? NONE : joined;
        }
        if (v.isObject()) {
            return v.toString();
        }
        String s = v.asText();
        return s.isEmpty() ? NONE : s.replaceAll("\\p{Cntrl}", "?");
    }
}
