package org.mailtriage.warehouse;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.mailtriage.model.Column;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records → Spark rows, column for column in the order of their field list ({@code COLUMNS} beside each record), which
 * is the order of {@link Schemas}.
 */
public final class Rows {
    private Rows() {
    }

    /** A record's row as its table's schema has it: the values of its columns in order, then the partition date. */
    public static <T> Row of(List<Column<T>> columns, T record, LocalDate partition) {
        Object[] values = new Object[columns.size() + 1];
        putExternal(columns, record, values, 0);
        values[columns.size()] = Date.valueOf(partition);
        return RowFactory.create(values);
    }

    public static Row event(DeliveryEvent event) {
        return of(DeliveryEvent.COLUMNS, event, utcDate(event.eventTime()));
    }

    /** A quarantine row: the run's id, the record's columns, the ingest date. */
    public static Row quarantine(QuarantineRecord record, String runId, LocalDate ingestDate) {
        List<Column<QuarantineRecord>> columns = QuarantineRecord.COLUMNS;
        Object[] values = new Object[columns.size() + 2];
        values[0] = runId;
        putExternal(columns, record, values, 1);
        values[values.length - 1] = Date.valueOf(ingestDate);
        return RowFactory.create(values);
    }

    /**
     * The event as Spark's internal row for the Parquet writer, without the partition column (event_date): what
     * {@link #event} becomes after the Row encoder, built directly. Timestamps go through the same conversion as
     * the encoder's ({@code java.sql.Timestamp} → microseconds, rebased the same way).
     */
    public static InternalRow eventInternal(DeliveryEvent event) {
        return internal(DeliveryEvent.COLUMNS, event);
    }

    /** A record's row as Spark's internal row, without the partition column: what {@link #of} becomes after the Row encoder. */
    public static <T> InternalRow internal(List<Column<T>> columns, T record) {
        Object[] values = new Object[columns.size()];
        putInternal(columns, record, values, 0);
        return new GenericInternalRow(values);
    }

    /** The quarantine row as Spark's internal row, without the partition column (ingest_date). */
    public static InternalRow quarantineInternal(QuarantineRecord record, UTF8String runId) {
        List<Column<QuarantineRecord>> columns = QuarantineRecord.COLUMNS;
        Object[] values = new Object[columns.size() + 1];
        values[0] = runId;
        putInternal(columns, record, values, 1);
        return new GenericInternalRow(values);
    }

    /** Puts the external (Row) values of a record's columns into {@code values}, from index {@code from} on. */
    static <T> void putExternal(List<Column<T>> columns, T record, Object[] values, int from) {
        for (int index = 0; index < columns.size(); index++) {
            Column<T> column = columns.get(index);
            values[from + index] = externalValue(column, column.value().apply(record));
        }
    }

    private static <T> void putInternal(List<Column<T>> columns, T record, Object[] values, int from) {
        for (int index = 0; index < columns.size(); index++) {
            Column<T> column = columns.get(index);
            values[from + index] = internalValue(column, column.value().apply(record));
        }
    }

    /**
     * The field list of a record list's elements, typed for them. {@code Column.fields()} lost the element type;
     * {@code Column.records} checked it where the list was declared, so the cast holds.
     */
    @SuppressWarnings("unchecked")
    private static List<Column<Object>> elementColumns(Column<?> column) {
        return (List<Column<Object>>) (List<?>) column.fields();
    }

    /** The value as a {@code Row} carries it (what {@code RowFactory} and the Row encoder take). */
    private static Object externalValue(Column<?> column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case TEXT, LONG, INTEGER, BOOLEAN -> value;
            case TIMESTAMP -> Timestamp.from((Instant) value);
            case DATE -> Date.valueOf((LocalDate) value);
            case TEXT_LIST -> seq((List<?>) value);
            case RECORD_LIST -> externalRecords(elementColumns(column), (List<?>) value);
        };
    }

    /** The value as Spark's internal row holds it. */
    private static Object internalValue(Column<?> column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case TEXT -> UTF8String.fromString((String) value);
            case LONG, INTEGER, BOOLEAN -> value;
            case TIMESTAMP -> DateTimeUtils.fromJavaTimestamp(Timestamp.from((Instant) value));
            case DATE -> DateTimeUtils.fromJavaDate(Date.valueOf((LocalDate) value));
            case TEXT_LIST -> internalTexts((List<?>) value);
            case RECORD_LIST -> internalRecords(elementColumns(column), (List<?>) value);
        };
    }

    private static scala.collection.immutable.Seq<Row> externalRecords(List<Column<Object>> fields, List<?> records) {
        return seq(records.stream().map(record -> {
            Object[] values = new Object[fields.size()];
            putExternal(fields, record, values, 0);
            return RowFactory.create(values);
        }).toList());
    }

    private static GenericArrayData internalTexts(List<?> texts) {
        return new GenericArrayData(texts.stream().map(text -> UTF8String.fromString((String) text)).toArray());
    }

    private static GenericArrayData internalRecords(List<Column<Object>> fields, List<?> records) {
        return new GenericArrayData(records.stream().map(record -> {
            Object[] values = new Object[fields.size()];
            putInternal(fields, record, values, 0);
            return new GenericInternalRow(values);
        }).toArray());
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> values) {
        return CollectionConverters.asScala(values).toSeq();
    }

    public static LocalDate utcDate(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
