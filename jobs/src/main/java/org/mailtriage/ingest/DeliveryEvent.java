package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;

/**
 * One failed or deferred delivery attempt, or one reject, as read from a log line or a bounce.
 * Nullable fields are the ones a source may not carry. Classification fields (reason …) are
 * filled by the classifier right after parsing.
 *
 * @param outcome what the source said happened: bounced, deferred, expired, reject, dnsbl …
 * @param replyCode three-digit SMTP reply code, null when the source gives none
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
        String blocklist,
        String rawText) implements Serializable {

    public DeliveryEvent {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(sourceFormat, "sourceFormat is null");
        requireNonNull(sourceFile, "sourceFile is null");
        requireNonNull(direction, "direction is null");
        requireNonNull(outcome, "outcome is null");
    }

    /** The same event with the classifier's labels. */
    public DeliveryEvent withClassification(org.mailtriage.classify.Classification classification, String blocklistOverride) {
        String list = blocklistOverride != null ? blocklistOverride : classification.blocklist();
        return new DeliveryEvent(eventId, eventTime, sourceFormat, sourceFile, sourceOffset, reportingHost, direction, outcome,
                queueId, messageId, sender, recipient, remoteHost, remoteIp, sendingIp, heloName, smtpStage, replyCode,
                enhancedStatus, dsnAction, replyText, classification.reason().label(), classification.guideRuleLabel(),
                classification.remedyLabel(), classification.ruleId(), list, rawText);
    }

    public String senderDomain() {
        return Addresses.domainOf(sender);
    }

    public String recipientDomain() {
        return Addresses.domainOf(recipient);
    }
}
