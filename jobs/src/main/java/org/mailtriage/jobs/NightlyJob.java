package org.mailtriage.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.mailtriage.dns.ResolverSpec;
import org.mailtriage.ingest.ExpansionLimit;
import org.mailtriage.model.SourceFormat;
import org.mailtriage.warehouse.DateLock;
import org.mailtriage.warehouse.StepTimer;
import org.mailtriage.warehouse.Warehouse;
import org.mailtriage.warehouse.WarehousePlacement;

/**
 * nightly: ingest → enrich → report for one day, under the warehouse's lock for that day. Each
 * stage replaces only that day's partitions (events, quarantine, the three report tables), so a
 * rerun yields the same rows and leaves other days alone; {@code runs} keeps one row per stage run.
 */
public final class NightlyJob {
    /**
     * What the DNS stage gets.
     *
     * @param resolver where answers come from; null skips the stage (the report then uses the dns_answers the warehouse holds)
     * @param zonesPath zones.csv to use, or null for the built-in one
     * @param maxAge answers younger than this are reused from dns_answers
     */
    public record EnrichOptions(ResolverSpec resolver, String zonesPath, Duration maxAge) {
        public EnrichOptions {
            requireNonNull(maxAge, "maxAge is null");
        }

        public static EnrichOptions skip() {
            return new EnrichOptions(null, null, Duration.ofHours(12));
        }
    }

    /**
     * @param date the day to process (UTC day of the events)
     * @param lockWaitSeconds how long to wait for another run of the same day to finish
     */
    public record Options(List<String> inputs, Warehouse warehouse, LocalDate date, String serversCsv, String rulesPath,
            SourceFormat format, LocalDate referenceDate, ZoneId logZone, long splitBytes, int dnsWindowDays, long lockWaitSeconds,
            EnrichOptions enrich, ExpansionLimit expansionLimit) {
        public Options {
            inputs = List.copyOf(inputs);
            requireNonNull(warehouse, "warehouse is null");
            requireNonNull(date, "date is null");
            requireNonNull(logZone, "logZone is null");
            requireNonNull(enrich, "enrich is null");
            requireNonNull(expansionLimit, "expansionLimit is null");
        }

        /** With the default expansion limit for compressed inputs. */
        public Options(List<String> inputs, Warehouse warehouse, LocalDate date, String serversCsv, String rulesPath,
                SourceFormat format, LocalDate referenceDate, ZoneId logZone, long splitBytes, int dnsWindowDays, long lockWaitSeconds,
                EnrichOptions enrich) {
            this(inputs, warehouse, date, serversCsv, rulesPath, format, referenceDate, logZone, splitBytes, dnsWindowDays, lockWaitSeconds,
                    enrich, ExpansionLimit.DEFAULT);
        }
    }

    /** What the DNS stage did, in words for the summary. */
    public record EnrichOutcome(boolean ran, String message) {
    }

    /** @param steps where the time went: the steps timed before the run (process and Spark start), then each stage */
    public record Result(String runId, IngestJob.Result ingest, EnrichOutcome enrich, ReportJob.Result report, List<StepTimer.Step> steps) {
        public Result {
            steps = List.copyOf(steps);
        }

        /** "Time: 9.8 s = JVM start 0.5 s, Spark start 3.1 s, ingest 3.0 s, DNS 1.1 s, report 2.1 s". */
        public String timingLine() {
            long total = steps.stream().mapToLong(StepTimer.Step::millis).sum();
            return "Time: " + StepTimer.seconds(total) + " = " + StepTimer.describe(steps)
                    + " (the steps inside each stage are in the runs table, column steps)";
        }
    }

    private NightlyJob() {
    }

    public static Result run(SparkSession spark, Options options, String runId) {
        return run(spark, options, runId, List.of());
    }

    /** @param before steps timed before the run (process and Spark start): first in the timing line and the ingest runs row */
    public static Result run(SparkSession spark, Options options, String runId, List<StepTimer.Step> before) {
        StepTimer timer = new StepTimer();
        before.forEach(timer::add);
        WarehousePlacement.checkApart(spark.sparkContext().hadoopConfiguration(), options.warehouse(), options.inputs());
        try (DateLock lock = DateLock.acquire(spark.sparkContext().hadoopConfiguration(), options.warehouse(), options.date(), "nightly",
                options.lockWaitSeconds())) {
            IngestJob.Result ingest = IngestJob.run(spark, new IngestJob.Options(options.inputs(), options.warehouse(), options.format(),
                    options.referenceDate(), options.logZone(), options.rulesPath(), options.serversCsv(), options.date(), options.date(),
                    options.splitBytes(), options.expansionLimit()), runId, before);
            timer.lap("ingest");
            EnrichOutcome enrich = enrich(spark, options, runId);
            timer.lap("DNS");
            ReportJob.Result report = ReportJob.run(spark, new ReportJob.Options(options.warehouse(), options.date(), options.serversCsv(),
                    options.dnsWindowDays()));
            timer.lap("report");
            return new Result(runId, ingest, enrich, report, timer.steps());
        }
    }

    /** The DNS stage: the day's distinct IPs, HELO names and sender domains, asked only where dns_answers has no fresh answer. */
    static EnrichOutcome enrich(SparkSession spark, Options options, String runId) {
        EnrichOptions enrich = options.enrich();
        if (enrich.resolver() == null) {
            return new EnrichOutcome(false, "DNS enrichment: skipped (--no-dns); the report uses the dns_answers already in the warehouse, if any.");
        }
        EnrichJob.Result result = EnrichJob.run(spark, new EnrichJob.Options(options.warehouse(), options.date(), options.date(),
                enrich.resolver(), enrich.zonesPath(), enrich.maxAge(), 0), runId);
        StringBuilder message = new StringBuilder(String.format(
                "DNS: %d subjects checked; %d questions asked (%d without an answer: unknown), %d answers reused from earlier runs.",
                result.subjects(), result.questionsAsked(), result.questionsFailed(), result.answersCached()));
        result.brokenZones().forEach((zone, why) -> message.append(" Zone ").append(zone)
                .append(" failed its self-test, its answers count as unknown (").append(why).append(")."));
        return new EnrichOutcome(true, message.toString());
    }
}
