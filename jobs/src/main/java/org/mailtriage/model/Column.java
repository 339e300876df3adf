package org.mailtriage.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * One column of an output table, declared once beside the record it comes from: its name, its type, whether it may be
 * null, and how a record gives its value (of the Java type {@link ColumnType} names). The warehouse derives the table's
 * schema and rows from the list.
 *
 * @param fields for a {@link ColumnType#RECORD_LIST} column, the field list of its elements; else empty
 */
public record Column<T>(String name, ColumnType type, boolean nullable, Function<T, Object> value, List<Column<?>> fields) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        fields = List.copyOf(fields);
        if ((type == ColumnType.RECORD_LIST) == fields.isEmpty()) {
            throw new IllegalArgumentException("column " + name + ": a record list needs its elements' fields, and only a record list");
        }
    }

    /** A column of a single value or a list of text. */
    public Column(String name, ColumnType type, boolean nullable, Function<T, Object> value) {
        this(name, type, nullable, value, List.of());
    }

    /** A column of a single value or a list of text; the record type comes from the list it is declared in. */
    public static <T> Column<T> of(String name, ColumnType type, boolean nullable, Function<T, Object> value) {
        return new Column<>(name, type, nullable, value);
    }

    /**
     * A column holding a list of records, each written from its own field list. Declared through this method the
     * elements' type is checked to be the one {@code fields} reads, which the {@code fields} component can no longer say.
     */
    public static <T, E> Column<T> records(String name, boolean nullable, Function<T, List<E>> value, List<Column<E>> fields) {
        return new Column<>(name, ColumnType.RECORD_LIST, nullable, value::apply, List.<Column<?>>copyOf(fields));
    }
}
