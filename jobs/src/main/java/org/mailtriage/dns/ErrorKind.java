package org.mailtriage.dns;

/** Why a check ended {@code unknown}. */
public enum ErrorKind implements Labelled {
    /** The resolver's side: no reply in time, SERVFAIL, REFUSED, any other response code (FORMERR, NOTIMP, …). */
    TIMEOUT, SERVFAIL, REFUSED, BAD_RCODE,
    /** The list's side: its own error code (Spamhaus 127.255.255.x, DBL 127.0.1.255), or "asked too often" (127.255.255.255). */
    OPERATOR_ERROR, RATE_LIMITED,
    /** An answer no list gives (outside 127.0.0.0/8, 127.0.0.1, not an address), or a zone that failed its RFC 5782 self-test. */
    BAD_ANSWER, ZONE_BROKEN,
    /** Our side: the question could not be sent (socket error, unreachable). */
    NETWORK;

    /** The value a dns_answers row spells as {@code label}. */
    public static ErrorKind fromLabel(String label) {
        return Labelled.parse(ErrorKind.class, label, "error kind");
    }
}
