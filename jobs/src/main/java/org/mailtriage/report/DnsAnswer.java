package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code dns_answers} as the report reads it: the latest answer to one question.
 *
 * @param outcome listed, not_listed, pass, fail or unknown (see {@link DnsChecks})
 * @param zone the DNSBL zone for blocklist checks, else null
 * @param peerIp the sending IP a HELO check was asked for (helo_matches_ip), else null
 * @param removalUrl the list's removal page from the zone data, else null
 */
public record DnsAnswer(String subject, String subjectKind, String check, String zone, String outcome, List<String> returnCodes,
        String meaning, String txt, List<String> answers, String errorKind, Instant askedAt, String peerIp, String removalUrl)
        implements Serializable {
    public DnsAnswer {
        requireNonNull(subject, "subject is null");
        requireNonNull(check, "check is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(askedAt, "askedAt is null");
        returnCodes = returnCodes == null ? List.of() : List.copyOf(returnCodes);
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    public boolean isBlocklist() {
        return DnsChecks.isBlocklist(check);
    }

    /** "zen.spamhaus.org listed 127.0.0.2 (SBL) at 2026-11-27T01:00:00Z": the form evidence lists take. */
    public String evidence() {
        StringBuilder text = new StringBuilder();
        text.append(zone != null ? zone + " " : check + " " + subject + " ").append(outcome);
        if (!returnCodes.isEmpty()) {
            text.append(' ').append(String.join(",", returnCodes));
        } else if (!answers.isEmpty()) {
            text.append(' ').append(String.join(",", answers));
        }
        if (meaning != null && !meaning.isBlank()) {
            text.append(" (").append(meaning).append(')');
        }
        if (errorKind != null) {
            text.append(" [").append(errorKind).append(']');
        }
        text.append(" at ").append(askedAt);
        return InertText.line(text.toString());
    }
}
