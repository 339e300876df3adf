package org.mailtriage.dns;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;

/**
 * What a blocklist's A answer means. Only an answer made of listing codes in 127.0.0.0/8 is
 * {@code listed}; NXDOMAIN (or no A record) is {@code not_listed}; everything else — timeouts,
 * SERVFAIL, REFUSED, the list's own error codes, answers outside 127.0.0.0/8 or 127.0.0.1 — is
 * {@code unknown}, with the error kind.
 */
public record DnsblVerdict(Outcome outcome, List<String> returnCodes, String meaning, ErrorKind errorKind) {
    public DnsblVerdict {
        requireNonNull(outcome, "outcome is null");
        returnCodes = List.copyOf(returnCodes);
    }

    public static DnsblVerdict interpret(DnsblZone zone, DnsReply reply) {
        ErrorKind transportError = reply.status().errorKind();
        if (transportError != null) {
            return new DnsblVerdict(Outcome.UNKNOWN, List.of(), describe(reply), transportError);
        }
        if (reply.status() == ReplyStatus.NXDOMAIN || reply.records().isEmpty()) {
            return new DnsblVerdict(Outcome.NOT_LISTED, List.of(), null, null);
        }
        List<String> codes = new ArrayList<>();
        Set<String> meanings = new LinkedHashSet<>();
        ErrorKind error = null;
        String errorMeaning = null;
        for (Record record : reply.records()) {
            if (!(record instanceof ARecord a)) {
                error = error != null ? error : ErrorKind.BAD_ANSWER;
                errorMeaning = errorMeaning != null ? errorMeaning : "not an A record";
                continue;
            }
            String code = a.getAddress().getHostAddress();
            codes.add(code);
            DnsblZone.ErrorCode listError = zone.errorCodes().get(code);
            if (listError != null) {
                error = error != null ? error : listError.kind();
                errorMeaning = errorMeaning != null ? errorMeaning : listError.meaning();
            } else if (code.startsWith("127.255.255.")) {
                error = error != null ? error : ErrorKind.OPERATOR_ERROR;
                errorMeaning = errorMeaning != null ? errorMeaning : "list error code " + code;
            } else if (!code.startsWith("127.") || code.equals("127.0.0.1")) {
                error = error != null ? error : ErrorKind.BAD_ANSWER;
                errorMeaning = errorMeaning != null ? errorMeaning
                        : code.equals("127.0.0.1") ? "127.0.0.1 is never a listing" : "answer outside 127.0.0.0/8 (rewriting resolver?)";
            } else {
                String meaning = zone.codes().get(code);
                if (meaning == null) {
                    meaning = zone.codes().containsKey("*") ? zone.codes().get("*") : "listed (code " + code + " not in the zone file)";
                }
                meanings.add(meaning);
            }
        }
        if (error != null) {
            return new DnsblVerdict(Outcome.UNKNOWN, codes, errorMeaning, error);
        }
        return new DnsblVerdict(Outcome.LISTED, codes, String.join("; ", meanings), null);
    }

    static String describe(DnsReply reply) {
        return reply.detail() != null ? reply.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + reply.detail()
                : reply.status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
