package org.mailtriage.spark;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
import org.mailtriage.ingest.DeliveryEvent;
import org.mailtriage.ingest.QuarantineRecord;

/** Records → Spark rows, field for field in the order of {@link Schemas}. */
public final class Rows {
    private Rows() {
    }

    public static Row event(DeliveryEvent event) {
        return RowFactory.create(
                event.eventId(),
                Timestamp.from(event.eventTime()),
                event.sourceFormat().label(),
                event.sourceFile(),
                event.sourceOffset(),
                event.reportingHost(),
                event.direction().label(),
                event.outcome(),
                event.queueId(),
                event.messageId(),
                event.sender(),
                event.senderDomain(),
                event.recipient(),
                event.recipientDomain(),
                event.remoteHost(),
                event.remoteIp(),
                event.sendingIp(),
                event.heloName(),
                event.smtpStage(),
                event.replyCode(),
                event.enhancedStatus(),
                event.dsnAction(),
                event.replyText(),
                event.reason(),
                event.guideRule(),
                event.remedy(),
                event.ruleId(),
                event.blocklist(),
                event.rawText(),
                Date.valueOf(utcDate(event.eventTime())));
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
    static InternalRow eventInternal(DeliveryEvent event) {
        return new GenericInternalRow(new Object[] {
            text(event.eventId()),
            DateTimeUtils.fromJavaTimestamp(Timestamp.from(event.eventTime())),
            text(event.sourceFormat().label()),
            text(event.sourceFile()),
            event.sourceOffset(),
            text(event.reportingHost()),
            text(event.direction().label()),
            text(event.outcome()),
            text(event.queueId()),
            text(event.messageId()),
            text(event.sender()),
            text(event.senderDomain()),
            text(event.recipient()),
            text(event.recipientDomain()),
            text(event.remoteHost()),
            text(event.remoteIp()),
            text(event.sendingIp()),
            text(event.heloName()),
            text(event.smtpStage()),
            event.replyCode(),
            text(event.enhancedStatus()),
            text(event.dsnAction()),
            text(event.replyText()),
            text(event.reason()),
            text(event.guideRule()),
            text(event.remedy()),
            text(event.ruleId()),
            text(event.blocklist()),
            text(event.rawText())});
    }

    /** The quarantine row as Spark's internal row, without the partition column (ingest_date). */
    static InternalRow quarantineInternal(QuarantineRecord record, UTF8String runId) {
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
