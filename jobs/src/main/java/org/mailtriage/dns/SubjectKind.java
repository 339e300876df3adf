package org.mailtriage.dns;

import java.util.Locale;

/** What a dns_answers row is about. */
public enum SubjectKind {
    IP,
    HELO,
    DOMAIN,
    /** A zone's self-test (the subject is the test point). */
    ZONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubjectKind parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
