package org.mailtriage.report;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;
import static org.mailtriage.model.ColumnType.TEXT_LIST;
import static org.mailtriage.model.ColumnType.TIMESTAMP;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.dns.Outcome;
import org.mailtriage.model.Column;

/**
 * One row of {@code delisting_requests}: the evidence a list operator asks for (guide step 7) for one
 * IP on one list, and the English text to send them.
 *
 * @param listSource bounce (named in refusals), dns (a look-up shows it listed) or bounce_and_dns
 * @param listOutcome the list's answer: listed, not_listed, unknown, or null when it was not asked
 */
public record DelistingRequest(
        ServerRole role,
        String ip,
        String serverName,
        String list,
        String listSource,
        String removalUrl,
        String removalUrlSource,
        Outcome listOutcome,
        List<String> returnCodes,
        String meaning,
        String txt,
        Instant checkedAt,
        Instant firstBounce,
        Instant lastBounce,
        long bounceCount,
        List<Sample> sampleBounces,
        List<String> evidenceEventIds,
        String summary) implements Serializable {
    public static final int MAX_SAMPLES = 3;

    /**
     * The delisting_requests table's columns without its partition column (report_date): the one list its schema and
     * rows are derived from.
     */
    public static final List<Column<DelistingRequest>> COLUMNS = List.of(
            Column.of("role", TEXT, false, request -> request.role().label()),
            Column.of("ip", TEXT, false, DelistingRequest::ip),
            Column.of("server_name", TEXT, true, DelistingRequest::serverName),
            Column.of("list", TEXT, false, DelistingRequest::list),
            Column.of("list_source", TEXT, false, DelistingRequest::listSource),
            Column.of("removal_url", TEXT, true, DelistingRequest::removalUrl),
            Column.of("removal_url_source", TEXT, true, DelistingRequest::removalUrlSource),
            Column.of("list_outcome", TEXT, true, request -> request.listOutcome() == null ? null : request.listOutcome().label()),
            Column.of("return_codes", TEXT_LIST, false, DelistingRequest::returnCodes),
            Column.of("meaning", TEXT, true, DelistingRequest::meaning),
            Column.of("txt", TEXT, true, DelistingRequest::txt),
            Column.of("checked_at", TIMESTAMP, true, DelistingRequest::checkedAt),
            Column.of("first_bounce", TIMESTAMP, true, DelistingRequest::firstBounce),
            Column.of("last_bounce", TIMESTAMP, true, DelistingRequest::lastBounce),
            Column.of("bounce_count", LONG, false, DelistingRequest::bounceCount),
            Column.records("sample_bounces", false, DelistingRequest::sampleBounces, Sample.COLUMNS),
            Column.of("evidence_event_ids", TEXT_LIST, false, DelistingRequest::evidenceEventIds),
            Column.of("summary", TEXT, false, DelistingRequest::summary));

    public DelistingRequest {
        requireNonNull(role, "role is null");
        requireNonNull(ip, "ip is null");
        requireNonNull(list, "list is null");
        requireNonNull(listSource, "listSource is null");
        requireNonNull(summary, "summary is null");
        returnCodes = List.copyOf(returnCodes);
        sampleBounces = List.copyOf(sampleBounces);
        evidenceEventIds = List.copyOf(evidenceEventIds);
        if (sampleBounces.size() > MAX_SAMPLES) {
            throw new IllegalArgumentException("at most " + MAX_SAMPLES + " sample bounces");
        }
    }
}
