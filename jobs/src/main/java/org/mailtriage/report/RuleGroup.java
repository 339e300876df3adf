package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.model.GuideRule;

/**
 * The failures of one server under one guide rule and one named blocklist (null: none named):
 * counts, first and last time, and the earliest events as evidence (sorted, bounded by the query).
 */
public record RuleGroup(GuideRule guideRule, String blocklist, long failures, long bounces, Instant firstSeen, Instant lastSeen,
        List<Sample> samples) implements Serializable {
    public RuleGroup {
        requireNonNull(guideRule, "guideRule is null");
        requireNonNull(firstSeen, "firstSeen is null");
        requireNonNull(lastSeen, "lastSeen is null");
        samples = samples.stream().sorted().toList();
    }
}
