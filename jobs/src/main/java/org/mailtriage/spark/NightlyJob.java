package org.mailtriage.spark;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.mailtriage.ingest.SourceFormat;

/**
 * nightly: ingest → enrich → report for one day, under the warehouse's lock for that day. Each
 * stage replaces only that day's partitions (events, quarantine, the three report tables), so a
 * rerun yields the same rows and leaves other days alone; {@code runs} keeps one row per stage run.
 */
public final class NightlyJob {
    /** What the DNS stage gets: passed through to {@code EnrichJob} once it is wired (see {@link #enrich}). */
    public record EnrichOptions(String dnsServer, String dnsFixture) {
    }

    /**
     * @param date the day to process (UTC day of the events)
     * @param lockWaitSeconds how long to wait for another run of the same day to finish
     */
    public record Options(List<String> inputs, Warehouse warehouse, LocalDate date, String serversCsv, String rulesPath,
            SourceFormat format, LocalDate referenceDate, ZoneId logZone, long splitBytes, int dnsWindowDays, long lockWaitSeconds,
            EnrichOptions enrich) {
        public Options {
            inputs = List.copyOf(inputs);
            requireNonNull(warehouse, "warehouse is null");
            requireNonNull(date, "date is null");
            requireNonNull(logZone, "logZone is null");
            requireNonNull(enrich, "enrich is null");
        }
    }

    /** What the DNS stage did, in words for the summary. */
    public record EnrichOutcome(boolean ran, String message) {
    }

    public record Result(String runId, IngestJob.Result ingest, EnrichOutcome enrich, ReportJob.Result report) {
    }

    private NightlyJob() {
    }

    public static Result run(SparkSession spark, Options options, String runId) {
        try (DateLock lock = DateLock.acquire(spark.sparkContext().hadoopConfiguration(), options.warehouse(), options.date(), "nightly",
                options.lockWaitSeconds())) {
            IngestJob.Result ingest = IngestJob.run(spark, new IngestJob.Options(options.inputs(), options.warehouse(), options.format(),
                    options.referenceDate(), options.logZone(), options.rulesPath(), options.serversCsv(), options.date(), options.date(),
                    options.splitBytes()), runId);
            EnrichOutcome enrich = enrich(spark, options, runId);
            ReportJob.Result report = ReportJob.run(spark, new ReportJob.Options(options.warehouse(), options.date(), options.serversCsv(),
                    options.dnsWindowDays()));
            return new Result(runId, ingest, enrich, report);
        }
    }

    /**
     * HOOK(dns): the DNS enrichment stage. Once branch {@code dns} is merged, this calls
     * {@code EnrichJob.run(spark, …, runId)} for {@code options.date()} with {@code options.enrich()}
     * (resolver, fixture) and reports what it asked. Until then the report uses whatever
     * {@code dns_answers} the warehouse already holds.
     */
    static EnrichOutcome enrich(SparkSession spark, Options options, String runId) {
        requireNonNull(spark, "spark is null");
        requireNonNull(runId, "runId is null");
        EnrichOptions enrich = options.enrich();
        boolean asked = enrich.dnsServer() != null || enrich.dnsFixture() != null;
        return new EnrichOutcome(false, "DNS enrichment: not run (not part of this build)"
                + (asked ? "; --dns-server/--dns-fixture ignored" : "") + "; the report uses the dns_answers already in the warehouse, if any.");
    }
}
