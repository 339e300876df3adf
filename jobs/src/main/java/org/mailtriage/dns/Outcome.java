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

    /** Only definite answers are worth reusing from the cache; an unknown is asked again next time. */
    public boolean cacheable() {
        return this != UNKNOWN;
    }
}
