package org.mailtriage.dns;

import java.util.Locale;

/** What one check concluded. {@code unknown} whenever DNS could not give a trustworthy answer. */
public enum Outcome {
    LISTED,
    NOT_LISTED,
    PASS,
    FAIL,
    UNKNOWN;

    /** How dns_answers spells it: the name in lower case. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    /** The value a dns_answers row spells as {@code label}. */
    public static Outcome fromLabel(String label) {
        return Labels.parse(Outcome.class, label, "outcome");
    }

    /** Only definite answers are worth reusing from the cache; an unknown is asked again next time. */
    public boolean cacheable() {
        return this != UNKNOWN;
    }
}
