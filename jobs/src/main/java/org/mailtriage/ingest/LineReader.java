package org.mailtriage.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads LF-terminated lines as bytes from a stream, tracking each line's byte offset, keeping at most
 * {@code maxKeep} bytes of a line (a 1 GB line never becomes one array) while still counting it whole.
 * A trailing CR is dropped.
 */
public final class LineReader {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 18];
    private int chunkLength;
    private int chunkPosition;
    private long position;
    private final int maxKeep;

    private byte[] line = new byte[1024];
    private int lineLength;
    private long lineOffset;
    private long lineTotalLength;

    private byte[] viewBuffer;
    private int viewStart;

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
            int end = findNewline(start);
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

    /**
     * Like {@link #next()}, but a line that lies whole in the read buffer is not copied: read it from
     * {@link #viewBuffer()} at {@link #viewStart()} for {@link #length()} bytes. Valid until the next call.
     */
    public boolean nextView() throws IOException {
        if (chunkPosition < chunkLength) {
            int start = chunkPosition;
            int end = findNewline(start);
            if (end < chunkLength) {
                int length = end - start;
                lineOffset = position;
                position += length + 1;
                chunkPosition = end + 1;
                if (length <= maxKeep) {
                    if (length > 0 && chunk[end - 1] == '\r') {
                        length--;
                    }
                    lineLength = length;
                    lineTotalLength = length;
                    viewBuffer = chunk;
                    viewStart = start;
                    return true;
                }
                // Rare: too long to keep whole; let next() count it from its start.
                chunkPosition = start;
                position = lineOffset;
            }
        }
        boolean any = next();
        viewBuffer = line;
        viewStart = 0;
        return any;
    }

    /** The array holding the line of the last {@link #nextView()}. */
    public byte[] viewBuffer() {
        return viewBuffer;
    }

    /** Where that line starts in {@link #viewBuffer()}. */
    public int viewStart() {
        return viewStart;
    }

    /** Index of the first LF at or after {@code from} in the chunk, or chunkLength; eight bytes per step. */
    private int findNewline(int from) {
        int index = from;
        int limit = chunkLength - Long.BYTES;
        while (index <= limit) {
            long word = (long) LONGS.get(chunk, index) ^ NEWLINES;
            long found = (word - ONES) & ~word & HIGHS;
            if (found != 0) {
                return index + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            index += Long.BYTES;
        }
        while (index < chunkLength && chunk[index] != '\n') {
            index++;
        }
        return index;
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
