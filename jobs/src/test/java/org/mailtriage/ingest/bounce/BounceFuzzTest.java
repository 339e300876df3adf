package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.ingest.ReadItems;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.Reason;
import org.mailtriage.model.SourceFormat;

/**
 * Fuzzes the bounce path: the mbox splitter (MboxReader) and, per email, the MIME walk, DSN and free-text parsing
 * (BounceParser) and the classification (BounceClassifier), all through EmailChunkReader as ingest runs them.
 * Invariants: nothing escapes the reader, every email is counted once and the counts balance, the parser never
 * throws (a throw shows as a "parser_error" quarantine), it is deterministic, events are classified and bounded,
 * and an mbox split anywhere yields the same emails and events as one read.
 */
class BounceFuzzTest {
    private static final BounceClassifier CLASSIFIER = new ClassifyStage(Classifier.withDefaultRules());
    private static final Instant FALLBACK_TIME = Instant.parse("2026-11-26T00:00:00Z");

    @FuzzTest(maxDuration = "3m")
    void mbox(byte[] file) {
        ReadItems whole = read(new MboxReader(new ByteArrayInputStream(file), 0, Long.MAX_VALUE), SourceFormat.MBOX);
        check(whole, file.length);
        int split = file.length / 2;
        if (split > 0) {
            ReadItems first = read(new MboxReader(new ByteArrayInputStream(file), 0, split), SourceFormat.MBOX);
            ReadItems second = read(new MboxReader(new ByteArrayInputStream(file, split - 1, file.length - split + 1), split, file.length),
                    SourceFormat.MBOX);
            assertThat(first.counts().plus(second.counts())).as("split at %d", split).isEqualTo(whole.counts());
            List<String> ids = new ArrayList<>(first.eventIds());
            ids.addAll(second.eventIds());
            assertThat(ids).isEqualTo(whole.eventIds());
        }
    }

    @FuzzTest(maxDuration = "3m")
    void email(byte[] message) {
        ReadItems result = read(new WholeFileEmail(new ByteArrayInputStream(message)), SourceFormat.EML);
        check(result, message.length);
        assertThat(result.counts().emailsRead()).isEqualTo(1);
        assertThat(BounceParser.parse(message)).as("deterministic").isEqualTo(BounceParser.parse(message));
    }

    private static void check(ReadItems result, int length) {
        InputCounts counts = result.counts();
        assertThat(counts.balanced()).as("counts balance: %s", counts).isTrue();
        assertThat(counts.linesRead()).isZero();
        assertThat(counts.events()).isEqualTo(result.events().size());
        assertThat(counts.emailsQuarantined()).isEqualTo(result.quarantine().size());
        assertThat(result.events().isEmpty()).isEqualTo(counts.emailsWithEvents() == 0);
        for (QuarantineRecord record : result.quarantine()) {
            assertThat(record.reason()).as("the bounce parser threw").doesNotStartWith("parser_error").doesNotStartWith("read_error");
            assertThat(record.rawText().length()).isLessThanOrEqualTo(4096);
        }
        for (DeliveryEvent event : result.events()) {
            assertThat(event.sourceOffset()).isBetween(0L, (long) Math.max(length - 1, 0));
            assertThat(Reason.fromLabel(event.reason()).label()).as("classified").isEqualTo(event.reason());
            assertThat(event.ruleId()).isNotBlank();
            assertThat(event.outcome()).isIn("bounced", "deferred");
            if (event.replyCode() != null) {
                assertThat(event.replyCode()).isBetween(200, 599);
            }
            if (event.enhancedStatus() != null) {
                assertThat(event.enhancedStatus()).matches("[245]\\.\\d{1,3}\\.\\d{1,3}");
            }
            if (event.replyText() != null) {
                assertThat(event.replyText().length()).isLessThanOrEqualTo(BounceParser.MAX_DIAGNOSTIC_CHARS);
            }
        }
    }

    private static ReadItems read(EmailSource source, SourceFormat format) {
        EmailChunkReader reader = new EmailChunkReader(source, "fuzz.mbox", format, CLASSIFIER, FALLBACK_TIME);
        return ReadItems.drain(reader);
    }
}
