package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One row of {@code server_remediation} (without the report date, which is the partition). */
public record ServerRemediation(
        ServerRole role,
        String ip,
        String serverName,
        Severity severity,
        int severityScore,
        boolean newSincePrevious,
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
        public Listing {
            requireNonNull(zone, "zone is null");
            requireNonNull(outcome, "outcome is null");
            returnCodes = List.copyOf(returnCodes);
        }
    }

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
