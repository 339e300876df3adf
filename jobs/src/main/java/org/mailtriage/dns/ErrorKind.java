package org.mailtriage.dns;

import java.util.Locale;

/** Why a check ended {@code unknown}. */
public enum ErrorKind {
    TIMEOUT,
    SERVFAIL,
    REFUSED,
    /** Any other response code (FORMERR, NOTIMP, …). */
    BAD_RCODE,
    /** A list's own error code: Spamhaus 127.255.255.x, DBL 127.0.1.255. */
    OPERATOR_ERROR,
    /** The list says we asked too often (Spamhaus 127.255.255.255). */
    RATE_LIMITED,
    /** An answer no list gives: outside 127.0.0.0/8, 127.0.0.1, or not an address at all. */
    BAD_ANSWER,
    /** The zone failed its RFC 5782 self-test, so none of its answers can be trusted. */
    ZONE_BROKEN,
    /** The question could not be sent (socket error, unreachable). */
    NETWORK;

    /** How dns_answers spells it: the name in lower case. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    /** The value a dns_answers row spells as {@code label}. */
    public static ErrorKind fromLabel(String label) {
        return Labels.parse(ErrorKind.class, label, "error kind");
    }
}
