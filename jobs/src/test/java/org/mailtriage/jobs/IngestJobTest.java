package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.warehouse.BadInputException;
import org.mailtriage.warehouse.DateLock;
import org.mailtriage.warehouse.Warehouse;

/** The ingest job end to end on data-samples/, read back with Spark. */
class IngestJobTest {
    @TempDir
    Path temp;

    @Test
    void ingestsTheSampleLogsIntoDatePartitionsWithBalancedCounts() {
        SparkSession spark = SharedSpark.session();
        Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toUri().toString());
        IngestJob.Result result = IngestJob.run(spark, options(warehouse, List.of(ProjectFiles.resolve("data-samples/logs").toString()), 256 * 1024),
                "run-1");

        assertThat(result.counts().balanced()).isTrue();
        assertThat(result.filesRead()).isEqualTo(regularFiles(ProjectFiles.resolve("data-samples/logs")));
        assertThat(result.unrecognised()).isEmpty();
        Dataset<Row> events = spark.read().parquet(warehouse.table("events"));
        assertThat(events.count()).isEqualTo(result.counts().events());
        // The rotated gzip file spans New Year: its name's date puts December in the previous year.
        List<String> dates = events.select("event_date").distinct().orderBy("event_date").as(org.apache.spark.sql.Encoders.DATE())
                .collectAsList().stream().map(Object::toString).toList();
        assertThat(dates).containsExactly("2025-12-31", "2026-01-01", "2026-11-25", "2026-11-26");
        // Every guide row shows up in both directions somewhere in the samples.
        List<Row> rules = events.groupBy("direction", "guide_rule").count().where("guide_rule is not null").collectAsList();
        assertThat(rules).extracting(row -> row.getString(0) + "/" + row.getString(1)).contains(
                "outbound/blocklisted", "outbound/no_ptr", "outbound/helo_host_not_found", "outbound/helo_not_fqdn",
                "inbound/blocklisted", "inbound/no_ptr", "inbound/helo_host_not_found", "inbound/helo_not_fqdn",
                "inbound/helo_invalid_name", "inbound/dynamic_ip");
        // Our own IP is filled in for outbound lines whose reply does not quote it (servers.csv). Only lines that
        // name their host can be looked up: Exim's own mainlog and qmail's multilog lines name none.
        assertThat(events.where("direction = 'outbound' and sending_ip is null and source_format = 'postfix'").count()).isZero();

