package org.mailtriage.spark;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

    public static LocalDate utcDate(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
