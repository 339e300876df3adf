package org.mailtriage.dns;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;
import static org.mailtriage.model.ColumnType.TEXT_LIST;
import static org.mailtriage.model.ColumnType.TIMESTAMP;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.model.Column;

/**
 * One check's result: a row of dns_answers.
 *
 * @param zone the blocklist's public name for DNSBL checks (never the DQS form), else null
 * @param peerIp the sending IP a HELO name was checked against, else null
 * @param question the name asked (public zone name), or null when no question was needed
 * @param returnCodes blocklist answers (127.0.0.x), empty for other checks
 * @param answers the records found: PTR names, addresses, MX hosts, TXT strings, confirmed names
 * @param errorKind why the outcome is unknown, else null
 * @param ttl smallest TTL of the records, or null
 */
public record DnsAnswer(
        String subject,
        SubjectKind subjectKind,
        CheckKind check,
        String zone,
        String peerIp,
        String question,
        Outcome outcome,
        List<String> returnCodes,
        String meaning,
        String txt,
        List<String> answers,
        ErrorKind errorKind,
        String resolver,
        Instant askedAt,
        Long ttl,
        String removalUrl) implements Serializable {

    /**
     * The dns_answers table's columns before its run_id (the run's, not the answer's) and its partition column
     * (asked_date): the one list its schema and rows are derived from.
     */
    public static final List<Column<DnsAnswer>> COLUMNS = List.of(
            Column.of("subject", TEXT, false, DnsAnswer::subject),
            Column.of("subject_kind", TEXT, false, answer -> answer.subjectKind().label()),
            Column.of("check", TEXT, false, answer -> answer.check().label()),
            Column.of("zone", TEXT, true, DnsAnswer::zone),
            Column.of("question", TEXT, true, DnsAnswer::question),
            Column.of("outcome", TEXT, false, answer -> answer.outcome().label()),
            Column.of("return_codes", TEXT_LIST, true, DnsAnswer::returnCodes),
            Column.of("meaning", TEXT, true, DnsAnswer::meaning),
            Column.of("txt", TEXT, true, DnsAnswer::txt),
            Column.of("answers", TEXT_LIST, true, DnsAnswer::answers),
            Column.of("error_kind", TEXT, true, answer -> answer.errorKind() == null ? null : answer.errorKind().label()),
            Column.of("resolver", TEXT, true, DnsAnswer::resolver),
            Column.of("asked_at", TIMESTAMP, false, DnsAnswer::askedAt),
            Column.of("ttl", LONG, true, DnsAnswer::ttl),
            Column.of("peer_ip", TEXT, true, DnsAnswer::peerIp),
            Column.of("removal_url", TEXT, true, DnsAnswer::removalUrl));

    public DnsAnswer {
        requireNonNull(subject, "subject is null");
        requireNonNull(subjectKind, "subjectKind is null");
        requireNonNull(check, "check is null");
        requireNonNull(outcome, "outcome is null");
        returnCodes = List.copyOf(returnCodes);
        answers = List.copyOf(answers);
        requireNonNull(askedAt, "askedAt is null");
        if ((outcome == Outcome.UNKNOWN) != (errorKind != null)) {
            throw new IllegalArgumentException("an unknown outcome needs an error kind, and only an unknown one: " + outcome + "/" + errorKind);
        }
    }

    /** The cache key of this row within its subject: check, zone and peer IP. */
    public String cacheKey() {
        return cacheKey(check, zone, peerIp);
    }

    public static String cacheKey(CheckKind check, String zone, String peerIp) {
        return check.label() + "|" + (zone == null ? "" : zone) + "|" + (peerIp == null ? "" : peerIp);
    }
}
