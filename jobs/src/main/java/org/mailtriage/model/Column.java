package org.mailtriage.model;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * One column of an output table, declared once beside the record it comes from: its name, its type, whether it may be
 * null, and how a record gives its value (a {@code String}, {@code Long}, {@code Integer} or {@code Instant}, as
 * {@link ColumnType} says). The warehouse derives the table's schema and rows from the list.
 */
public record Column<T>(String name, ColumnType type, boolean nullable, Function<T, Object> value) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
    }
}
