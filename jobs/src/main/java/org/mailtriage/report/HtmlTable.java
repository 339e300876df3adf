package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTML table for the notebooks: every cell goes through {@link InertText#line} (outside text from events and
 * dns_answers is kept raw in Parquet) and is then HTML-escaped. Lists are joined with ", ", structs shown as
 * {@code name=value; …}, times in UTC.
 */
public final class HtmlTable {
    /** A cell longer than this is cut: a table row should stay readable, the row holds the whole text. */
    public static final int CELL_LENGTH = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HtmlTable() {
    }

    /**
     * @param rows the values of each row, in column order: strings, numbers, booleans, {@link Instant}s, dates,
     *         lists and maps (a struct as field name → value) of those
     * @param moreRows true when rows were left out; the table says so
     */
    public static String render(List<String> columns, List<? extends List<?>> rows, boolean moreRows) {
        requireNonNull(columns, "columns is null");
        requireNonNull(rows, "rows is null");
        StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
        for (String column : columns) {
            html.append("<th>").append(escape(InertText.line(column, CELL_LENGTH))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<?> row : rows) {
            html.append("<tr>");
            for (Object value : row) {
                html.append("<td>").append(escape(cell(value))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        html.append(rows.size()).append(rows.size() == 1 ? " row" : " rows").append(moreRows ? " shown; more not shown" : "");
        return html.toString();
    }

    /** The inert text a cell shows for a value. */
    public static String cell(Object value) {
        return value == null ? "" : InertText.line(text(value), CELL_LENGTH);
    }

    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return TIME.format(instant);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return TIME.format(timestamp.toInstant());
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(item -> item == null ? "" : text(item)).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> fields) {
            return fields.entrySet().stream().map(field -> field.getKey() + "=" + (field.getValue() == null ? "" : text(field.getValue())))
                    .collect(Collectors.joining("; "));
        }
        return String.valueOf(value);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
