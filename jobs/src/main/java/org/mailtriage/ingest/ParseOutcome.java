package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.mailtriage.model.DeliveryEvent;

/** What a parser made of one line or one email: events, nothing of interest, or a quarantine reason. */
public sealed interface ParseOutcome {
    ParseOutcome IGNORED = new Ignored();

    /** One or more failure events (a line can name several recipients). */
    record Events(List<DeliveryEvent> events) implements ParseOutcome {
        public Events {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("no events: use IGNORED");
            }
        }
    }

    /** Read and understood, but not a delivery failure. */
    record Ignored() implements ParseOutcome {
    }

    /** Looked like a failure but could not be parsed; kept with the reason. */
    record Quarantined(String reason) implements ParseOutcome {
        public Quarantined {
            requireNonNull(reason, "reason is null");
        }
    }

    static ParseOutcome quarantine(String reason) {
        return new Quarantined(reason);
    }
}
