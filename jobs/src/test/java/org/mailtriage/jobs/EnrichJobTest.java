package org.mailtriage.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.dns.FixtureResolver;
import org.mailtriage.dns.ResolverSettings;
import org.mailtriage.dns.ResolverSpec;
import org.mailtriage.testing.FakeDnsServer;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.warehouse.Warehouse;

/**
 * enrich over the ingested samples, asking a DNS server on loopback that answers from the sample
 * fixture and counts the questions reaching it: the answers land in dns_answers, and a rerun asks
 * only what it did not know (answers that were unknown), nothing else.
 */
class EnrichJobTest {
    private static final LocalDate FROM = LocalDate.parse("2025-12-31");
    private static final LocalDate TO = LocalDate.parse("2026-11-30");

    @TempDir
    Path directory;

    @Test
    void answersLandInDnsAnswersAndARerunAsksOnlyWhatItDidNotKnow() throws Exception {
        SparkSession spark = SharedSpark.session();
        Warehouse warehouse = new Warehouse(directory.resolve("warehouse").toString());
        IngestJob.run(spark, new IngestJob.Options(List.of(ProjectFiles.resolve("data-samples/logs").toString()), warehouse, null,
                LocalDate.parse("2026-11-26"), ZoneId.of("UTC"), null, ProjectFiles.resolve("data-samples/servers.csv").toString(),
                LocalDate.parse("2026-11-27"), null, InputPlanner.DEFAULT_SPLIT_BYTES), "ingest-run");
        String fixture = Files.readString(ProjectFiles.resolve("data-samples/dns/fixture.zone"), StandardCharsets.UTF_8);

        try (FakeDnsServer server = FakeDnsServer.from(FixtureResolver.fromText(fixture, "fixture.zone"), Duration.ZERO)) {
            ResolverSpec resolver = ResolverSpec.server(server.hostPort(), ResolverSettings.DEFAULT.withTimeout(Duration.ofSeconds(5), 2, Duration.ofMillis(100)));
            EnrichJob.Options options = new EnrichJob.Options(warehouse, FROM, TO, resolver, null, Duration.ofDays(1), 2);

            EnrichJob.Result first = EnrichJob.run(spark, options, "enrich-1");
            assertThat(first.questionsAsked()).isPositive().isEqualTo(server.packets());
            assertThat(first.answersCached()).isZero();
            assertThat(first.questionsFailed()).isZero();
            assertThat(first.brokenZones()).isEmpty();

            Dataset<Row> answers = spark.read().parquet(warehouse.table("dns_answers")).cache();
            assertRow(answers, "192.0.2.10", "dnsbl", "zen.spamhaus.org", "listed");
            assertThat(answers.where(col("subject").equalTo("192.0.2.10").and(col("zone").equalTo("zen.spamhaus.org")))
                    .select("meaning").first().getString(0)).contains("SBL").contains("PBL");
            assertRow(answers, "192.0.2.20", "dnsbl", "bl.spamcop.net", "listed");
            assertRow(answers, "203.0.113.66", "dnsbl", "zen.spamhaus.org", "listed");
            assertRow(answers, "2001:db8:bad::7", "dnsbl", "zen.spamhaus.org", "listed");
            assertRow(answers, "192.0.2.10", "dnsbl", "bl.spamcop.net", "not_listed");
            assertRow(answers, "192.0.2.20", "ptr", null, "fail");
            assertRow(answers, "192.0.2.10", "fcrdns", null, "pass");
            assertRow(answers, "203.0.113.44", "ptr_generic", null, "fail");
            assertRow(answers, "out3", "helo_fqdn", null, "fail");
            assertRow(answers, "mail.nonexistent.example", "helo_resolves", null, "fail");
            assertRow(answers, "邮件服务器", "helo_syntax", null, "fail");
            assertRow(answers, "example.com", "dmarc", null, "pass");
            assertRow(answers, "bulk.example.org", "dnsbl", "dbl.spamhaus.org", "listed");
            assertRow(answers, "203.0.113.23", "dnsbl", "all.s5h.net", "unknown");
            assertRow(answers, "203.0.113.23", "fcrdns", null, "fail");
            assertThat(answers.where(col("check").equalTo("dnsbl_self_test")).count()).isPositive();
            long unknownDnsbl = answers.where(col("outcome").equalTo("unknown").and(col("check").equalTo("dnsbl"))).count();
            long unknownOther = answers.where(col("outcome").equalTo("unknown").and(col("check").notEqual("dnsbl"))).count();
            long zonesWithUnknowns = answers.where(col("outcome").equalTo("unknown").and(col("check").equalTo("dnsbl")))
                    .select("zone").distinct().count();
            assertThat(unknownDnsbl).isEqualTo(1);
            assertThat(unknownOther).isZero();
            answers.unpersist();

            long packetsBefore = server.packets();
            EnrichJob.Result second = EnrichJob.run(spark, options, "enrich-2");
            // Only the unknown answer is asked again, after its zone's self-test (two questions).
            long expected = unknownDnsbl + 2 * zonesWithUnknowns;
            assertThat(server.packets() - packetsBefore).isEqualTo(expected);
            assertThat(second.questionsAsked()).isEqualTo(expected);
            assertThat(second.answersCached()).isPositive();

            Dataset<Row> runs = spark.read().parquet(warehouse.table("runs")).where(col("command").equalTo("enrich"));
            Row run = runs.where(col("run_id").equalTo("enrich-2")).select("dns_questions_asked", "dns_answers_cached", "dns_questions_failed").first();
            assertThat(List.of(run.getLong(0), run.getLong(1), run.getLong(2))).containsExactly(expected, second.answersCached(), 0L);

            long packetsBeforeFresh = server.packets();
            EnrichJob.Result fresh = EnrichJob.run(spark, new EnrichJob.Options(warehouse, FROM, TO, resolver, null, Duration.ZERO, 2), "enrich-3");
            assertThat(fresh.answersCached()).isZero();
            assertThat(server.packets() - packetsBeforeFresh).isEqualTo(first.questionsAsked());
        }
    }

    private static void assertRow(Dataset<Row> answers, String subject, String check, String zone, String outcome) {
        Dataset<Row> rows = answers.where(col("subject").equalTo(subject).and(col("check").equalTo(check))
                .and(zone == null ? col("zone").isNull() : col("zone").equalTo(zone)));
        assertThat(rows.select("outcome").distinct().collectAsList()).as("%s %s %s", subject, check, zone)
                .extracting(row -> row.getString(0)).containsExactly(outcome);
    }
}
