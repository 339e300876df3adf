package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One line of a log file with where it came from and what is needed to read its time.
 *
 * @param offset byte offset of the line's start in the (uncompressed) file
 */
public record SourceLine(String file, long offset, String text, LocalDate referenceDate, ZoneId zone) {
    public SourceLine {
        requireNonNull(file, "file is null");
        requireNonNull(text, "text is null");
        requireNonNull(referenceDate, "referenceDate is null");
        requireNonNull(zone, "zone is null");
    }
}
