package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Remedy;

/**
 * One thing to fix on one server: the guide rule behind it (which names the section and the
 * remedy), how urgent it is, and the evidence — event ids and DNS answers.
 *
 * @param firstSeen null when only DNS shows the problem
 */
public record Action(GuideRule guideRule, Severity severity, String detail, long failures, Instant firstSeen, Instant lastSeen,
        List<String> evidenceEventIds, List<String> evidenceDns) implements Serializable {
    public Action {
        requireNonNull(guideRule, "guideRule is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(detail, "detail is null");
        evidenceEventIds = List.copyOf(evidenceEventIds);
        evidenceDns = List.copyOf(evidenceDns);
    }

    public Remedy remedy() {
        return guideRule.remedy();
    }

    public String guideSection() {
        return guideRule.section();
    }
}
