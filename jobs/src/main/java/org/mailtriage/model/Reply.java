package org.mailtriage.model;

import static java.util.Objects.requireNonNull;

/**
 * One SMTP reply as the classifier sees it: the three-digit code and enhanced status when the
 * source gave them (null otherwise), the command it answered, and the text. A bounce adds what its
 * delivery-status part says beside the reply: the DSN action ("failed", "delayed") and the
 * diagnostic type ("smtp", "x-unix" for a local delivery program); both are null for log lines.
 */
public record Reply(Integer replyCode, String enhancedStatus, SmtpStage stage, String text, String action, String diagnosticType) {
    public Reply {
        requireNonNull(stage, "stage is null");
        requireNonNull(text, "text is null");
    }

    public Reply(Integer replyCode, String enhancedStatus, SmtpStage stage, String text) {
        this(replyCode, enhancedStatus, stage, text, null, null);
    }

    /** Splits "550 5.7.1 text" (or "5.7.1 text", or plain text) into a reply. */
    public static Reply parse(String reply, SmtpStage stage) {
        return ReplyCodes.split(reply, stage);
    }
}
