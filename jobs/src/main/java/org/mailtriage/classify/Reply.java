package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

/**
 * One SMTP reply as the classifier sees it: the three-digit code and enhanced status when the
 * source gave them (null otherwise), the command it answered, and the text.
 */
public record Reply(Integer replyCode, String enhancedStatus, SmtpStage stage, String text) {
    public Reply {
        requireNonNull(stage, "stage is null");
        requireNonNull(text, "text is null");
    }

    /** Splits "550 5.7.1 text" (or "5.7.1 text", or plain text) into a reply. */
    public static Reply parse(String reply, SmtpStage stage) {
        return ReplyCodes.split(reply, stage);
    }
}
