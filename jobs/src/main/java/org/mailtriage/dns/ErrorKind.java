package org.mailtriage.dns;

/** Why a check ended {@code unknown}. */
public enum ErrorKind {
    TIMEOUT("timeout"),
    SERVFAIL("servfail"),
    REFUSED("refused"),
    /** Any other response code (FORMERR, NOTIMP, …). */
    BAD_RCODE("bad_rcode"),
    /** A list's own error code: Spamhaus 127.255.255.x, DBL 127.0.1.255. */
    OPERATOR_ERROR("operator_error"),
    /** The list says we asked too often (Spamhaus 127.255.255.255). */
    RATE_LIMITED("rate_limited"),
    /** An answer no list gives: outside 127.0.0.0/8, 127.0.0.1, or not an address at all. */
    BAD_ANSWER("bad_answer"),
    /** The zone failed its RFC 5782 self-test, so none of its answers can be trusted. */
    ZONE_BROKEN("zone_broken"),
    /** The question could not be sent (socket error, unreachable). */
    NETWORK("network");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The value a dns_answers row spells as {@code label}. */
    public static ErrorKind fromLabel(String label) {
        for (ErrorKind value : values()) {
            if (value.label.equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown error kind: " + label);
    }
}
