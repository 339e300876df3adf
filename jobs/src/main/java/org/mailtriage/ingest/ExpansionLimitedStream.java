package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A decompressed stream that fails with {@link LimitExceeded} once it has yielded more than its {@link ExpansionLimit} allows. */
final class ExpansionLimitedStream extends FilterInputStream {
    /** Thrown instead of reading past the limit; the readers turn it into a quarantine row, keeping what was read before. */
    public static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message);
        }
    }

    private final long compressedBytes;
    private final long maxBytes;
    private final ExpansionLimit limit;
    private long yielded;

    ExpansionLimitedStream(InputStream in, long compressedBytes, ExpansionLimit limit) {
        super(requireNonNull(in, "in is null"));
        this.limit = requireNonNull(limit, "limit is null");
        this.compressedBytes = compressedBytes;
        this.maxBytes = limit.maxBytes(compressedBytes);
    }

    @Override
    public int read() throws IOException {
        checkRoom();
        int value = super.read();
        if (value >= 0) {
            yielded++;
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkRoom();
        int allowed = (int) Math.min(length, maxBytes - yielded + 1);
        int read = super.read(buffer, offset, Math.max(allowed, 1));
        if (read > 0) {
            yielded += read;
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        // Through read(), so skipped bytes count against the limit too.
        byte[] buffer = new byte[(int) Math.min(count, 8192)];
        long skipped = 0;
        while (skipped < count) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    private void checkRoom() throws LimitExceeded {
        if (yielded > maxBytes) {
            throw new LimitExceeded("gzip_expansion_limit: stopped after " + yielded + " decompressed bytes from " + compressedBytes
                    + " compressed (limit: more than " + limit.maxRatio() + "x and more than " + limit.floorBytes() + " bytes)");
        }
    }
}
