package org.mailtriage.model;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;

import java.io.Serializable;
import java.util.List;

/** Input that could not be parsed, kept with the reason so nothing is silently lost. */
public record QuarantineRecord(SourceFormat sourceFormat, String sourceFile, long sourceOffset, String reason, String rawText)
        implements Serializable {
    /**
     * The quarantine table's columns after its run_id (the run's, not the record's) and without its partition column
     * (ingest_date): the one list its schema and rows are derived from.
     */
    public static final List<Column<QuarantineRecord>> COLUMNS = List.of(
            Column.of("source_format", TEXT, false, record -> record.sourceFormat().label()),
            Column.of("source_file", TEXT, false, QuarantineRecord::sourceFile),
            Column.of("source_offset", LONG, false, QuarantineRecord::sourceOffset),
            Column.of("reason", TEXT, false, QuarantineRecord::reason),
            Column.of("raw_text", TEXT, true, QuarantineRecord::rawText));

    public QuarantineRecord {
        requireNonNull(sourceFormat, "sourceFormat is null");
        requireNonNull(sourceFile, "sourceFile is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(rawText, "rawText is null");
    }
}
