package org.mailtriage.ingest;

import java.io.Serializable;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;

/** One output of reading input: an event, a quarantine record, or the counts of a finished piece. Exactly one is set. */
public record IngestItem(DeliveryEvent event, QuarantineRecord quarantine, InputCounts counts) implements Serializable {
    public IngestItem {
        int set = (event == null ? 0 : 1) + (quarantine == null ? 0 : 1) + (counts == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of event, quarantine, counts must be set");
        }
    }

    public static IngestItem of(DeliveryEvent event) {
        return new IngestItem(event, null, null);
    }

    public static IngestItem of(QuarantineRecord quarantine) {
        return new IngestItem(null, quarantine, null);
    }

    public static IngestItem of(InputCounts counts) {
        return new IngestItem(null, null, counts);
    }
}
