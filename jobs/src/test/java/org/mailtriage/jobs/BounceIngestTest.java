package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.warehouse.Warehouse;

/** data-samples/bounces through the ingest job: events per failed recipient, non-bounces counted, counts balanced. */
class BounceIngestTest {
    @TempDir
    Path warehouse;

    @Test
    void ingestsTheBounceSamples() {
        SparkSession spark = SharedSpark.session();
        // Small splits, so the mbox is read by several tasks that must neither lose nor repeat an email.
        IngestJob.Options options = new IngestJob.Options(List.of(ProjectFiles.resolve("data-samples/bounces").toString()),
                new Warehouse(warehouse.toString()), null, null, ZoneOffset.UTC, null, null, LocalDate.of(2026, 11, 27), null, 2048);
        IngestJob.Result result = IngestJob.run(spark, options, "bounce-test");

        InputCounts counts = result.counts();
        assertThat(result.unrecognised()).isEmpty();
        assertThat(counts.balanced()).isTrue();
        // 6 guide DSNs + GBK + gz + 4 in the mbox + 2 in the Maildir (tmp/ is not read).
        assertThat(counts.emailsRead()).isEqualTo(14);
        assertThat(counts.emailsNotBounces()).isEqualTo(2);
        assertThat(counts.emailsQuarantined()).isZero();
        assertThat(counts.emailsWithEvents()).isEqualTo(12);
        assertThat(counts.events()).isEqualTo(12);

        Dataset<Row> events = spark.read().parquet(warehouse.resolve("events").toString());
        assertThat(events.count()).isEqualTo(12);
        Map<String, String> guideRuleByRecipient = events.collectAsList().stream()
                .filter(row -> row.getAs("guide_rule") != null)
                .collect(Collectors.toMap(row -> row.getAs("recipient"), row -> row.getAs("guide_rule"), (left, right) -> left + "," + right));
        assertThat(guideRuleByRecipient).containsEntry("alice@example.net", "blocklisted")
                .containsEntry("bob@example.org", "no_ptr")
                .containsEntry("carol@mail.example", "helo_host_not_found")
                .containsEntry("dave@example.edu", "helo_not_fqdn")
                .containsEntry("erin@mail.test", "helo_invalid_name")
                .containsEntry("frank@example.net", "dynamic_ip")
                .containsEntry("grace@mail.example", "blocklisted")
                // The Sendmail bounce sits both in the mbox and in the Maildir: two events, one per copy.
                .containsEntry("judy@example.net", "blocklisted,blocklisted");
        Row blocklisted = events.where("recipient = 'alice@example.net'").first();
        assertThat((String) blocklisted.getAs("sending_ip")).isEqualTo("192.0.2.10");
        assertThat((String) blocklisted.getAs("helo_name")).isEqualTo("out1.example.com");
        assertThat((String) blocklisted.getAs("source_format")).isEqualTo("eml");
        assertThat((String) blocklisted.getAs("blocklist")).isEqualTo("zen.spamhaus.org");
        assertThat(events.where("source_format = 'mbox'").count()).isEqualTo(3);
        assertThat(events.where("source_format = 'maildir'").count()).isEqualTo(1);
        assertThat(events.select("event_id").distinct().count()).isEqualTo(12);

        Row run = spark.read().parquet(warehouse.resolve("runs").toString()).first();
        assertThat((Boolean) run.getAs("counts_balance")).isTrue();
    }
}
