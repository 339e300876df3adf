package org.mailtriage.model;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.INTEGER;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;
import static org.mailtriage.model.ColumnType.TIMESTAMP;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One failed or deferred delivery attempt, or one reject, as read from a log line or a bounce.
 * Nullable fields are the ones a source may not carry. Classification fields (reason …) are
 * filled by the classifier right after parsing.
 *
 * @param outcome what the source said happened: bounced, deferred, expired, reject, dnsbl …
 * @param replyCode three-digit SMTP reply code, null when the source gives none
 * @param classifiedBy the label of the {@link Layer} that decided the reason
 * @param rawText the source line or excerpt, bounded
 */
public record DeliveryEvent(
        String eventId,
        Instant eventTime,
        SourceFormat sourceFormat,
        String sourceFile,
        long sourceOffset,
        String reportingHost,
        Direction direction,
        String outcome,
        String queueId,
        String messageId,
        String sender,
        String recipient,
        String remoteHost,
        String remoteIp,
        String sendingIp,
        String heloName,
        String smtpStage,
        Integer replyCode,
        String enhancedStatus,
        String dsnAction,
        String replyText,
        String reason,
        String guideRule,
        String remedy,
        String ruleId,
        String classifiedBy,
        String blocklist,
        String rawText) implements Serializable {

    /**
     * The columns of the events table, in order, without its partition column (event_date): the one list the
     * table's schema ({@code schemas/events.json}) and the rows written are derived from. A new column is one line here.
     */
    public static final List<Column<DeliveryEvent>> COLUMNS = List.of(
            column("event_id", TEXT, false, DeliveryEvent::eventId),
            column("event_time", TIMESTAMP, false, DeliveryEvent::eventTime),
            column("source_format", TEXT, false, event -> event.sourceFormat().label()),
            column("source_file", TEXT, false, DeliveryEvent::sourceFile),
            column("source_offset", LONG, false, DeliveryEvent::sourceOffset),
            column("reporting_host", TEXT, true, DeliveryEvent::reportingHost),
            column("direction", TEXT, false, event -> event.direction().label()),
            column("outcome", TEXT, false, DeliveryEvent::outcome),
            column("queue_id", TEXT, true, DeliveryEvent::queueId),
            column("message_id", TEXT, true, DeliveryEvent::messageId),
            column("sender", TEXT, true, DeliveryEvent::sender),
            column("sender_domain", TEXT, true, DeliveryEvent::senderDomain),
            column("recipient", TEXT, true, DeliveryEvent::recipient),
            column("recipient_domain", TEXT, true, DeliveryEvent::recipientDomain),
            column("remote_host", TEXT, true, DeliveryEvent::remoteHost),
            column("remote_ip", TEXT, true, DeliveryEvent::remoteIp),
            column("sending_ip", TEXT, true, DeliveryEvent::sendingIp),
            column("helo_name", TEXT, true, DeliveryEvent::heloName),
            column("smtp_stage", TEXT, true, DeliveryEvent::smtpStage),
            column("reply_code", INTEGER, true, DeliveryEvent::replyCode),
            column("enhanced_status", TEXT, true, DeliveryEvent::enhancedStatus),
            column("dsn_action", TEXT, true, DeliveryEvent::dsnAction),
            column("reply_text", TEXT, true, DeliveryEvent::replyText),
            column("reason", TEXT, false, DeliveryEvent::reason),
            column("guide_rule", TEXT, true, DeliveryEvent::guideRule),
            column("remedy", TEXT, true, DeliveryEvent::remedy),
            column("rule_id", TEXT, false, DeliveryEvent::ruleId),
            column("classified_by", TEXT, false, DeliveryEvent::classifiedBy),
            column("blocklist", TEXT, true, DeliveryEvent::blocklist),
            column("raw_text", TEXT, true, DeliveryEvent::rawText));

    public DeliveryEvent {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(sourceFormat, "sourceFormat is null");
        requireNonNull(sourceFile, "sourceFile is null");
        requireNonNull(direction, "direction is null");
        requireNonNull(outcome, "outcome is null");
    }

    /** The same event with the classifier's labels. */
    public DeliveryEvent withClassification(Classification classification, String blocklistOverride) {
        String list = blocklistOverride != null ? blocklistOverride : classification.blocklist();
        return new DeliveryEvent(eventId, eventTime, sourceFormat, sourceFile, sourceOffset, reportingHost, direction, outcome,
                queueId, messageId, sender, recipient, remoteHost, remoteIp, sendingIp, heloName, smtpStage, replyCode,
                enhancedStatus, dsnAction, replyText, classification.reason().label(), classification.guideRuleLabel(),
                classification.remedyLabel(), classification.ruleId(), classification.layer().label(), list, rawText);
    }

    public String senderDomain() {
        return Addresses.domainOf(sender);
    }

    public String recipientDomain() {
        return Addresses.domainOf(recipient);
    }

    private static Column<DeliveryEvent> column(String name, ColumnType type, boolean nullable, Function<DeliveryEvent, Object> value) {
        return new Column<>(name, type, nullable, value);
    }
}
