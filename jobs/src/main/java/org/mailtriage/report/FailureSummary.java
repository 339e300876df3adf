package org.mailtriage.report;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.INTEGER;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;
import static org.mailtriage.model.ColumnType.TIMESTAMP;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.model.Column;

/**
 * One row of {@code failure_summary} (without the report date, which is the partition): the failures of one day ×
 * direction × reason × guide rule × receiving domain × reply code.
 *
 * @param receivingDomain the recipient domain as the table exports it (inert), or null
 * @param deferrals the failures that were not bounces
 */
public record FailureSummary(String direction, String reason, String guideRule, String receivingDomain, Integer replyCode,
        long failures, long bounces, long deferrals, long distinctIps, Instant firstSeen, Instant lastSeen) implements Serializable {

    /**
     * The failure_summary table's columns without its partition column (report_date): the one list its schema and rows
     * are derived from.
     */
    public static final List<Column<FailureSummary>> COLUMNS = List.of(
            Column.of("direction", TEXT, false, FailureSummary::direction),
            Column.of("reason", TEXT, false, FailureSummary::reason),
            Column.of("guide_rule", TEXT, true, FailureSummary::guideRule),
            Column.of("receiving_domain", TEXT, true, FailureSummary::receivingDomain),
            Column.of("reply_code", INTEGER, true, FailureSummary::replyCode),
            Column.of("failures", LONG, false, FailureSummary::failures),
            Column.of("bounces", LONG, false, FailureSummary::bounces),
            Column.of("deferrals", LONG, false, FailureSummary::deferrals),
            Column.of("distinct_ips", LONG, false, FailureSummary::distinctIps),
            Column.of("first_seen", TIMESTAMP, false, FailureSummary::firstSeen),
            Column.of("last_seen", TIMESTAMP, false, FailureSummary::lastSeen));

    public FailureSummary {
        requireNonNull(direction, "direction is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(firstSeen, "firstSeen is null");
        requireNonNull(lastSeen, "lastSeen is null");
    }
}
