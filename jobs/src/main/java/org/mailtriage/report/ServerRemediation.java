package org.mailtriage.report;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.BOOLEAN;
import static org.mailtriage.model.ColumnType.DATE;
import static org.mailtriage.model.ColumnType.INTEGER;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;
import static org.mailtriage.model.ColumnType.TEXT_LIST;
import static org.mailtriage.model.ColumnType.TIMESTAMP;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mailtriage.model.Column;

/**
 * One row of {@code server_remediation} (without the report date, which is the partition).
 *
 * @param previousReportDate the earlier report {@code newSincePrevious} compares with, or null when there is none
 * @param distinctReceivingDomains how many receiving domains refused or deferred the server's mail, beyond the top few
 */
public record ServerRemediation(
        ServerRole role,
        String ip,
        String serverName,
        Severity severity,
        int severityScore,
        boolean newSincePrevious,
        LocalDate previousReportDate,
        List<String> newListings,
        List<String> heloNames,
        List<String> reportingHosts,
        Instant firstSeen,
        Instant lastSeen,
        long failures,
        long bounces,
        List<Count> failuresByReason,
        List<Count> failuresByGuideRule,
        List<Count> topReceivingDomains,
        long distinctReceivingDomains,
        List<String> listsNamedInBounces,
        List<Listing> dnsblListings,
        int dnsblZonesChecked,
        String ptrState,
        List<String> ptrNames,
        Boolean ptrForwardConfirmed,
        Boolean ptrLooksDynamic,
        String heloState,
        List<Action> actions) implements Serializable {

    /** A blocklist answer worth showing: listed, or unknown (never silently dropped). */
    public record Listing(String zone, String outcome, List<String> returnCodes, String meaning, String txt, String errorKind,
            String removalUrl, Instant checkedAt) implements Serializable {
        /** A listing as server_remediation shows it (dnsbl_listings). */
        public static final List<Column<Listing>> COLUMNS = List.of(
                Column.of("zone", TEXT, false, Listing::zone),
                Column.of("outcome", TEXT, false, Listing::outcome),
                Column.of("return_codes", TEXT_LIST, false, Listing::returnCodes),
                Column.of("meaning", TEXT, true, Listing::meaning),
                Column.of("txt", TEXT, true, Listing::txt),
                Column.of("error_kind", TEXT, true, Listing::errorKind),
                Column.of("removal_url", TEXT, true, Listing::removalUrl),
                Column.of("checked_at", TIMESTAMP, false, Listing::checkedAt));

        public Listing {
            requireNonNull(zone, "zone is null");
            requireNonNull(outcome, "outcome is null");
            returnCodes = List.copyOf(returnCodes);
        }
    }

    /**
     * The server_remediation table's columns without its partition column (report_date): the one list its schema and
     * rows are derived from. A new column is one line here.
     */
    public static final List<Column<ServerRemediation>> COLUMNS = List.of(
            Column.of("role", TEXT, false, server -> server.role().label()),
            Column.of("ip", TEXT, false, ServerRemediation::ip),
            Column.of("server_name", TEXT, true, ServerRemediation::serverName),
            Column.of("severity", TEXT, false, server -> server.severity().label()),
            Column.of("severity_score", INTEGER, false, ServerRemediation::severityScore),
            Column.of("new_since_previous", BOOLEAN, false, ServerRemediation::newSincePrevious),
            Column.of("previous_report_date", DATE, true, ServerRemediation::previousReportDate),
            Column.of("new_listings", TEXT_LIST, false, ServerRemediation::newListings),
            Column.of("helo_names", TEXT_LIST, false, ServerRemediation::heloNames),
            Column.of("reporting_hosts", TEXT_LIST, false, ServerRemediation::reportingHosts),
            Column.of("first_seen", TIMESTAMP, true, ServerRemediation::firstSeen),
            Column.of("last_seen", TIMESTAMP, true, ServerRemediation::lastSeen),
            Column.of("failures", LONG, false, ServerRemediation::failures),
            Column.of("bounces", LONG, false, ServerRemediation::bounces),
            Column.records("failures_by_reason", false, ServerRemediation::failuresByReason, Count.columns("reason")),
            Column.records("failures_by_guide_rule", false, ServerRemediation::failuresByGuideRule, Count.columns("guide_rule")),
            Column.records("top_receiving_domains", false, ServerRemediation::topReceivingDomains, Count.columns("domain")),
            // One domain refusing is that provider's policy; many at once point at the server (a blocklist, its DNS).
            Column.of("distinct_receiving_domains", LONG, false, ServerRemediation::distinctReceivingDomains),
            Column.of("lists_named_in_bounces", TEXT_LIST, false, ServerRemediation::listsNamedInBounces),
            Column.records("dnsbl_listings", false, ServerRemediation::dnsblListings, Listing.COLUMNS),
            Column.of("dnsbl_zones_checked", INTEGER, false, ServerRemediation::dnsblZonesChecked),
            Column.of("ptr_state", TEXT, false, ServerRemediation::ptrState),
            Column.of("ptr_names", TEXT_LIST, false, ServerRemediation::ptrNames),
            Column.of("ptr_forward_confirmed", BOOLEAN, true, ServerRemediation::ptrForwardConfirmed),
            Column.of("ptr_looks_dynamic", BOOLEAN, true, ServerRemediation::ptrLooksDynamic),
            Column.of("helo_state", TEXT, false, ServerRemediation::heloState),
            Column.records("actions", false, ServerRemediation::actions, Action.COLUMNS));

    public ServerRemediation {
        requireNonNull(role, "role is null");
        requireNonNull(ip, "ip is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(ptrState, "ptrState is null");
        requireNonNull(heloState, "heloState is null");
        newListings = List.copyOf(newListings);
        heloNames = List.copyOf(heloNames);
        reportingHosts = List.copyOf(reportingHosts);
        failuresByReason = List.copyOf(failuresByReason);
        failuresByGuideRule = List.copyOf(failuresByGuideRule);
        topReceivingDomains = List.copyOf(topReceivingDomains);
        listsNamedInBounces = List.copyOf(listsNamedInBounces);
        dnsblListings = List.copyOf(dnsblListings);
        ptrNames = List.copyOf(ptrNames);
        actions = List.copyOf(actions);
    }

    /** "192.0.2.10 (out1.example.com)", or the IP alone. */
    public String displayName() {
        return serverName == null ? ip : ip + " (" + serverName + ")";
    }
}
