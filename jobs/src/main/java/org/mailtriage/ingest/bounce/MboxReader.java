package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.mailtriage.ingest.LineReader;

/**
 * Reads the emails of one byte range of an mbox file (mboxo or mboxrd). An email belongs to the
 * range its "From " separator line starts in, so a range starts at the first "\nFrom " at or after
 * its start and reads its last email past its end: adjacent ranges neither lose nor repeat one.
 * Lines quoted as "&gt;From " (one or more '&gt;') lose one '&gt;' (mboxrd; for mboxo it is the same).
 * Each email keeps at most {@link #MAX_EMAIL_BYTES}; the rest is counted, not kept.
 */
public final class MboxReader implements EmailSource {
    public static final int MAX_EMAIL_BYTES = 16 * 1024 * 1024;
    private static final int MAX_LINE_BYTES = 1024 * 1024;

    private final LineReader lines;
    private final long end;
    private final boolean firstRange;
    private boolean started;
    private boolean pendingFromLine;
    private long pendingOffset;
    private boolean exhausted;

    /**
     * @param in the file's bytes from {@code start - 1} when start &gt; 0 (one byte early, to see whether
     *     {@code start} begins a line), else from 0
     * @param end first byte not in the range; Long.MAX_VALUE for the whole file
     */
    public MboxReader(InputStream in, long start, long end) {
        requireNonNull(in, "in is null");
        this.lines = new LineReader(in, start > 0 ? start - 1 : 0, MAX_LINE_BYTES);
        this.end = end;
        this.firstRange = start == 0;
        if (start > 0) {
            try {
                if (!lines.skipPastNewline()) {
                    exhausted = true;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public RawEmail next() throws IOException {
        if (exhausted) {
            return null;
        }
        if (!started) {
            started = true;
            RawEmail preamble = seekFirstFromLine();
            if (preamble != null) {
                return preamble;
            }
        }
        if (!pendingFromLine || pendingOffset >= end) {
            exhausted = true;
            return null;
        }
        long offset = pendingOffset;
        pendingFromLine = false;
        ByteArrayOutputStream email = new ByteArrayOutputStream(8192);
        long total = 0;
        while (lines.next()) {
            if (isFromLine()) {
                pendingFromLine = true;
                pendingOffset = lines.offset();
                break;
            }
            total += lines.totalLength() + 1;
            if (email.size() < MAX_EMAIL_BYTES) {
                appendLine(email);
            }
        }
        if (!pendingFromLine) {
            exhausted = true;
        }
        return new RawEmail(offset, email.toByteArray(), Math.max(total, email.size()), null);
    }

    /**
     * Moves to the first separator of the range. In the first range, text before it is not an email
     * of this mbox (an mbox with no "From " line at all, or junk before the first one): it is
     * returned as a problem email so it is counted and quarantined rather than dropped.
     */
    private RawEmail seekFirstFromLine() throws IOException {
        long skipped = 0;
        boolean anyContent = false;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (lines.next()) {
            if (lines.offset() >= end && !firstRange) {
                exhausted = true;
                return null;
            }
            if (isFromLine()) {
                pendingFromLine = true;
                pendingOffset = lines.offset();
                break;
            }
            skipped += lines.totalLength() + 1;
            if (lines.length() > 0 && !new String(lines.buffer(), 0, lines.length(), java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
                anyContent = true;
            }
            if (firstRange && head.size() < 4096) {
                head.write(lines.buffer(), 0, Math.min(lines.length(), 4096 - head.size()));
                head.write('\n');
            }
        }
        if (firstRange && anyContent) {
            String why = pendingFromLine ? "mbox_text_before_first_from_line: " + skipped + " bytes"
                    : "mbox_without_from_line: " + skipped + " bytes and no \"From \" separator";
            return new RawEmail(0, head.toByteArray(), skipped, why);
        }
        return null;
    }

    private boolean isFromLine() {
        byte[] buffer = lines.buffer();
        return lines.length() >= 5 && buffer[0] == 'F' && buffer[1] == 'r' && buffer[2] == 'o' && buffer[3] == 'm' && buffer[4] == ' ';
    }

    private void appendLine(ByteArrayOutputStream email) {
        byte[] buffer = lines.buffer();
        int length = lines.length();
        int skip = 0;
        if (length > 5 && buffer[0] == '>') {
            int quotes = 0;
            while (quotes < length && buffer[quotes] == '>') {
                quotes++;
            }
            if (length - quotes >= 5 && buffer[quotes] == 'F' && buffer[quotes + 1] == 'r' && buffer[quotes + 2] == 'o'
                    && buffer[quotes + 3] == 'm' && buffer[quotes + 4] == ' ') {
                skip = 1;
            }
        }
        email.write(buffer, skip, length - skip);
        email.write('\n');
    }
}
