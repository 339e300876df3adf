package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.SourceFormat;

/**
 * Reads the lines of one byte range of a log file and yields classified events, quarantine records
 * and, last, the range's counts. A line belongs to the range its first byte lies in (as in Hadoop's
 * LineRecordReader), so adjacent ranges neither lose nor repeat a line. Lines rejected by the
 * parser's byte pre-filter never become Strings.
 */
public final class LogChunkReader extends ChunkIterator {
    /** Lines longer than this are quarantined; only this much of them is kept in memory. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int QUARANTINE_RAW_LIMIT = 4096;

    private final LineReader lines;
    private final long end;
    private final String file;
    private final SourceFormat format;
    private final LineParser parser;
    private final EventClassifier classifier;
    private final LocalDate referenceDate;
    private final ZoneId zone;
    private long linesRead;
    private long linesWithEvents;
    private long linesIgnored;
    private long linesQuarantined;
    private long events;

    /**
     * @param in a stream positioned at {@code start - 1} (at 0 when start is 0): one byte early, so a range
     *     that begins right after a newline keeps its first line
     * @param start the range's first byte
     * @param end the first byte not in this range; Long.MAX_VALUE for a whole (e.g. compressed) file
     */
    public LogChunkReader(InputStream in, long start, long end, String file, SourceFormat format, LineParser parser,
            EventClassifier classifier, LocalDate referenceDate, ZoneId zone) {
        this.lines = new LineReader(requireNonNull(in, "in is null"), start > 0 ? start - 1 : 0, MAX_LINE_BYTES);
        this.end = end;
        this.file = requireNonNull(file, "file is null");
        this.format = requireNonNull(format, "format is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.referenceDate = requireNonNull(referenceDate, "referenceDate is null");
        this.zone = requireNonNull(zone, "zone is null");
        if (start > 0) {
            try {
                if (!lines.skipPastNewline()) {
                    finish();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected void advance() {
        try {
            if (lines.position() >= end || !lines.nextView()) {
                finish();
                return;
            }
        } catch (IOException e) {
            // A corrupt gzip member or a read error ends this range: what was read stays counted.
            emit(IngestItem.of(new QuarantineRecord(format, file, lines.position(), "read_error: " + e.getMessage(), "")));
            linesRead++;
            linesQuarantined++;
            finish();
            return;
        }
        linesRead++;
        byte[] buffer = lines.viewBuffer();
        int from = lines.viewStart();
        int length = lines.length();
        if (lines.truncated()) {
            linesQuarantined++;
            emit(IngestItem.of(new QuarantineRecord(format, file, lines.offset(),
                    "line_too_long: " + lines.totalLength() + " bytes", decode(buffer, from, Math.min(length, QUARANTINE_RAW_LIMIT)))));
            return;
        }
        if (!parser.prefilter().matches(buffer, from, from + length)) {
            linesIgnored++;
            return;
        }
        String text = decode(buffer, from, length);
        ParseOutcome outcome;
        try {
            outcome = parser.parse(new SourceLine(file, lines.offset(), text, referenceDate, zone));
        } catch (RuntimeException e) {
            // A parser bug must cost one line, not the job: keep the line and say why.
            outcome = new ParseOutcome.Quarantined("parser_error: " + e.getClass().getSimpleName());
        }
        if (outcome instanceof ParseOutcome.Events found) {
            linesWithEvents++;
            for (DeliveryEvent event : found.events()) {
                emit(IngestItem.of(classifier.classify(event)));
                events++;
            }
        } else if (outcome instanceof ParseOutcome.Quarantined quarantined) {
            linesQuarantined++;
            emit(IngestItem.of(new QuarantineRecord(format, file, lines.offset(), quarantined.reason(),
                    text.length() <= QUARANTINE_RAW_LIMIT ? text : text.substring(0, QUARANTINE_RAW_LIMIT))));
        } else {
            linesIgnored++;
        }
    }

    /** What a range yields when its file cannot even be opened: one quarantined line standing for the file, and balanced counts. */
    public static Iterator<IngestItem> unreadableFile(String file, SourceFormat format, String reason) {
        return java.util.List.of(IngestItem.of(new QuarantineRecord(format, file, 0, reason, "")),
                IngestItem.of(new InputCounts(1, 0, 0, 1, 0, 0, 0, 0, 0))).iterator();
    }

    @Override
    protected InputCounts counts() {
        return new InputCounts(linesRead, linesWithEvents, linesIgnored, linesQuarantined, 0, 0, 0, 0, events);
    }

    private static String decode(byte[] buffer, int from, int length) {
        // Invalid UTF-8 becomes U+FFFD: the line is still parsed and counted.
        return new String(buffer, from, length, StandardCharsets.UTF_8);
    }
}
