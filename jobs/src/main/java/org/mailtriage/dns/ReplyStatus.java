package org.mailtriage.dns;

import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

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

    /**
     * A question that ended in an exception → its status, in dnsjava's terms: {@link SocketTimeoutException} (dnsjava's
     * timeout; {@link TimeoutException} too) is a timeout; anything else (WireParseException for an unreadable reply, a port
     * unreachable, a socket that could not be opened) is a network failure. Both are unknown to the checks, never an answer.
     */
    public static ReplyStatus of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof SocketTimeoutException || cause instanceof TimeoutException ? TIMEOUT : NETWORK;
    }
}
