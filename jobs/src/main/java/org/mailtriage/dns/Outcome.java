package org.mailtriage.dns;

/** What one check concluded. {@code unknown} whenever DNS could not give a trustworthy answer. */
public enum Outcome implements Labelled {
    /** A blocklist's answer. */
    LISTED, NOT_LISTED,
    /** Any other check's. */
    PASS, FAIL,
    UNKNOWN;

    /** The value a dns_answers row spells as {@code label}. */
    public static Outcome fromLabel(String label) {
        return Labelled.parse(Outcome.class, label, "outcome");
    }

    /** Only definite answers are worth reusing from the cache; an unknown is asked again next time. */
    public boolean cacheable() {
        return this != UNKNOWN;
    }
}
