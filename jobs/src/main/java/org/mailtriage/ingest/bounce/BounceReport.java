package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One email read from a bounce archive: its kind, the recipients it reports on (failed ones and,
 * for mixed reports, delivered ones with their own kind), and what it says about our sending side.
 *
 * @param time the email's Date, else the DSN's Arrival-Date, else null
 * @param problem why part of the message could not be read (kept for the record), or null
 */
public record BounceReport(BounceKind kind, List<BounceRecipient> recipients, String reportingMta, Instant time,
        ReturnedMessage returned, String subject, String problem) {

    public BounceReport {
        requireNonNull(kind, "kind is null");
        recipients = List.copyOf(recipients);
        requireNonNull(returned, "returned is null");
    }

    public List<BounceRecipient> failures() {
        return recipients.stream().filter(recipient -> recipient.kind() == BounceKind.FAILURE).toList();
    }
}
