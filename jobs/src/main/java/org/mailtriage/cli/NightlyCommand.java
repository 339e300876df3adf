package org.mailtriage.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mailtriage.jobs.NightlyJob;
import org.mailtriage.jobs.Progress;
import org.mailtriage.jobs.ReportJob;
import org.mailtriage.jobs.SparkSessions;
import org.mailtriage.report.ReportSummary;
import org.mailtriage.warehouse.BadInputException;
import org.mailtriage.warehouse.StepTimer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Run ingest, DNS enrichment and report for one day; rerunning a day replaces exactly that day's partitions.",
                "Exit codes: 0 ok, 1 a new listing (with --fail-on-new-listing), 2 bad input or configuration, 3 the run failed."})
final class NightlyCommand implements Callable<Integer> {
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day to process (default: yesterday in --zone).")
    LocalDate date;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone that decides which day is yesterday (default: the system's).")
    ZoneId zone;

    @Mixin
    InputOptions input;

    @Mixin
    DnsOptions dns;

    @Option(names = "--no-dns", description = "Skip the DNS enrichment; the report uses the dns_answers already in the warehouse.")
    boolean noDns;

    @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "PT12H",
            description = "Reuse DNS answers younger than this (ISO-8601 duration; default: ${DEFAULT-VALUE}).")
    Duration maxAge;

    @Option(names = "--dns-window-days", paramLabel = "DAYS", defaultValue = "" + ReportJob.DEFAULT_DNS_WINDOW_DAYS,
            description = "The report uses DNS answers asked from this many days before the date up to the day after (default: ${DEFAULT-VALUE}).")
    int dnsWindowDays;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait this long for another run of the same day to finish (default: ${DEFAULT-VALUE}: fail at once, exit 3).")
    long lockWaitSeconds;

    // Not --format: ingest's --format (shared through InputOptions) forces the input format.
    @Option(names = "--summary-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "The summary printed at the end: text (for people, at most 100 columns) or json (one object, for machines; "
                    + "default: ${DEFAULT-VALUE}).")
    NightlyOutput.Format summaryFormat;

    @Option(names = "--summary-servers", paramLabel = "N", defaultValue = "" + ReportSummary.DEFAULT_MAX_SERVERS,
            description = "The text summary names at most N of our servers, most urgent first, and counts the rest (default: ${DEFAULT-VALUE}).")
    int summaryServers;

    @Option(names = "--fail-on-new-listing", description = "Exit 1 when one of our servers is on a list it was not on in the previous report.")
    boolean failOnNewListing;

    @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "10",
            description = "Print a progress line (stage, tasks, input files and bytes, bytes read and rate) on standard error every SECONDS "
                    + "while the run lasts; 0: none (default: ${DEFAULT-VALUE}).")
    long progressSeconds;

    @Override
    public Integer call() {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long sparkStarting = System.nanoTime();
        if (summaryServers < 0) {
            throw new BadInputException("--summary-servers must not be negative: " + summaryServers);
        }
        LocalDate day = date != null ? date : LocalDate.now(zone != null ? zone : ZoneId.systemDefault()).minusDays(1);
        SparkSession spark = SparkSessions.getOrCreate("mailtriage nightly " + day);
        List<StepTimer.Step> before = List.of(new StepTimer.Step("JVM_start", jvmStart),
                new StepTimer.Step("Spark_start", (System.nanoTime() - sparkStarting) / 1_000_000));
        NightlyJob.Options options = new NightlyJob.Options(input.inputs, input.warehouse(), day, input.servers, input.rules, input.format,
                input.referenceDate, input.logZone, input.splitBytes(), dnsWindowDays,
                lockWaitSeconds, noDns ? NightlyJob.EnrichOptions.skip()
                        : new NightlyJob.EnrichOptions(EnrichCommand.resolverSpec(spark.sparkContext().hadoopConfiguration(), dns), dns.zones, maxAge),
                input.expansionLimit());
        NightlyJob.Result result;
        try (Progress progress = Progress.start(spark, input.inputs, Duration.ofSeconds(progressSeconds), System.err)) {
            result = NightlyJob.run(spark, options, UUID.randomUUID().toString(), before);
        }
        var counts = result.ingest().counts();
        var report = result.report();
        int exitCode = !counts.balanced() ? ExitCodes.FAILURE : failOnNewListing && report.newListing() ? ExitCodes.ALERT : ExitCodes.OK;
        if (summaryFormat == NightlyOutput.Format.json) {
            NightlyOutput.json(System.out, day, result, options.warehouse().root(), exitCode);
        } else {
            NightlyOutput.text(System.out, day, result, options.warehouse().root(), summaryServers);
        }
        return exitCode;
    }
}
