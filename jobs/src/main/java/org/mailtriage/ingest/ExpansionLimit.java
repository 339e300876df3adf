package org.mailtriage.ingest;

import java.io.InputStream;
import java.io.Serializable;

/**
 * How far a compressed input may expand before reading it stops (a gzip bomb guard). Reading stops only when the
 * decompressed bytes exceed BOTH {@code maxRatio} times the compressed size AND {@code floorBytes}: real logs
 * compress 5–50x and even very repetitive ones stay well under a few hundred times, while deflate's ceiling is
 * about 1030x, so a file near it is almost certainly made to expand.
 */
public record ExpansionLimit(long maxRatio, long floorBytes) implements Serializable {
    public static final long DEFAULT_MAX_RATIO = 500;
    public static final long DEFAULT_FLOOR_BYTES = 256L * 1024 * 1024;
    public static final ExpansionLimit DEFAULT = new ExpansionLimit(DEFAULT_MAX_RATIO, DEFAULT_FLOOR_BYTES);

    public ExpansionLimit {
        if (maxRatio < 1 || floorBytes < 0) {
            throw new IllegalArgumentException("expansion limit needs a ratio >= 1 and a floor >= 0, got " + maxRatio + "x and " + floorBytes);
        }
    }

    /** Most decompressed bytes a file of {@code compressedBytes} may yield. */
    public long maxBytes(long compressedBytes) {
        long byRatio = compressedBytes > Long.MAX_VALUE / maxRatio ? Long.MAX_VALUE : compressedBytes * maxRatio;
        return Math.max(byRatio, floorBytes);
    }

    /** {@code decompressed}, cut off with a {@link ExpansionLimitedStream.LimitExceeded} past {@link #maxBytes}. */
    public InputStream wrap(InputStream decompressed, long compressedBytes) {
        return new ExpansionLimitedStream(decompressed, compressedBytes, this);
    }
}
