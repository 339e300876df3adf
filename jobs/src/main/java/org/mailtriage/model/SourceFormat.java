package org.mailtriage.model;

import java.util.Locale;

/** The kinds of input the pipeline reads; detected per file, or forced with --format. */
public enum SourceFormat {
    POSTFIX, EXIM, SENDMAIL, EXCHANGE, OPENSMTPD, COURIER, QMAIL, MBOX, MAILDIR, EML, UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceFormat fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
