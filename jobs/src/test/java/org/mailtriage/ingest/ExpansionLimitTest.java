package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.SourceFormat;

/** The gzip bomb guard: a bomb stops with a reason and its lines so far counted; a compressible real log reads whole. */
class ExpansionLimitTest {
    private static final String BOUNCE = "Nov 26 01:12:12 out1 postfix/smtp[2320]: 69ED4A7D77: to=<erin@example.net>, "
            + "relay=mx.example.net[198.51.100.5]:25, delay=44, delays=0.1/0/0.3/0.2, dsn=5.7.1, status=bounced (host mx.example.net"
            + "[198.51.100.5] said: 554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org "
            + "(in reply to RCPT TO command))\n";

    private final List<String> quarantineReasons = new ArrayList<>();

    @Test
    void theLimitIsTheLargerOfRatioTimesCompressedSizeAndTheFloor() {
        ExpansionLimit limit = new ExpansionLimit(500, 1000);
        assertThat(limit.maxBytes(1)).isEqualTo(1000);
        assertThat(limit.maxBytes(10)).isEqualTo(5000);
        assertThat(limit.maxBytes(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(ExpansionLimit.DEFAULT.maxRatio()).isEqualTo(500);
        assertThatThrownBy(() -> new ExpansionLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpansionLimit(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamPastTheLimitFailsWithTheReasonAfterYieldingTheBytesAllowed() throws IOException {
        InputStream limited = new ExpansionLimit(2, 10).wrap(new ByteArrayInputStream(new byte[100]), 3);
        byte[] buffer = new byte[64];
        int total = 0;
        IOException failure = null;
        try {
            int read;
            while ((read = limited.read(buffer)) > 0) {
                total += read;
            }
        } catch (IOException e) {
            failure = e;
        }
        assertThat(total).isEqualTo(11);
        assertThat(failure).isInstanceOf(ExpansionLimitedStream.LimitExceeded.class)
                .hasMessageStartingWith("gzip_expansion_limit: stopped after 11 decompressed bytes from 3 compressed");
    }

    @Test
    void aGzipBombIsCutOffWithAQuarantineRowAndTheLinesBeforeItCounted() throws IOException {
        byte[] newlines = new byte[8 << 20];
        Arrays.fill(newlines, (byte) '\n');
        byte[] bomb = gzip((BOUNCE + BOUNCE).getBytes(StandardCharsets.UTF_8), newlines);
        assertThat((long) (newlines.length) / bomb.length).as("ratio").isGreaterThan(500);

        InputCounts counts = read(bomb, new ExpansionLimit(500, 1 << 20));

        assertThat(counts.events()).isEqualTo(2);
        assertThat(counts.linesQuarantined()).isEqualTo(1);
        assertThat(counts.linesRead()).isGreaterThan(1_000_000).isLessThan(newlines.length);
        assertThat(counts.balanced()).isTrue();
        assertThat(quarantineReasons).singleElement().asString().contains("gzip_expansion_limit");
    }

    @Test
    void aHighlyCompressibleRealLogReadsWhole() throws IOException {
        StringBuilder log = new StringBuilder();
        java.util.Random random = new java.util.Random(200);
        for (int index = 0; index < 40_000; index++) {
            String line = index % 80 == 0 ? BOUNCE : "Nov 26 01:02:21 out1 postfix/qmgr[6111]: 29A793DB74: removed\n";
            log.append(random.nextInt(100) == 0 ? line.replace("29A793DB74", String.format("%010X", random.nextLong() & 0xFFFFFFFFFFL)) : line);
        }
        byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
        byte[] compressed = gzip(bytes);
        long ratio = bytes.length / compressed.length;
        assertThat(ratio).as("ratio").isBetween(100L, 499L);

        InputCounts counts = read(compressed, new ExpansionLimit(500, 64 * 1024));

        assertThat(bytes.length).isGreaterThan(64 * 1024);
        assertThat(counts.linesRead()).isEqualTo(40_000);
        assertThat(counts.events()).isEqualTo(500);
        assertThat(counts.linesQuarantined()).isZero();
    }

    private InputCounts read(byte[] compressed, ExpansionLimit limit) throws IOException {
        InputStream in = limit.wrap(new GZIPInputStream(new ByteArrayInputStream(compressed)), compressed.length);
        LogChunkReader reader = new LogChunkReader(in, 0, Long.MAX_VALUE, "bomb.log.gz", SourceFormat.POSTFIX,
                new PostfixParser(ServerDirectory.empty()), new ClassifyStage(Classifier.withDefaultRules()), LocalDate.of(2026, 11, 26),
                ZoneOffset.UTC);
        InputCounts counts = null;
        while (reader.hasNext()) {
            IngestItem item = reader.next();
            if (item.quarantine() != null) {
                quarantineReasons.add(item.quarantine().reason());
            } else if (item.counts() != null) {
                counts = item.counts();
            }
        }
        return counts;
    }

    private static byte[] gzip(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (byte[] part : parts) {
                gzip.write(part);
            }
        }
        return out.toByteArray();
    }
}
