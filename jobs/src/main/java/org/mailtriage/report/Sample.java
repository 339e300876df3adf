package org.mailtriage.report;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.INTEGER;
import static org.mailtriage.model.ColumnType.TEXT;
import static org.mailtriage.model.ColumnType.TIMESTAMP;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.model.Column;

/** One failure event kept as evidence: when, to which domain, what the receiver said. */
public record Sample(String eventId, Instant time, String receivingDomain, Integer replyCode, String replyText, boolean permanent)
        implements Comparable<Sample>, Serializable {
    /** A sample as delisting_requests shows it (sample_bounces): whether it was permanent is not written. */
    public static final List<Column<Sample>> COLUMNS = List.of(
            Column.of("time", TIMESTAMP, false, Sample::time),
            Column.of("receiving_domain", TEXT, true, Sample::receivingDomain),
            Column.of("reply_code", INTEGER, true, Sample::replyCode),
            Column.of("reply_text", TEXT, true, Sample::replyText),
            Column.of("event_id", TEXT, false, Sample::eventId));

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
