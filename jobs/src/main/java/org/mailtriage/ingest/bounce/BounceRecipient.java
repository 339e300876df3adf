package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import org.mailtriage.model.SmtpStage;

/**
 * One recipient a bounce reports on. Every field but the kind and stage may be null: bounces
 * leave out what they like.
 *
 * @param status enhanced status (DSN Status field, else the one in the diagnostic text)
 * @param diagnostic the receiver's words (Diagnostic-Code, or the MTA's text), bounded
 * @param diagnosticType the type of the DSN's Diagnostic-Code ("smtp", "x-unix", "x-postfix"), lower case, or null
 */
public record BounceRecipient(BounceKind kind, String recipient, String action, String status, Integer replyCode,
        String diagnostic, String remoteMta, SmtpStage stage, String lastAttemptDate, String diagnosticType) {

    public BounceRecipient {
        requireNonNull(kind, "kind is null");
        requireNonNull(stage, "stage is null");
    }

    /** A recipient of a bounce without a delivery-status part (no diagnostic type). */
    public BounceRecipient(BounceKind kind, String recipient, String action, String status, Integer replyCode,
            String diagnostic, String remoteMta, SmtpStage stage, String lastAttemptDate) {
        this(kind, recipient, action, status, replyCode, diagnostic, remoteMta, stage, lastAttemptDate, null);
    }

    public BounceRecipient withDiagnosticType(String type) {
        return new BounceRecipient(kind, recipient, action, status, replyCode, diagnostic, remoteMta, stage, lastAttemptDate, type);
    }
}
