package org.mailtriage.model;

import java.util.Locale;

/** The SMTP command a reply answered. UNKNOWN when the log does not say. */
public enum SmtpStage {
    CONNECT, HELO, MAIL, RCPT, DATA, END_OF_DATA, UNKNOWN;

    public String label() {
        return this == END_OF_DATA ? "END-OF-DATA" : name();
    }

    /** Reads the stage from the words a log uses ("RCPT TO", "end of data", "MAIL FROM", "EHLO" …). */
    public static SmtpStage fromWords(String words) {
        if (words == null) {
            return UNKNOWN;
        }
        String normalized = words.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        if (normalized.startsWith("RCPT")) {
            return RCPT;
        }
        if (normalized.startsWith("MAIL")) {
            return MAIL;
        }
        if (normalized.startsWith("EHLO") || normalized.startsWith("HELO")) {
            return HELO;
        }
        if (normalized.startsWith("END-OF-MESSAGE") || normalized.startsWith("END OF DATA")
                || normalized.startsWith("END-OF-DATA") || normalized.contains("END OF DATA")
                || normalized.startsWith("DATA END") || normalized.startsWith(".")) {
            return END_OF_DATA;
        }
        if (normalized.startsWith("DATA")) {
            return DATA;
        }
        if (normalized.startsWith("CONNECT") || normalized.startsWith("GREETING") || normalized.contains("INITIAL SERVER GREETING")) {
            return CONNECT;
        }
        return UNKNOWN;
    }
}
