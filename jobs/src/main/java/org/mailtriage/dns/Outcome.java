package org.mailtriage.dns;

/** What one check concluded. {@code unknown} whenever DNS could not give a trustworthy answer. */
public enum Outcome {
    LISTED("listed"),
    NOT_LISTED("not_listed"),
    PASS("pass"),
    FAIL("fail"),
    UNKNOWN("unknown");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The value a dns_answers row spells as {@code label}. */
    public static Outcome fromLabel(String label) {
        for (Outcome value : values()) {
            if (value.label.equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown outcome: " + label);
    }

    /** Only definite answers are worth reusing from the cache; an unknown is asked again next time. */
    public boolean cacheable() {
        return this != UNKNOWN;
    }
}
