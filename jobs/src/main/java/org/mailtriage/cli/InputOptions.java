package org.mailtriage.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.mailtriage.ingest.ExpansionLimit;
import org.mailtriage.jobs.InputPlanner;
import org.mailtriage.model.SourceFormat;
import org.mailtriage.warehouse.Warehouse;
import picocli.CommandLine.Option;

/** The input and warehouse options ingest and nightly share. */
final class InputOptions {
    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Log files, bounce archives, directories or globs (any Hadoop path; gzip is read as such).")
    List<String> inputs;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Where the tables go (any Hadoop path).")
    String warehouse;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Force the input format instead of sniffing each file: ${COMPLETION-CANDIDATES}.")
    SourceFormat format;

    @Option(names = "--servers", paramLabel = "CSV", description = "servers.csv: our server name, outbound IPs, HELO name (fills in our IP for outbound lines).")
    String servers;

    @Option(names = "--rules", paramLabel = "CSV", description = "Phrase table (phrases.csv format) to use instead of the built-in one; the other layers stay built in.")
    String rules;

    @Option(names = "--reference-date", paramLabel = "YYYY-MM-DD",
            description = "Date the logs run up to, for the year of syslog timestamps (default: the date in the file name, else the file's time).")
    LocalDate referenceDate;

    @Option(names = "--log-zone", paramLabel = "ZONE", defaultValue = "UTC", description = "Time zone of log timestamps that carry none (default: ${DEFAULT-VALUE}).")
    ZoneId logZone;

    @Option(names = "--split-mb", paramLabel = "MB", defaultValue = "64", description = "Plain files are read in ranges of this size, one task each; mbox files in ranges an eighth of it (default: ${DEFAULT-VALUE}).")
    long splitMegabytes;

    @Option(names = "--max-gzip-ratio", paramLabel = "N", defaultValue = "" + ExpansionLimit.DEFAULT_MAX_RATIO,
            description = "Stop reading a compressed file (quarantine row, lines read so far counted) once it has expanded more than N times "
                    + "its compressed size and more than --max-gzip-mb (default: ${DEFAULT-VALUE}).")
    long maxGzipRatio;

    @Option(names = "--max-gzip-mb", paramLabel = "MB", defaultValue = "" + (ExpansionLimit.DEFAULT_FLOOR_BYTES / (1024 * 1024)),
            description = "A compressed file may always expand to this many MB, whatever its ratio (default: ${DEFAULT-VALUE}).")
    long maxGzipMegabytes;

    ExpansionLimit expansionLimit() {
        return new ExpansionLimit(maxGzipRatio, maxGzipMegabytes * 1024 * 1024);
    }

    Warehouse warehouse() {
        return new Warehouse(warehouse);
    }

    long splitBytes() {
        return splitMegabytes > 0 ? splitMegabytes * 1024 * 1024 : InputPlanner.DEFAULT_SPLIT_BYTES;
    }
}
