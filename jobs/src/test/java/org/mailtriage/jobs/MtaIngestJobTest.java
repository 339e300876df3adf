package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.model.SourceFormat;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.warehouse.Warehouse;

/**
 * The ingest job on the MTA samples: one run per format, whose runs row must balance and count every line,
 * then one run over a directory holding every format at once plus a file of no known format.
 */
class MtaIngestJobTest {
    private static final Map<SourceFormat, List<String>> SAMPLES = Map.of(
            SourceFormat.EXIM, List.of("exim-mainlog-20261126", "exim-syslog-20261126"),
            SourceFormat.SENDMAIL, List.of("sendmail-maillog-20261126"),
            SourceFormat.OPENSMTPD, List.of("opensmtpd-20261126.log"),
            SourceFormat.EXCHANGE, List.of("exchange/MSGTRK2026112601-1.LOG", "exchange/MSGTRK20261126-1.LOG"),
            SourceFormat.COURIER, List.of("courier-maillog-20261126"),
            SourceFormat.QMAIL, List.of("qmail/current", "qmail-maillog-20261126"));

    @TempDir
    Path temporary;

    @Test
    void eachFormatsRunBalancesAndTheMixedDirectoryReadsThemAllPerFile() throws IOException {
        SparkSession spark = SharedSpark.session();
        Map<SourceFormat, Long> eventsPerFormat = new HashMap<>();
        for (Map.Entry<SourceFormat, List<String>> sample : SAMPLES.entrySet()) {
            List<String> inputs = sample.getValue().stream().map(name -> logs().resolve(name).toString()).toList();
            Warehouse warehouse = new Warehouse(temporary.resolve("warehouse-" + sample.getKey().label()).toString());
            IngestJob.Result result = IngestJob.run(spark, options(inputs, warehouse, 4096), "run-" + sample.getKey().label());

            Row run = spark.read().parquet(warehouse.table("runs")).collectAsList().get(0);
            long physicalLines = 0;
            for (String name : sample.getValue()) {
                physicalLines += lines(logs().resolve(name));
            }
            String format = sample.getKey().label();
            assertThat(run.<Boolean>getAs("counts_balance")).as(format).isTrue();
            assertThat(run.<String>getAs("outcome")).as(format).isEqualTo("success");
            assertThat(run.<Long>getAs("lines_read")).as(format).isEqualTo(physicalLines);
            assertThat(run.<Long>getAs("lines_with_events") + run.<Long>getAs("lines_ignored") + run.<Long>getAs("lines_quarantined"))
                    .as(format).isEqualTo(physicalLines);
            assertThat(run.<Long>getAs("lines_quarantined")).as(format).isZero();
            assertThat(run.<Long>getAs("files_unrecognised")).as(format).isZero();
            long events = spark.read().parquet(warehouse.table("events")).where("source_format = '" + format + "'").count();
            assertThat(events).as(format).isPositive().isEqualTo(run.<Long>getAs("events_written")).isEqualTo(result.counts().events());
            eventsPerFormat.put(sample.getKey(), events);
        }

        Path mixed = temporary.resolve("mixed");
        Files.createDirectories(mixed.resolve("exchange"));
        Files.createDirectories(mixed.resolve("qmail"));
        try (Stream<Path> files = Files.walk(logs())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, mixed.resolve(logs().relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(mixed.resolve("notes.txt"), "Things to do:\n- rotate logs\n- renew certificates\n");
        Warehouse warehouse = new Warehouse(temporary.resolve("warehouse-mixed").toString());
        IngestJob.Result result = IngestJob.run(spark, options(List.of(mixed.toString()), warehouse, 4096), "run-mixed");

        assertThat(result.unrecognised()).singleElement().satisfies(path -> assertThat(path).endsWith("notes.txt"));
        Row run = spark.read().parquet(warehouse.table("runs")).collectAsList().get(0);
        assertThat(run.<Boolean>getAs("counts_balance")).isTrue();
        assertThat(run.<Long>getAs("files_unrecognised")).isEqualTo(1);
        assertThat(run.<String>getAs("message")).contains("notes.txt");
        long allLines = 0;
        try (Stream<Path> files = Files.walk(logs())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                allLines += lines(file);
            }
        }
        assertThat(run.<Long>getAs("lines_read")).isEqualTo(allLines);
        Map<String, Long> mixedEvents = new HashMap<>();
        spark.read().parquet(warehouse.table("events")).groupBy("source_format").count().collectAsList()
                .forEach(row -> mixedEvents.put(row.getString(0), row.getLong(1)));
        assertThat(mixedEvents).containsKey(SourceFormat.POSTFIX.label());
        eventsPerFormat.forEach((format, count) -> assertThat(mixedEvents.get(format.label())).as(format.label()).isEqualTo(count));
    }

    private static IngestJob.Options options(List<String> inputs, Warehouse warehouse, long splitBytes) {
        return new IngestJob.Options(inputs, warehouse, null, null, ZoneOffset.UTC, null,
                ProjectFiles.resolve("data-samples/servers.csv").toString(), LocalDate.of(2026, 11, 27), null, splitBytes);
    }

    private static Path logs() {
        return ProjectFiles.resolve("data-samples/logs");
    }

    /** Physical lines of a file, decompressing .gz ones; a last line without a newline counts. */
    private static long lines(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        }
        long lines = 0;
        for (byte value : bytes) {
            if (value == '\n') {
                lines++;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? lines + 1 : lines;
    }
}
