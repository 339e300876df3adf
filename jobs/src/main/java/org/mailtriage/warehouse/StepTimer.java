package org.mailtriage.warehouse;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mailtriage.model.Column;

/** Where a run's time went: named steps, each timed from the end of the one before (the runs table's {@code steps}). */
public final class StepTimer {
    /** One timed step. */
    public record Step(String name, long millis) implements Serializable {
        /** A step as the runs table shows it (steps). */
        public static final List<Column<Step>> COLUMNS = List.of(
                Column.of("step", TEXT, false, Step::name),
                Column.of("millis", LONG, false, Step::millis));

        public Step {
            requireNonNull(name, "name is null");
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private long mark = System.nanoTime();

    /** Ends the current step under this name; the next one starts now. */
    public void lap(String name) {
        long now = System.nanoTime();
        steps.add(new Step(name, (now - mark) / 1_000_000));
        mark = now;
    }

    /** Adds a step timed elsewhere (it does not move the mark). */
    public void add(Step step) {
        steps.add(step);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** "plan 0.1 s, write 2.3 s". */
    public static String describe(List<Step> steps) {
        return steps.stream().map(step -> step.name().replace('_', ' ') + " " + seconds(step.millis())).collect(Collectors.joining(", "));
    }

    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
