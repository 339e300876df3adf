package org.mailtriage.model;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/** Input that could not be parsed, kept with the reason so nothing is silently lost. */
public record QuarantineRecord(SourceFormat sourceFormat, String sourceFile, long sourceOffset, String reason, String rawText)
        implements Serializable {
    public QuarantineRecord {
        requireNonNull(sourceFormat, "sourceFormat is null");
        requireNonNull(sourceFile, "sourceFile is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(rawText, "rawText is null");
    }
}
