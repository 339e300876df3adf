package org.mailtriage.report;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import org.mailtriage.model.Column;

/** A name and how many failures it had: by reason, by guide rule, by receiving domain. */
public record Count(String name, long count) implements Serializable {
    /** Most first, then by name, so the order is the same on every run. */
    public static final Comparator<Count> MOST_FIRST = Comparator.comparingLong(Count::count).reversed().thenComparing(Count::name);

    public Count {
        requireNonNull(name, "name is null");
    }

    /** A count as a struct of its table: the name under the column name {@code nameColumn}, then its failures. */
    public static List<Column<Count>> columns(String nameColumn) {
        return List.of(
                Column.of(nameColumn, TEXT, false, Count::name),
                Column.of("failures", LONG, false, Count::count));
    }

    public static List<Count> sorted(List<Count> counts, int limit) {
        return counts.stream().sorted(MOST_FIRST).limit(limit).toList();
    }
}
