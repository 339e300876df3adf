package org.mailtriage.dns;

import java.util.concurrent.CompletableFuture;

/**
 * Asks DNS questions asynchronously. The future always completes normally: failures are a
 * {@link DnsReply} with an error status, never an exception, so no check can mistake one for an answer.
 */
public interface DnsClient extends AutoCloseable {
    /**
     * @param name the question name (absolute or not; treated as absolute)
     * @param type a {@link org.xbill.DNS.Type}
     * @param rateKey the per-zone rate limit this question counts against, or null for none
     */
    CompletableFuture<DnsReply> query(String name, int type, String rateKey);

    /** What answers: {@code 127.0.0.1:53} or {@code fixture:NAME}; written to dns_answers.resolver. */
    String describe();

    /** Questions asked so far (retries not counted again). */
    long questionsAsked();

    /** Questions that ended without an answer (timeout, SERVFAIL, REFUSED, other rcode, network). */
    long questionsFailed();

    @Override
    void close();
}
