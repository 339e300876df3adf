package org.mailtriage.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.jobs.IngestJob;
import org.mailtriage.jobs.Progress;
import org.mailtriage.jobs.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read mail logs and write classified failure events (events), unparseable input (quarantine) and a runs row.",
                "Inputs and warehouse are Hadoop paths (local, file://, hdfs://, s3a://). Rewriting a date replaces that date's partitions only."})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    /** The bounce-archive half of the counts, as ingest and nightly print it. */
    static String emailsLine(InputCounts counts) {
        return String.format("  %d emails read = %d with failure events + %d not bounces (delivered, auto-replies, feedback) + %d quarantined",
                counts.emailsRead(), counts.emailsWithEvents(), counts.emailsNotBounces(), counts.emailsQuarantined());
    }

    @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "10",
            description = "Print a progress line (stage, tasks, input files and bytes, bytes read and rate) on standard error every SECONDS "
                    + "while the run lasts; 0: none (default: ${DEFAULT-VALUE}).")
    long progressSeconds;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait this long for a run writing one of the dates this one replaces (a nightly) to finish (default: ${DEFAULT-VALUE}: fail at once).")
    long lockWaitSeconds;

    @Override
    public Integer call() {
        SparkSession spark = SparkSessions.getOrCreate("mailtriage ingest");
        String runId = UUID.randomUUID().toString();
        IngestJob.Options options = new IngestJob.Options(input.inputs, input.warehouse(), input.format, input.referenceDate,
                input.logZone, input.rules, input.servers, LocalDate.now(ZoneId.of("UTC")), null, input.splitBytes(), input.expansionLimit(), lockWaitSeconds);
        IngestJob.Result result;
        try (Progress progress = Progress.start(spark, input.inputs, Duration.ofSeconds(progressSeconds), System.err)) {
            result = IngestJob.run(spark, options, runId);
        }
        var counts = result.counts();
        System.out.printf("ingest %s: %d files, %d lines read = %d with failure events + %d other + %d quarantined; %d events written%s%n",
                runId, result.filesRead(), counts.linesRead(), counts.linesWithEvents(), counts.linesIgnored(), counts.linesQuarantined(),
                counts.events(), counts.balanced() ? "" : " (COUNTS DO NOT BALANCE)");
        if (counts.emailsRead() > 0) {
            System.out.println(emailsLine(counts));
        }
        for (String file : result.unrecognised()) {
            System.out.println("  not read (unrecognised format): " + file);
        }
        for (var file : result.unreadable()) {
            System.out.println("  not read (" + file.reason() + "): " + file.path());
        }
        return counts.balanced() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
