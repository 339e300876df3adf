package org.mailtriage.ingest;

import java.io.Serializable;

/**
 * What one piece of input yielded. The balance the runs table promises:
 * {@code linesRead == linesWithEvents + linesIgnored + linesQuarantined}, and likewise for emails.
 */
public record InputCounts(
        long linesRead, long linesWithEvents, long linesIgnored, long linesQuarantined,
        long emailsRead, long emailsWithEvents, long emailsNotBounces, long emailsQuarantined,
        long events) implements Serializable {

    public static final InputCounts ZERO = new InputCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public InputCounts plus(InputCounts other) {
        return new InputCounts(
                linesRead + other.linesRead, linesWithEvents + other.linesWithEvents,
                linesIgnored + other.linesIgnored, linesQuarantined + other.linesQuarantined,
                emailsRead + other.emailsRead, emailsWithEvents + other.emailsWithEvents,
                emailsNotBounces + other.emailsNotBounces, emailsQuarantined + other.emailsQuarantined,
                events + other.events);
    }

    public boolean balanced() {
        return linesRead == linesWithEvents + linesIgnored + linesQuarantined
                && emailsRead == emailsWithEvents + emailsNotBounces + emailsQuarantined;
    }
}
