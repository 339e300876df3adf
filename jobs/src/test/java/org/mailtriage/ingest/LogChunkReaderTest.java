package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.SourceFormat;

/** Nothing lost: every line is counted once as with-events, ignored or quarantined, whatever the bytes. */
class LogChunkReaderTest {
    private static final EventClassifier CLASSIFIER = new ClassifyStage(Classifier.withDefaultRules());
    private static final String BOUNCE = "Nov 26 03:14:15 out1 postfix/smtp[2201]: 4Q8Jx51B2B: to=<dave@example.net>, "
            + "relay=mx.example.net[198.51.100.5]:25, delay=1, delays=0/0/1/0, dsn=5.7.1, status=bounced (host mx.example.net[198.51.100.5] "
            + "said: 554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org (in reply to RCPT TO command))";
    private static final String SENT = "Nov 26 03:14:16 out1 postfix/smtp[2201]: 4Q8Jx51B2C: to=<a@example.net>, relay=mx.example.net"
            + "[198.51.100.5]:25, delay=1, delays=0/0/1/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)";

    @Test
    void countsBalanceOnGarbageTruncationHugeLinesAndInvalidUtf8() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        writeLine(file, BOUNCE);
        writeLine(file, SENT);
        byte[] garbage = new byte[4000];
        new Random(7).nextBytes(garbage);
        file.write(garbage);
        file.write('\n');
        writeLine(file, BOUNCE.substring(0, 120));
        writeLine(file, "Nov 26 03:14:17 out1 postfix/smtp[2201]: 4Q8: to=<x@example.net>, relay=none, status=bounced");
        byte[] huge = new byte[1_200_000];
        Arrays.fill(huge, (byte) 'a');
        System.arraycopy("status=bounced ".getBytes(StandardCharsets.US_ASCII), 0, huge, 10, 15);
        file.write(huge);
        file.write('\n');
        byte[] invalidUtf8 = BOUNCE.replace("dave@example.net", "d\u00e4ve@example.net").getBytes(StandardCharsets.ISO_8859_1);
        file.write(invalidUtf8);
        file.write('\n');
        file.write("\u0000\u0000\u0000status=deferred\u0000\n".getBytes(StandardCharsets.ISO_8859_1));
        writeLine(file, "");
        file.write(BOUNCE.getBytes(StandardCharsets.UTF_8)); // last line without a newline

        ReadItems result = read(file.toByteArray(), 0, Long.MAX_VALUE);
        InputCounts counts = result.counts();
        long lines = file.toString(StandardCharsets.ISO_8859_1).split("\n", -1).length;
        assertThat(counts.linesRead()).isEqualTo(lines);
        assertThat(counts.balanced()).isTrue();
        assertThat(counts.linesWithEvents()).isEqualTo(3);
        assertThat(result.events()).hasSize(3);
        assertThat(result.events().get(1).recipient()).isEqualTo("d\uFFFDve@example.net");
        assertThat(result.quarantine()).extracting(QuarantineRecord::reason)
                .containsExactly("unrecognised_delivery_status", "line_too_long: 1200000 bytes", "no_syslog_header");
        assertThat(result.quarantine().get(1).rawText()).hasSize(4096);
        assertThat(counts.linesQuarantined()).isEqualTo(3);
        assertThat(counts.linesIgnored()).isEqualTo(lines - 6);
    }

    @Test
    void splitsAtAnyByteNeitherLoseNorRepeatALine() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int index = 0; index < 200; index++) {
            writeLine(file, index % 3 == 0 ? BOUNCE.replace("4Q8Jx51B2B", "Q" + index) : SENT);
        }
        byte[] bytes = file.toByteArray();
        ReadItems whole = read(bytes, 0, Long.MAX_VALUE);
        for (int splitSize : new int[] {1, 7, 199, BOUNCE.length() + 1, 4096, bytes.length - 1}) {
            List<DeliveryEvent> events = new ArrayList<>();
            InputCounts counts = InputCounts.ZERO;
            for (int start = 0; start < bytes.length; start += splitSize) {
                ReadItems part = read(bytes, start, Math.min(bytes.length, start + splitSize));
                events.addAll(part.events());
                counts = counts.plus(part.counts());
            }
            assertThat(counts.linesRead()).as("split size %d", splitSize).isEqualTo(200);
            assertThat(events).extracting(DeliveryEvent::eventId).as("split size %d", splitSize)
                    .containsExactlyElementsOf(whole.events().stream().map(DeliveryEvent::eventId).toList());
        }
        assertThat(whole.events()).hasSize(67);
    }

    /** Reads [start, end) the way a Spark task does: the stream starts one byte early for a mid-file range. */
    private static ReadItems read(byte[] bytes, long start, long end) {
        long streamStart = start > 0 ? start - 1 : 0;
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, (int) streamStart, bytes.length - (int) streamStart);
        LogChunkReader reader = new LogChunkReader(in, start, end, "test.log", SourceFormat.POSTFIX,
                new PostfixParser(ServerDirectory.empty()), CLASSIFIER, LocalDate.of(2026, 11, 27), ZoneOffset.UTC);
        return ReadItems.drain(reader);
    }

    private static void writeLine(ByteArrayOutputStream out, String line) {
        out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