        Dataset<Row> quarantine = spark.read().parquet(warehouse.table("quarantine"));
        assertThat(quarantine.count()).isEqualTo(result.counts().linesQuarantined()).isPositive();
        Row run = spark.read().parquet(warehouse.table("runs")).where("run_id = 'run-1'").first();
        assertThat(run.<Long>getAs("lines_read")).isEqualTo(run.<Long>getAs("lines_with_events") + run.<Long>getAs("lines_ignored")
                + run.<Long>getAs("lines_quarantined"));
        assertThat(run.<Boolean>getAs("counts_balance")).isTrue();
        assertThat(run.<String>getAs("outcome")).isEqualTo("success");
    }

    @Test
    void aRerunReplacesTheDatesItWritesAndLeavesOthersAlone() throws IOException {
        SparkSession spark = SharedSpark.session();
        Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toString());
        Path logs = ProjectFiles.resolve("data-samples/logs");
        IngestJob.run(spark, options(warehouse, List.of(logs.toString()), 64L << 20), "first");
        long before = spark.read().parquet(warehouse.table("events")).count();
        // Ingest only the rotated file again: its two dates are replaced (same rows), November untouched.
        IngestJob.run(spark, options(warehouse, List.of(logs.resolve("maillog-20260101.gz").toString()), 64L << 20), "second");
        Dataset<Row> after = spark.read().parquet(warehouse.table("events"));
        assertThat(after.count()).isEqualTo(before);
        assertThat(after.select("event_id").distinct().count()).isEqualTo(before);
        assertThat(spark.read().parquet(warehouse.table("runs")).count()).isEqualTo(2);
        try (var files = Files.list(temp.resolve("warehouse/events"))) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("event_date="))).hasSize(4);
        }
    }

    @Test
    void aMissingInputIsBadInputNotACrash() {
        Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toString());
        assertThatThrownBy(() -> IngestJob.run(SharedSpark.session(), options(warehouse, List.of(temp.resolve("nope.log").toString()), 1 << 20), "x"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("input not found");
    }

    @Test
    void anUnrecognisedFileIsReportedAndNotRead() throws IOException {
        Path input = Files.createDirectories(temp.resolve("in"));
        Files.writeString(input.resolve("notes.txt"), "just some notes\nnothing to see\n");
        Files.copy(ProjectFiles.resolve("data-samples/logs/maillog-20260101.gz"), input.resolve("maillog-20260101.gz"));
        Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toString());
        IngestJob.Result result = IngestJob.run(SharedSpark.session(), options(warehouse, List.of(input.toString()), 1 << 20), "x");
        assertThat(result.unrecognised()).singleElement().asString().endsWith("notes.txt");
        assertThat(result.counts().linesRead()).isEqualTo(6);
        Row run = SharedSpark.session().read().parquet(warehouse.table("runs")).first();
        assertThat(run.<Long>getAs("files_unrecognised")).isEqualTo(1);
        assertThat(run.<String>getAs("message")).contains("notes.txt");
    }

    private static long regularFiles(Path directory) {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runsOfOtherInputsOnTheSameDayKeepEachOthersQuarantineAndARerunReplacesItsOwn() throws IOException {
        SparkSession spark = SharedSpark.session();
        Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toString());
        Path samples = ProjectFiles.resolve("data-samples/logs");
        Path other = temp.resolve("other.log");
        // A line past the line limit is quarantined.
        Files.writeString(other, "Nov 27 10:00:00 mx1 postfix/smtp[1]: " + "x".repeat(70_000) + "\n");

        IngestJob.Result first = IngestJob.run(spark, options(warehouse, List.of(samples.toString()), 64L << 20), "first");
        IngestJob.run(spark, options(warehouse, List.of(other.toString()), 64L << 20), "second");
        IngestJob.run(spark, options(warehouse, List.of(samples.toString()), 64L << 20), "third");

        Dataset<Row> quarantine = spark.read().parquet(warehouse.table("quarantine"));
        long fromSamples = first.counts().linesQuarantined();
        assertThat(fromSamples).isPositive();
        assertThat(quarantine.where("run_id = 'second'").count()).isEqualTo(1);
        assertThat(quarantine.where("run_id = 'first'").count()).isZero();
        assertThat(quarantine.where("run_id = 'third'").count()).isEqualTo(fromSamples);
        assertThat(quarantine.count()).isEqualTo(fromSamples + 1);
    }

    @Test
    void anIngestDoesNotReplaceADateWhileANightlyOfThatDateHoldsItsLock() {
        SparkSession spark = SharedSpark.session();
        Warehouse warehouse = new Warehouse(temp.resolve("warehouse").toString());
        List<String> samples = List.of(ProjectFiles.resolve("data-samples/logs").toString());
        var hadoop = spark.sparkContext().hadoopConfiguration();
        try (DateLock nightly = DateLock.acquire(hadoop, warehouse, LocalDate.of(2026, 11, 26), "nightly", 0)) {
            assertThatThrownBy(() -> IngestJob.run(spark, options(warehouse, samples, 64L << 20), "blocked"))
                    .isInstanceOf(DateLock.LockedException.class).hasMessageContaining("2026-11-26");
        }
        assertThat(Files.exists(temp.resolve("warehouse/events/event_date=2026-11-25"))).as("nothing swapped in").isFalse();
        // The dates it took before the held one were released: the same run goes through now.
        IngestJob.Result result = IngestJob.run(spark, options(warehouse, samples, 64L << 20), "after");
        assertThat(spark.read().parquet(warehouse.table("events")).count()).isEqualTo(result.counts().events());
        assertThat(Files.exists(temp.resolve("warehouse/_locks/2026-11-25.lock"))).isFalse();
    }

    private static IngestJob.Options options(Warehouse warehouse, List<String> inputs, long splitBytes) {
        return new IngestJob.Options(inputs, warehouse, null, null, ZoneOffset.UTC, null,
                ProjectFiles.resolve("data-samples/servers.csv").toString(), LocalDate.of(2026, 11, 27), null, splitBytes);
    }
}
