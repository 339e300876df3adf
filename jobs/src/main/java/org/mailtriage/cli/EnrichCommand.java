package org.mailtriage.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mailtriage.dns.ResolverSpec;
import org.mailtriage.jobs.EnrichJob;
import org.mailtriage.jobs.SparkSessions;
import org.mailtriage.warehouse.BadInputException;
import org.mailtriage.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = {"Check the distinct sending IPs, HELO names and sender domains of the events of a date range in DNS "
                + "(blocklists, PTR/FCrDNS, HELO, A/MX/SPF/DMARC) and append the answers to dns_answers.",
                "Answers younger than --max-age are reused, so a rerun asks nothing it already knows. "
                        + "A Spamhaus DQS key is read from SPAMHAUS_DQS_KEY (set spark.executorEnv.SPAMHAUS_DQS_KEY on a cluster); it is never written."})
final class EnrichCommand implements Callable<Integer> {
    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Where events are read and dns_answers/runs written.")
    String warehouse;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First event date.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last event date (default: --from).")
    LocalDate to;

    @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "PT12H",
            description = "Reuse answers younger than this (ISO-8601 duration, e.g. PT12H, P1D; PT0S asks everything again; default: ${DEFAULT-VALUE}).")
    Duration maxAge;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0", description = "Tasks to spread the subjects over (default: Spark's parallelism).")
    int partitions;

    @Mixin
    DnsOptions dns;

    @Override
    public Integer call() {
        SparkSession spark = SparkSessions.getOrCreate("mailtriage enrich");
        ResolverSpec resolver = resolverSpec(spark.sparkContext().hadoopConfiguration(), dns);
        String runId = UUID.randomUUID().toString();
        EnrichJob.Result result = EnrichJob.run(spark, new EnrichJob.Options(new Warehouse(warehouse), from, to == null ? from : to,
                resolver, dns.zones, maxAge, partitions), runId);
        System.out.printf("enrich %s: %d subjects; %d DNS questions asked (%d failed), %d answers reused from the cache; %d rows written%n",
                runId, result.subjects(), result.questionsAsked(), result.questionsFailed(), result.answersCached(), result.rowsWritten());
        result.brokenZones().forEach((zone, why) -> System.out.println("  zone broken, its answers are unknown: " + zone + " (" + why + ")"));
        return ExitCodes.OK;
    }

    static ResolverSpec resolverSpec(Configuration hadoop, DnsOptions dns) {
        if (dns.fixture() == null) {
            return CheckIpCommand.spec(dns);
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dns.fixture());
        try (var in = path.getFileSystem(hadoop).open(path)) {
            return ResolverSpec.fixture(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), path.getName(), dns.settings());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new BadInputException("DNS fixture " + dns.fixture() + ": " + e.getMessage(), e);
        }
    }
}
