package org.mailtriage.jobs;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import org.mailtriage.model.SourceFormat;

/**
 * One task's share of the input: a byte range of a file (or the whole file when compressed).
 *
 * @param end first byte past the range; Long.MAX_VALUE for "to the end"
 * @param referenceDate ISO date that decides the year of RFC 3164 timestamps in this file
 */
public record InputSplit(String path, SourceFormat format, long start, long end, boolean compressed, String referenceDate)
        implements Serializable {
    public InputSplit {
        requireNonNull(path, "path is null");
        requireNonNull(format, "format is null");
        requireNonNull(referenceDate, "referenceDate is null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range " + start + ".." + end + " for " + path);
        }
    }
}
