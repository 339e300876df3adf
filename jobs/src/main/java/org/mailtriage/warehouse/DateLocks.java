package org.mailtriage.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.apache.hadoop.conf.Configuration;

/**
 * The locks of several dates, for a run that replaces all of them (an ingest over many days' logs). Taken in date
 * order, so two such runs cannot each hold one date the other waits for; released in reverse.
 */
public final class DateLocks implements AutoCloseable {
    /** Holding nothing (the caller already holds its date's lock). */
    public static final DateLocks NONE = new DateLocks(List.of());

    private final List<DateLock> held;

    private DateLocks(List<DateLock> held) {
        this.held = held;
    }

    /**
     * Takes every date's lock, waiting up to {@code waitSeconds} for each; on failure the ones taken are released.
     *
     * @throws DateLock.LockedException when a date is still held by another run after the wait
     */
    public static DateLocks acquire(Configuration configuration, Warehouse warehouse, SortedSet<java.time.LocalDate> dates, String command,
            long waitSeconds) {
        List<DateLock> held = new ArrayList<>();
        try {
            for (java.time.LocalDate date : dates) {
                held.add(DateLock.acquire(configuration, warehouse, date, command, waitSeconds));
            }
            return new DateLocks(held);
        } catch (RuntimeException e) {
            new DateLocks(held).close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).close();
        }
    }
}
