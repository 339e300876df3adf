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
import org.apache.spark.unsafe.types.UTF8String;
import org.mailtriage.model.Column;
import org.mailtriage.model.ColumnType;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;

/** Records → Spark rows, field for field in the order of {@link Schemas}. */
public final class Rows {
    private Rows() {
    }

    public static Row event(DeliveryEvent event) {
        List<Column<DeliveryEvent>> columns = DeliveryEvent.COLUMNS;
        Object[] values = new Object[columns.size() + 1];
        for (int index = 0; index < columns.size(); index++) {
            Column<DeliveryEvent> column = columns.get(index);
            values[index] = external(column.type(), column.value().apply(event));
        }
        values[columns.size()] = Date.valueOf(utcDate(event.eventTime()));
        return RowFactory.create(values);
    }

    public static Row quarantine(QuarantineRecord record, String runId, LocalDate ingestDate) {
        return RowFactory.create(runId, record.sourceFormat().label(), record.sourceFile(), record.sourceOffset(),
                record.reason(), record.rawText(), Date.valueOf(ingestDate));
    }

    /**
     * The event as Spark's internal row for the Parquet writer, without the partition column (event_date): what
     * {@link #event} becomes after the Row encoder, built directly. Timestamps go through the same conversion as
     * the encoder's ({@code java.sql.Timestamp} → microseconds, rebased the same way).
     */
    public static InternalRow eventInternal(DeliveryEvent event) {
        List<Column<DeliveryEvent>> columns = DeliveryEvent.COLUMNS;
        Object[] values = new Object[columns.size()];
        for (int index = 0; index < columns.size(); index++) {
            Column<DeliveryEvent> column = columns.get(index);
            values[index] = internal(column.type(), column.value().apply(event));
        }
        return new GenericInternalRow(values);
    }

    private static Object external(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT, LONG, INTEGER -> value;
            case TIMESTAMP -> Timestamp.from((Instant) value);
        };
    }

    private static Object internal(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT -> UTF8String.fromString((String) value);
            case LONG, INTEGER -> value;
            case TIMESTAMP -> DateTimeUtils.fromJavaTimestamp(Timestamp.from((Instant) value));
        };
    }

    /** The quarantine row as Spark's internal row, without the partition column (ingest_date). */
    public static InternalRow quarantineInternal(QuarantineRecord record, UTF8String runId) {
        return new GenericInternalRow(new Object[] {runId, text(record.sourceFormat().label()), text(record.sourceFile()),
            record.sourceOffset(), text(record.reason()), text(record.rawText())});
    }

    private static UTF8String text(String value) {
        return value == null ? null : UTF8String.fromString(value);
    }

    public static LocalDate utcDate(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
