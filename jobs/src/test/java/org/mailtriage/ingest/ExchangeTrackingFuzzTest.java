package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.Reason;
import org.mailtriage.model.SourceFormat;

/**
 * Fuzzes Exchange message tracking logs through ExchangeTrackingReader and ExchangeTrackingParser: the input is a
 * whole MSGTRK file (header lines, quoted CSV fields that may span lines). Invariants: nothing escapes the reader,
 * every physical line is counted once and the counts balance, no record makes the parser throw, events are
 * classified and their fields within bounds. Seeds: {@code ExchangeTrackingFuzzTestInputs/trackingLog/}.
 */
class ExchangeTrackingFuzzTest {
    private static final EventClassifier CLASSIFIER = new ClassifyStage(Classifier.withDefaultRules());
    private static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 26);

    @FuzzTest(maxDuration = "3m")
    void trackingLog(byte[] file) {
        ExchangeTrackingReader reader = new ExchangeTrackingReader(new ByteArrayInputStream(file), "MSGTRK.LOG",
                new ExchangeTrackingParser(ServerDirectory.empty()), CLASSIFIER, REFERENCE_DATE, ZoneOffset.UTC);
        ReadItems read = ReadItems.drain(reader);
        List<DeliveryEvent> events = read.events();
        List<QuarantineRecord> quarantine = read.quarantine();
        InputCounts counts = read.counts();
        assertThat(counts.linesRead()).as("every physical line counted").isEqualTo(lineCount(file));
        assertThat(counts.balanced()).as("counts balance: %s", counts).isTrue();
        assertThat(counts.events()).isEqualTo(events.size());
        assertThat(events.isEmpty()).as("lines with events yield events").isEqualTo(counts.linesWithEvents() == 0);
        for (QuarantineRecord record : quarantine) {
            assertThat(record.reason()).as("the parser threw on a record").doesNotStartWith("parser_error");
            assertThat(record.sourceFormat()).isEqualTo(SourceFormat.EXCHANGE);
            assertThat(record.rawText().length()).isLessThanOrEqualTo(4096);
        }
        for (DeliveryEvent event : events) {
            assertThat(event.sourceFormat()).isEqualTo(SourceFormat.EXCHANGE);
            assertThat(event.sourceOffset()).isBetween(0L, (long) file.length - 1);
            assertThat(event.reason()).as("classified").isNotNull();
            assertThat(Reason.fromLabel(event.reason()).label()).isEqualTo(event.reason());
            assertThat(event.ruleId()).isNotBlank();
            if (event.replyCode() != null) {
                assertThat(event.replyCode()).isBetween(200, 599);
            }
            if (event.enhancedStatus() != null) {
                assertThat(event.enhancedStatus()).matches("[245]\\.\\d{1,3}\\.\\d{1,3}");
            }
            if (event.recipient() != null) {
                // A record without recipient-address (an empty field, or a #Fields line without the column) is kept
                // without a recipient: its reply still says what the receiver refused.
                assertThat(event.recipient()).isNotBlank();
            }
        }
    }

    private static long lineCount(byte[] file) {
        long lines = 0;
        for (byte value : file) {
            if (value == '\n') {
                lines++;
            }
        }
        return file.length > 0 && file[file.length - 1] != '\n' ? lines + 1 : lines;
    }
}
