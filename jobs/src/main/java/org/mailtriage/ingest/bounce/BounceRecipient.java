package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import org.mailtriage.classify.SmtpStage;

/**
 * One recipient a bounce reports on. Every field but the kind and stage may be null: bounces
 * leave out what they like.
 *
 * @param status enhanced status (DSN Status field, else the one in the diagnostic text)
 * @param diagnostic the receiver's words (Diagnostic-Code, or the MTA's text), bounded
 */
public record BounceRecipient(BounceKind kind, String recipient, String action, String status, Integer replyCode,
        String diagnostic, String remoteMta, SmtpStage stage, String lastAttemptDate) {

    public BounceRecipient {
        requireNonNull(kind, "kind is null");
        requireNonNull(stage, "stage is null");
    }
}
