package org.mailtriage.jobs;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/** What one enrichment task yields: an answer row, or (once per task, last) the task's counts. */
public record DnsTaskItem(Row answer, Counts counts) implements Serializable {
    public DnsTaskItem {
        if ((answer == null) == (counts == null)) {
            throw new IllegalArgumentException("exactly one of answer and counts");
        }
    }

    public static DnsTaskItem of(Row answer) {
        return new DnsTaskItem(answer, null);
    }

    public static DnsTaskItem of(Counts counts) {
        return new DnsTaskItem(null, counts);
    }

    /** Questions asked and failed by the task's resolver, questions answered from the cache, answer rows written. */
    public record Counts(long asked, long failed, long cached, long rows) implements Serializable {
        public static final Counts ZERO = new Counts(0, 0, 0, 0);

        public Counts plus(Counts other) {
            return new Counts(asked + other.asked, failed + other.failed, cached + other.cached, rows + other.rows);
        }
    }
}
