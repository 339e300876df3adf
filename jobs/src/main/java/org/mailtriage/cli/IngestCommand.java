package org.mailtriage.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mailtriage.ingest.SourceFormat;
import org.mailtriage.spark.IngestJob;
import org.mailtriage.spark.InputPlanner;
import org.mailtriage.spark.SparkSessions;
import org.mailtriage.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read mail logs and write classified failure events (events), unparseable input (quarantine) and a runs row.",
                "Inputs and warehouse are Hadoop paths (local, file://, hdfs://, s3a://). Rewriting a date replaces that date's partitions only."})
final class IngestCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH", description = "Log files, directories or globs (gzip is read as such).")
    List<String> inputs;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Where the tables go.")
    String warehouse;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Force the input format instead of sniffing each file: ${COMPLETION-CANDIDATES}.")
    SourceFormat format;

    @Option(names = "--servers", paramLabel = "CSV", description = "servers.csv: our server name, outbound IPs, HELO name (fills in our IP for outbound lines).")
    String servers;

    @Option(names = "--rules", paramLabel = "CSV", description = "Rule table to use instead of the built-in one.")
    String rules;

    @Option(names = "--reference-date", paramLabel = "YYYY-MM-DD",
            description = "Date the logs run up to, for the year of syslog timestamps (default: the date in the file name, else the file's time).")
    LocalDate referenceDate;

    @Option(names = "--log-zone", paramLabel = "ZONE", defaultValue = "UTC", description = "Time zone of log timestamps that carry none (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--split-mb", paramLabel = "MB", defaultValue = "64", description = "Plain files are read in ranges of this size, one task each (default: ${DEFAULT-VALUE}).")
    long splitMegabytes;

    @Override
    public Integer call() {
        SparkSession spark = SparkSessions.getOrCreate("mailtriage ingest");
        String runId = UUID.randomUUID().toString();
        IngestJob.Options options = new IngestJob.Options(inputs, new Warehouse(warehouse), format, referenceDate, zone,
                rules, servers, LocalDate.now(ZoneId.of("UTC")), null,
                splitMegabytes > 0 ? splitMegabytes * 1024 * 1024 : InputPlanner.DEFAULT_SPLIT_BYTES);
        IngestJob.Result result = IngestJob.run(spark, options, runId);
        var counts = result.counts();
        System.out.printf("ingest %s: %d files, %d lines read = %d with failure events + %d other + %d quarantined; %d events written%s%n",
                runId, result.filesRead(), counts.linesRead(), counts.linesWithEvents(), counts.linesIgnored(), counts.linesQuarantined(),
                counts.events(), counts.balanced() ? "" : " (COUNTS DO NOT BALANCE)");
        if (counts.emailsRead() > 0) {
            System.out.printf("  %d emails read = %d with failure events + %d not bounces (delivered, auto-replies, feedback) + %d quarantined%n",
                    counts.emailsRead(), counts.emailsWithEvents(), counts.emailsNotBounces(), counts.emailsQuarantined());
        }
        for (String file : result.unrecognised()) {
            System.out.println("  not read (unrecognised format): " + file);
        }
        return counts.balanced() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
