package org.mailtriage.report;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;
import static org.mailtriage.model.ColumnType.TEXT_LIST;
import static org.mailtriage.model.ColumnType.TIMESTAMP;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.model.Column;
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
    /** An action as server_remediation shows it (actions): the guide rule spelled out into its remedy and section. */
    public static final List<Column<Action>> COLUMNS = List.of(
            Column.of("remedy", TEXT, false, action -> action.remedy().label()),
            Column.of("guide_rule", TEXT, false, action -> action.guideRule().label()),
            Column.of("guide_section", TEXT, false, Action::guideSection),
            Column.of("remedy_description", TEXT, false, action -> action.remedy().description()),
            Column.of("severity", TEXT, false, action -> action.severity().label()),
            Column.of("detail", TEXT, false, Action::detail),
            Column.of("failures", LONG, false, Action::failures),
            Column.of("first_seen", TIMESTAMP, true, Action::firstSeen),
            Column.of("last_seen", TIMESTAMP, true, Action::lastSeen),
            Column.of("evidence_event_ids", TEXT_LIST, false, Action::evidenceEventIds),
            Column.of("evidence_dns", TEXT_LIST, false, Action::evidenceDns));

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
