package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.Reason;
import org.mailtriage.model.SourceFormat;

/**
 * Fuzzes each MTA parser through the real line path: bytes → LineReader → byte pre-filter → parser → classifier.
 * The input is a whole log file. Invariants: nothing escapes the reader, every line is counted once and the
 * counts balance, no parser throws (a throw would show as a "parser_error" quarantine), every event is
 * classified and its fields are within bounds, and a split at any byte yields the same lines and events as one
 * read. CI replays the seeds in {@code MtaLinesFuzzTestInputs/<method>/}; see docs/FUZZING.md for long runs.
 */
class MtaLinesFuzzTest {
    private static final EventClassifier CLASSIFIER = new ClassifyStage(Classifier.withDefaultRules());
    private static final ServerDirectory SERVERS = ServerDirectory.empty();
    private static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 27);
    private static final Pattern ENHANCED_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    private static final Set<String> REASONS = Arrays.stream(Reason.values()).map(Reason::label).collect(java.util.stream.Collectors.toSet());

    @FuzzTest(maxDuration = "3m")
    void postfix(byte[] file) {
        check(file, SourceFormat.POSTFIX, new PostfixParser(SERVERS));
    }

    @FuzzTest(maxDuration = "3m")
    void exim(byte[] file) {
        check(file, SourceFormat.EXIM, new EximParser(SERVERS));
    }

    @FuzzTest(maxDuration = "3m")
    void sendmail(byte[] file) {
        check(file, SourceFormat.SENDMAIL, new SendmailParser(SERVERS));
    }

    @FuzzTest(maxDuration = "3m")
    void opensmtpd(byte[] file) {
        check(file, SourceFormat.OPENSMTPD, new OpenSmtpdParser(SERVERS));
    }

    @FuzzTest(maxDuration = "3m")
    void courier(byte[] file) {
        check(file, SourceFormat.COURIER, new CourierParser(SERVERS));
    }

    @FuzzTest(maxDuration = "3m")
    void qmail(byte[] file) {
        check(file, SourceFormat.QMAIL, new QmailParser(SERVERS));
    }

    private static void check(byte[] file, SourceFormat format, LineParser parser) {
        ReadItems whole = read(file, 0, Long.MAX_VALUE, format, parser);
        assertThat(whole.counts().linesRead()).as("lines read").isEqualTo(lineCount(file));
        assertThat(whole.counts().balanced()).as("counts balance: %s", whole.counts()).isTrue();
        assertThat(whole.counts().events()).isEqualTo(whole.events().size());
        assertThat(whole.counts().linesQuarantined()).isEqualTo(whole.quarantine().size());
        assertThat(whole.events().size()).isGreaterThanOrEqualTo((int) whole.counts().linesWithEvents());
        for (QuarantineRecord record : whole.quarantine()) {
            assertThat(record.reason()).as("a parser threw on a line").doesNotStartWith("parser_error");
            assertThat(record.sourceFormat()).isEqualTo(format);
            assertThat(record.sourceOffset()).isBetween(0L, (long) Math.max(file.length - 1, 0));
            assertThat(record.rawText().length()).isLessThanOrEqualTo(4096);
        }
        for (DeliveryEvent event : whole.events()) {
            checkEvent(event, format, file.length);
        }
        // A split anywhere (here: the middle) neither loses nor repeats a line or an event.
        int split = file.length / 2;
        if (split > 0) {
            ReadItems first = read(file, 0, split, format, parser);
            ReadItems second = read(file, split, file.length, format, parser);
            assertThat(first.counts().plus(second.counts())).as("split at %d", split).isEqualTo(whole.counts());
            List<String> splitIds = new ArrayList<>(first.eventIds());
            splitIds.addAll(second.eventIds());
            assertThat(splitIds).isEqualTo(whole.eventIds());
        }
    }

    private static void checkEvent(DeliveryEvent event, SourceFormat format, int fileLength) {
        assertThat(event.sourceFormat()).isEqualTo(format);
        assertThat(event.sourceOffset()).isBetween(0L, (long) fileLength - 1);
        assertThat(event.eventId()).isNotBlank();
        assertThat(event.reason()).as("classified").isIn(REASONS);
        assertThat(event.ruleId()).isNotBlank();
        if (event.replyCode() != null) {
            assertThat(event.replyCode()).isBetween(200, 599);
        }
        if (event.enhancedStatus() != null) {
            assertThat(event.enhancedStatus()).matches(ENHANCED_STATUS);
        }
        if (event.rawText() != null) {
            assertThat(event.rawText().length()).isLessThanOrEqualTo(LogChunkReader.MAX_LINE_BYTES);
        }
        assertThat(event.eventTime()).as("event time fits a yyyy-MM-dd partition").isBetween(FIRST_INSTANT, LAST_INSTANT);
    }

    /** Lines as LineReader counts them: LF-terminated, plus a last line without LF. */
    private static long lineCount(byte[] file) {
        long lines = 0;
        for (byte value : file) {
            if (value == '\n') {
                lines++;
            }
        }
        return file.length > 0 && file[file.length - 1] != '\n' ? lines + 1 : lines;
    }

    /** Reads [start, end) the way a Spark task does: the stream starts one byte early for a mid-file range. */
    private static ReadItems read(byte[] file, int start, long end, SourceFormat format, LineParser parser) {
        int streamStart = start > 0 ? start - 1 : 0;
        LogChunkReader reader = new LogChunkReader(new ByteArrayInputStream(file, streamStart, file.length - streamStart), start, end,
                "fuzz.log", format, parser, CLASSIFIER, REFERENCE_DATE, ZoneOffset.UTC);
        return ReadItems.drain(reader);
    }
}
