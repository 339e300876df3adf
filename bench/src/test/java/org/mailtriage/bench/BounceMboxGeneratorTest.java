package org.mailtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailtriage.bench.BounceMboxGenerator.Style;
import org.mailtriage.bench.BounceMboxGenerator.Summary;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.ingest.IngestItem;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.ingest.bounce.BounceClassifier;
import org.mailtriage.ingest.bounce.EmailChunkReader;
import org.mailtriage.ingest.bounce.MboxReader;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.SourceFormat;

/** The generated mbox read by mailtriage's own bounce reader (mbox reader, parser, classifier), as ingest reads it. */
class BounceMboxGeneratorTest {
    private static final BounceClassifier CLASSIFIER = new ClassifyStage(Classifier.withDefaultRules());

    private record Read(InputCounts counts, List<DeliveryEvent> events, List<QuarantineRecord> quarantined) {
        Map<GuideRule, Long> eventsByGuideRow() {
            Map<GuideRule, Long> byRow = new EnumMap<>(GuideRule.class);
            for (DeliveryEvent event : events) {
                if (event.guideRule() != null) {
                    byRow.merge(GuideRule.fromLabel(event.guideRule()), 1L, Long::sum);
                }
            }
            return byRow;
        }
    }

    @Test
    void theMixIsReadWholeAndEveryGuideRowIsClassified() throws IOException {
        ByteArrayOutputStream mbox = new ByteArrayOutputStream();
        Summary summary = new BounceMboxGenerator(7, null).writeTo(mbox, 1500);
        Read read = read(mbox.toByteArray());

        assertThat(summary.emails()).isEqualTo(1500);
        assertThat(summary.bytes()).isEqualTo(mbox.size());
        assertThat(summary.emailsByStyle().keySet()).containsExactlyInAnyOrder(Style.values());
        assertThat(read.counts().emailsRead()).isEqualTo(1500);
        assertThat(read.counts().balanced()).isTrue();
        assertThat(read.quarantined()).isEmpty();
        assertThat(read.counts().emailsWithEvents()).as("bounces with events").isEqualTo(summary.bounces());
        assertThat(read.counts().emailsNotBounces()).as("auto-replies").isEqualTo(summary.autoReplies());
        assertThat(read.events()).hasSize((int) summary.failedRecipients());
        Map<GuideRule, Long> found = read.eventsByGuideRow();
        for (GuideRule row : GuideRule.values()) {
            long expected = summary.guideRow(row);
            assertThat(expected).as("recipients written for %s", row).isGreaterThan(20);
            // No row gains recipients it was not given; at most a few percent are missed.
            assertThat(found.getOrDefault(row, 0L)).as("events classified %s", row).isBetween(expected * 95 / 100, expected);
        }
        assertThat(found.get(GuideRule.BLOCKLISTED)).as("blocklisting is the most common guide row")
                .isEqualTo(found.values().stream().max(Long::compare).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void everyStyleIsReadWithOurIpAndHelo(Style style) throws IOException {
        ByteArrayOutputStream mbox = new ByteArrayOutputStream();
        Summary summary = new BounceMboxGenerator(11, style).writeTo(mbox, 120);
        Read read = read(mbox.toByteArray());

        assertThat(read.counts().emailsRead()).isEqualTo(120);
        assertThat(read.quarantined()).isEmpty();
        if (style == Style.AUTO_REPLY) {
            assertThat(read.counts().emailsNotBounces()).isEqualTo(120);
            assertThat(read.events()).isEmpty();
            return;
        }
        assertThat(read.counts().emailsWithEvents()).isEqualTo(120);
        assertThat(read.events()).hasSize((int) summary.failedRecipients());
        Map<GuideRule, Long> found = read.eventsByGuideRow();
        long guideExpected = summary.recipientsByGuideRow().values().stream().mapToLong(Long::longValue).sum();
        long guideFound = found.values().stream().mapToLong(Long::longValue).sum();
        assertThat(guideFound).as("guide-row events of %s (found %s, written %s)", style, found, summary.recipientsByGuideRow())
                .isBetween(guideExpected * 95 / 100, guideExpected);
        // The returned Received line names our server: every event carries our IP and a HELO name.
        assertThat(read.events()).allSatisfy(event -> {
            assertThat(event.sendingIp()).as("sending IP of %s", event.recipient()).matches("192\\.0\\.2\\.\\d+|2001:db8:10::[0-9a-f]+");
            assertThat(event.heloName()).as("HELO of %s", event.recipient()).isNotBlank();
        });
        assertThat(read.events().stream().map(DeliveryEvent::recipient).filter(Objects::isNull)).isEmpty();
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        new BounceMboxGenerator(3, null).writeTo(first, 200);
        new BounceMboxGenerator(3, null).writeTo(second, 200);
        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
    }

    @Test
    void quotedPrintableKeepsLinesShortAndEscapesWhatItMust() {
        String encoded = BounceMboxGenerator.quotedPrintable("Empfänger = " + "x".repeat(100) + " \nend", java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(encoded).startsWith("Empf=E4nger =3D ");
        assertThat(encoded.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(encoded).contains("=20\nend");
    }

    @Test
    void bodyLinesStartingWithFromAreQuoted() {
        assertThat(BounceMboxGenerator.quoteFromLines("Subject: a\n\nFrom me\n>From you\n")).isEqualTo("Subject: a\n\n>From me\n>>From you\n");
    }

    private static Read read(byte[] mbox) {
        Iterator<IngestItem> items = new EmailChunkReader(new MboxReader(new ByteArrayInputStream(mbox), 0, Long.MAX_VALUE), "bounces.mbox",
                SourceFormat.MBOX, CLASSIFIER, Instant.parse("2026-11-26T00:00:00Z"));
        InputCounts counts = InputCounts.ZERO;
        List<DeliveryEvent> events = new ArrayList<>();
        List<QuarantineRecord> quarantined = new ArrayList<>();
        while (items.hasNext()) {
            IngestItem item = items.next();
            if (item.event() != null) {
                events.add(item.event());
            } else if (item.quarantine() != null) {
                quarantined.add(item.quarantine());
            } else {
                counts = counts.plus(item.counts());
            }
        }
        return new Read(counts, events, quarantined);
    }
}
