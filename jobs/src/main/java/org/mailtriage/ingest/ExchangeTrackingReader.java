package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.SourceFormat;

/**
 * Reads a whole Exchange message tracking log and yields classified events, quarantine records and, last, the
 * file's counts. Unlike syslog files these are not split between tasks: the columns are named once, in the
 * header, and a quoted field may hold a line break, so a task starting mid-file could not read its first record.
 * Exchange writes one file per hour (and caps its size), so a file per task is small enough.
 * Lines are assembled into CSV records by counting quotes (an odd count leaves a field open); every physical line
 * is counted once, under the outcome of the record it belongs to, so the counts balance in lines. A UTF-8 BOM on
 * the first line is dropped.
 */
public final class ExchangeTrackingReader extends ChunkIterator {
    /** A record still open after this many bytes is quarantined, and reading resumes at the next line. */
    public static final int MAX_RECORD_BYTES = 256 * 1024;
    private static final int QUARANTINE_RAW_LIMIT = 4096;

    private final LineReader lines;
    private final String file;
    private final FormAwareParser parser;
    private final EventClassifier classifier;
    private final LocalDate referenceDate;
    private final ZoneId zone;
    private byte[] record = new byte[4096];
    private int recordLength;
    private boolean firstLine = true;
    private long linesRead;
    private long linesWithEvents;
    private long linesIgnored;
    private long linesQuarantined;
    private long events;

    public ExchangeTrackingReader(InputStream in, String file, FormAwareParser parser, EventClassifier classifier,
            LocalDate referenceDate, ZoneId zone) {
        this.lines = new LineReader(requireNonNull(in, "in is null"), 0, LogChunkReader.MAX_LINE_BYTES);
        this.file = requireNonNull(file, "file is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.referenceDate = requireNonNull(referenceDate, "referenceDate is null");
        this.zone = requireNonNull(zone, "zone is null");
    }

    @Override
    protected void advance() {
        long recordOffset;
        long recordLines = 0;
        boolean open = false;
        recordLength = 0;
        try {
            if (!lines.next()) {
                finish();
                return;
            }
            recordOffset = lines.offset();
            while (true) {
                recordLines++;
                linesRead++;
                if (lines.truncated()) {
                    quarantine(recordOffset, recordLines, "line_too_long: " + lines.totalLength() + " bytes");
                    return;
                }
                int start = 0;
                if (firstLine) {
                    firstLine = false;
                    if (lines.length() >= 3 && (lines.buffer()[0] & 0xff) == 0xEF && (lines.buffer()[1] & 0xff) == 0xBB
                            && (lines.buffer()[2] & 0xff) == 0xBF) {
                        start = 3;
                    }
                }
                if (recordLength > 0) {
                    append(new byte[] {'\n'}, 0, 1);
                }
                append(lines.buffer(), start, lines.length());
                open ^= oddQuotes(lines.buffer(), start, lines.length());
                if (!open) {
                    break;
                }
                if (recordLength > MAX_RECORD_BYTES) {
                    quarantine(recordOffset, recordLines, "unterminated_quoted_field");
                    return;
                }
                if (!lines.next()) {
                    quarantine(recordOffset, recordLines, "unterminated_quoted_field");
                    return;
                }
            }
        } catch (IOException e) {
            emit(IngestItem.of(new QuarantineRecord(SourceFormat.EXCHANGE, file, lines.position(), "read_error: " + e.getMessage(), "")));
            linesRead++;
            linesQuarantined++;
            finish();
            return;
        }
        if (!parser.prefilter().matches(record, 0, recordLength)) {
            linesIgnored += recordLines;
            return;
        }
        String text = new String(record, 0, recordLength, StandardCharsets.UTF_8);
        ParseOutcome outcome;
        try {
            outcome = parser.parse(new SourceLine(file, recordOffset, text, referenceDate, zone));
        } catch (RuntimeException e) {
            outcome = new ParseOutcome.Quarantined("parser_error: " + e.getClass().getSimpleName());
        }
        if (outcome instanceof ParseOutcome.Events found) {
            linesWithEvents += recordLines;
            for (DeliveryEvent event : found.events()) {
                emit(IngestItem.of(classifier.classify(event)));
                events++;
            }
        } else if (outcome instanceof ParseOutcome.Quarantined quarantined) {
            linesQuarantined += recordLines;
            emit(IngestItem.of(new QuarantineRecord(SourceFormat.EXCHANGE, file, recordOffset, quarantined.reason(),
                    text.length() <= QUARANTINE_RAW_LIMIT ? text : text.substring(0, QUARANTINE_RAW_LIMIT))));
        } else {
            linesIgnored += recordLines;
        }
    }

    private void quarantine(long offset, long recordLines, String reason) {
        linesQuarantined += recordLines;
        int keep = Math.min(recordLength, QUARANTINE_RAW_LIMIT);
        emit(IngestItem.of(new QuarantineRecord(SourceFormat.EXCHANGE, file, offset, reason,
                new String(record, 0, keep, StandardCharsets.UTF_8))));
    }

    private void append(byte[] bytes, int from, int to) {
        int count = to - from;
        if (recordLength + count > record.length) {
            record = Arrays.copyOf(record, Math.max(record.length * 2, recordLength + count));
        }
        System.arraycopy(bytes, from, record, recordLength, count);
        recordLength += count;
    }

    private static boolean oddQuotes(byte[] buffer, int from, int to) {
        boolean odd = false;
        for (int index = from; index < to; index++) {
            if (buffer[index] == '"') {
                odd = !odd;
            }
        }
        return odd;
    }

    @Override
    protected InputCounts counts() {
        return new InputCounts(linesRead, linesWithEvents, linesIgnored, linesQuarantined, 0, 0, 0, 0, events);
    }
}
