package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.mailtriage.model.Addresses;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.Direction;
import org.mailtriage.model.Reply;
import org.mailtriage.model.ReplyCodes;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.model.SourceFormat;

/**
 * Builds one unclassified {@link DeliveryEvent} field by field, so the parsers of the many MTA
 * formats do not each call a 27-argument constructor. Not thread-safe; use one per event.
 */
public final class EventBuilder {
    private static final int RAW_LIMIT = 4096;

    private final SourceLine line;
    private final SourceFormat format;
    private final Instant time;
    private final Direction direction;
    private final String outcome;
    private int index;
    private String reportingHost;
    private String queueId;
    private String messageId;
    private String sender;
    private String recipient;
    private String remoteHost;
    private String remoteIp;
    private String sendingIp;
    private String heloName;
    private SmtpStage stage = SmtpStage.UNKNOWN;
    private Integer replyCode;
    private String enhancedStatus;
    private String dsnAction;
    private String replyText;

    public EventBuilder(SourceLine line, SourceFormat format, Instant time, Direction direction, String outcome) {
        this.line = requireNonNull(line, "line is null");
        this.format = requireNonNull(format, "format is null");
        this.time = requireNonNull(time, "time is null");
        this.direction = requireNonNull(direction, "direction is null");
        this.outcome = requireNonNull(outcome, "outcome is null");
    }

    /** The position of this event among the events of its line (one per recipient): part of the event id. */
    public EventBuilder index(int value) {
        index = value;
        return this;
    }

    public EventBuilder reportingHost(String value) {
        reportingHost = emptyToNull(value);
        return this;
    }

    public EventBuilder queueId(String value) {
        queueId = emptyToNull(value);
        return this;
    }

    public EventBuilder messageId(String value) {
        messageId = emptyToNull(value);
        return this;
    }

    public EventBuilder sender(String value) {
        sender = Addresses.unbracket(value);
        return this;
    }

    public EventBuilder recipient(String value) {
        recipient = Addresses.unbracket(value);
        return this;
    }

    public EventBuilder remote(String host, String ip) {
        remoteHost = emptyToNull(host);
        remoteIp = Addresses.normalizeIp(emptyToNull(ip));
        return this;
    }

    public EventBuilder sendingIp(String value) {
        sendingIp = Addresses.normalizeIp(emptyToNull(value));
        return this;
    }

    public EventBuilder heloName(String value) {
        heloName = emptyToNull(value);
        return this;
    }

    public EventBuilder dsnAction(String value) {
        dsnAction = emptyToNull(value);
        return this;
    }

    /** The reply as split by {@link org.mailtriage.model.ReplyCodes}; a status the log gives elsewhere fills a gap. */
    public EventBuilder reply(Reply reply, String fallbackStatus) {
        stage = reply.stage();
        replyCode = reply.replyCode();
        enhancedStatus = reply.enhancedStatus() != null ? reply.enhancedStatus() : ReplyCodes.enhancedStatusOrNull(fallbackStatus);
        replyText = reply.text();
        return this;
    }

    /** Fills our sending IP the way the Postfix parser does: quoted in the reply, else the server's first IP. */
    public EventBuilder outboundDefaults(ServerDirectory servers) {
        if (sendingIp == null && replyText != null) {
            sendingIp = SendingIps.fromReply(replyText, remoteIp);
        }
        ServerDirectory.Server server = servers.find(reportingHost);
        if (server != null) {
            if (sendingIp == null) {
                sendingIp = server.primaryIp();
            }
            if (heloName == null) {
                heloName = server.heloName();
            }
        }
        return this;
    }

    public DeliveryEvent build() {
        return new DeliveryEvent(EventIds.of(line.file(), line.offset(), index), time, format, line.file(), line.offset(),
                reportingHost, direction, outcome, queueId, messageId, sender, recipient, remoteHost, remoteIp, sendingIp, heloName,
                stage.label(), replyCode, enhancedStatus, dsnAction, replyText, null, null, null, null, null, null, bounded(line.text()));
    }

    static String bounded(String text) {
        return text.length() <= RAW_LIMIT ? text : text.substring(0, RAW_LIMIT);
    }

    static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
