package org.mailtriage.dns;

/** How a DNS question ended, before any blocklist interpretation. */
public enum ReplyStatus {
    /** NOERROR: the answer section holds the records (possibly none: NODATA). */
    NOERROR,
    NXDOMAIN,
    SERVFAIL,
    REFUSED,
    /** Another response code (FORMERR, NOTIMP, …). */
    OTHER_RCODE,
    /** No answer after every retry. */
    TIMEOUT,
    /** Could not send or the reply was unreadable. */
    NETWORK;

    /** The error kind of a status that gives no trustworthy answer, or null for NOERROR/NXDOMAIN. */
    public ErrorKind errorKind() {
        return switch (this) {
            case NOERROR, NXDOMAIN -> null;
            case SERVFAIL -> ErrorKind.SERVFAIL;
            case REFUSED -> ErrorKind.REFUSED;
            case OTHER_RCODE -> ErrorKind.BAD_RCODE;
            case TIMEOUT -> ErrorKind.TIMEOUT;
            case NETWORK -> ErrorKind.NETWORK;
        };
    }
}
