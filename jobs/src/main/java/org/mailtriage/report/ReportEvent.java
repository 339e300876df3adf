package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;

/**
 * The columns of one {@code events} row that the report reads.
 *
 * @param outcome what the source said happened (bounced, deferred, expired, reject …)
 */
public record ReportEvent(String eventId, Instant eventTime, String direction, String outcome, String reportingHost, String remoteIp,
        String sendingIp, String heloName, String recipientDomain, Integer replyCode, String replyText, String reason, String guideRule,
        String blocklist) implements Serializable {
    public ReportEvent {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(direction, "direction is null");
    }

    /** Outbound failures are our server's; everything else (inbound rejects) is about the remote client. */
    public ServerRole role() {
        return "outbound".equals(direction) ? ServerRole.OUR_SERVER : ServerRole.REMOTE_CLIENT;
    }

    /** The IP of the server the event is about: ours (sending) for outbound, the remote client's for inbound. */
    public String ip() {
        if ("outbound".equals(direction)) {
            return sendingIp;
        }
        return remoteIp != null ? remoteIp : sendingIp;
    }

    /** A 5xx reply is a bounce, a 4xx one a deferral; without a code, what the source said decides. */
    public boolean permanent() {
        if (replyCode != null && replyCode >= 500) {
            return true;
        }
        if (replyCode != null && replyCode >= 400) {
            return false;
        }
        return "bounced".equals(outcome) || "expired".equals(outcome) || "reject".equals(outcome);
    }
}
