package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;

/** What a chunk reader yielded, gathered as an ingest task sees it: events, quarantine records, and the counts once, last. */
public record ReadItems(List<DeliveryEvent> events, List<QuarantineRecord> quarantine, InputCounts counts) {
    public static ReadItems drain(Iterator<IngestItem> reader) {
        List<DeliveryEvent> events = new ArrayList<>();
        List<QuarantineRecord> quarantine = new ArrayList<>();
        InputCounts counts = null;
        while (reader.hasNext()) {
            IngestItem item = reader.next();
            assertThat(counts).as("counts come once, last").isNull();
            if (item.event() != null) {
                events.add(item.event());
            } else if (item.quarantine() != null) {
                quarantine.add(item.quarantine());
            } else {
                counts = item.counts();
            }
        }
        assertThat(counts).as("counts").isNotNull();
        return new ReadItems(events, quarantine, counts);
    }

    public List<String> eventIds() {
        return events.stream().map(DeliveryEvent::eventId).toList();
    }
}
