package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;

/** One failure event kept as evidence: when, to which domain, what the receiver said. */
public record Sample(String eventId, Instant time, String receivingDomain, Integer replyCode, String replyText, boolean permanent)
        implements Comparable<Sample>, Serializable {
    public Sample {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(time, "time is null");
    }

    @Override
    public int compareTo(Sample other) {
        int byTime = time.compareTo(other.time);
        return byTime != 0 ? byTime : eventId.compareTo(other.eventId);
    }
}
