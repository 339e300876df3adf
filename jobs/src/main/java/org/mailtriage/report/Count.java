package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** A name and how many failures it had: by reason, by guide rule, by receiving domain. */
public record Count(String name, long count) implements Serializable {
    /** Most first, then by name, so the order is the same on every run. */
    public static final Comparator<Count> MOST_FIRST = Comparator.comparingLong(Count::count).reversed().thenComparing(Count::name);

    public Count {
        requireNonNull(name, "name is null");
    }

    public static List<Count> sorted(List<Count> counts, int limit) {
        return counts.stream().sorted(MOST_FIRST).limit(limit).toList();
    }
}
