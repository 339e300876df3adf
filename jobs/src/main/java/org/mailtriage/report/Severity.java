package org.mailtriage.report;

import java.util.Locale;

/**
 * What to fix first. CRITICAL: our mail is being refused for good (5xx). HIGH: our mail is being
 * deferred (4xx), or a blocklist lists our IP before anything bounced. MEDIUM: a DNS check of our
 * server fails but nothing has bounced for it yet. LOW: a remote client's problem (ours to know, not
 * to fix). NONE: failures the guide has no fix for (unknown users, full mailboxes …).
 */
public enum Severity {
    NONE(0), LOW(100), MEDIUM(200), HIGH(300), CRITICAL(400);

    private final int base;

    Severity(int base) {
        this.base = base;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Score for sorting: the level first, then (capped) how many failures it caused. */
    public int score(long failures) {
        return this == NONE ? 0 : base + (int) Math.min(99, failures);
    }

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
