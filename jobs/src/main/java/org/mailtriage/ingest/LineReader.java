package org.mailtriage.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads LF-terminated lines as bytes from a stream, tracking each line's byte offset, keeping at most
 * {@code maxKeep} bytes of a line (a 1 GB line never becomes one array) while still counting it whole.
 * A trailing CR is dropped.
 */
public final class LineReader {
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkLength;
    private int chunkPosition;
    private long position;
    private final int maxKeep;

    private byte[] line = new byte[1024];
    private int lineLength;
    private long lineOffset;
    private long lineTotalLength;

    public LineReader(InputStream in, long startPosition, int maxKeep) {
        this.in = in;
        this.position = startPosition;
        this.maxKeep = maxKeep;
    }

    /** Skips to just past the next LF (used by a split that starts mid-file). Returns false at end of stream. */
    public boolean skipPastNewline() throws IOException {
        while (true) {
            if (chunkPosition == chunkLength && !fill()) {
                return false;
            }
            byte value = chunk[chunkPosition++];
            position++;
            if (value == '\n') {
                return true;
            }
        }
    }

    /** Reads the next line; false at end of stream. */
    public boolean next() throws IOException {
        lineLength = 0;
        lineTotalLength = 0;
        lineOffset = position;
        boolean any = false;
        while (true) {
            if (chunkPosition == chunkLength && !fill()) {
                break;
            }
            any = true;
            int start = chunkPosition;
            int end = start;
            while (end < chunkLength && chunk[end] != '\n') {
                end++;
            }
            append(start, end);
            position += end - start;
            if (end < chunkLength) {
                chunkPosition = end + 1;
                position++;
                trimCarriageReturn();
                return true;
            }
            chunkPosition = chunkLength;
        }
        trimCarriageReturn();
        return any;
    }

    /** Byte offset of the current line's first byte. */
    public long offset() {
        return lineOffset;
    }

    /** Offset of the next unread byte. */
    public long position() {
        return position;
    }

    public byte[] buffer() {
        return line;
    }

    /** Bytes kept of the current line (≤ maxKeep). */
    public int length() {
        return lineLength;
    }

    /** The line's full length in bytes, even where only part was kept. */
    public long totalLength() {
        return lineTotalLength;
    }

    public boolean truncated() {
        return lineTotalLength > lineLength;
    }

    private void append(int start, int end) {
        int count = end - start;
        lineTotalLength += count;
        int room = maxKeep - lineLength;
        int keep = Math.min(room, count);
        if (keep > 0) {
            if (lineLength + keep > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + keep));
            }
            System.arraycopy(chunk, start, line, lineLength, keep);
            lineLength += keep;
        }
    }

    private void trimCarriageReturn() {
        if (lineLength > 0 && lineLength == lineTotalLength && line[lineLength - 1] == '\r') {
            lineLength--;
            lineTotalLength--;
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk, 0, chunk.length);
        if (read <= 0) {
            chunkLength = 0;
            chunkPosition = 0;
            return false;
        }
        chunkLength = read;
        chunkPosition = 0;
        return true;
    }
}
