package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.PausingListener;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.ReportFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.testing.SparkDistribution;

/**
 * kill -9 of a real nightly run (spark-submit on local[2], the shaded jar) at chosen points, on a
 * warehouse that already holds a complete run of the date. The run is stopped at each point by
 * {@link PausingListener} ({@code MAILTRIAGE_PAUSE_AT}; spark-submit gets it with {@code --jars}), and
 * killed once its log says it is there. After each
 * kill the date's partitions, read by Spark and by parquet-hadoop alone, hold exactly the rows of the
 * complete run (a partition in the middle of its swap may be absent, never partial; the times DNS
 * questions were asked are left out, as "unknown" answers are asked again by every run), and the next run
 * gets past the dead run's lock and leftovers; the last run completes with the same rows.
 */
class CrashSafetyIT {
    private static final String DATE = "2026-11-26";
    private static final List<String> TABLES = List.of("events", "failure_summary", "server_remediation", "delisting_requests");

    @TempDir
    Path folder;

    private record KillPoint(String pauseAt, String stage, String swapping) {
    }

    @Test
    void killedNightlyRunsLeaveTheLastCompleteReportAndTheNextRunCompletes() throws Exception {
        SparkDistribution.requireBuilt();
        Path warehouse = folder.resolve("warehouse");
        Instant started = Instant.now();
        runToTheEnd(warehouse, "complete-1");
        Map<String, List<String>> complete = snapshot(warehouse);
        assertThat(complete.get("delisting_requests")).as("the complete run wrote delisting requests").isNotEmpty();
        assertThat(complete.get("events")).isNotEmpty();
        assertThat(complete.get("server_remediation")).isNotEmpty();

        // In run order: each killed run first has to get past what the previous one left (its lock, staging folders).
        List<KillPoint> points = List.of(
                new KillPoint("staged:events", "ingest: events staged, not yet swapped in", null),
                new KillPoint("dns-task", "DNS enrichment task, answers not yet written", null),
                new KillPoint("staged:server_remediation", "report: failure_summary swapped, server_remediation staged", null),
                new KillPoint("swapping:delisting_requests", "report: old delisting_requests moved aside, new one not yet in",
                        "delisting_requests"));
        List<String> measured = new ArrayList<>();
        for (KillPoint point : points) {
            Instant killStarted = Instant.now();
            Path log = folder.resolve("kill-" + point.pauseAt().replace(':', '-') + ".log");
            Process run = startNightly(warehouse, Map.of(PausingListener.VARIABLE, point.pauseAt()), log);
            try {
                SparkDistribution.awaitLog(run, log, "mailtriage: paused at " + point.pauseAt(), Duration.ofMinutes(8));
                run.destroyForcibly();
                assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
            } finally {
                SparkDistribution.stop(run);
            }
            if (!point.pauseAt().equals("staged:events")) {
                assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("the killed run got past the previous dead run's lock")
                        .contains("took over the lock");
            }
            Map<String, List<String>> afterKill = snapshot(warehouse);
            for (String table : TABLES) {
                if (table.equals(point.swapping()) && afterKill.get(table) == null) {
                    continue;
                }
                assertThat(afterKill.get(table)).as("%s after kill -9 at %s (%s)", table, point.pauseAt(), point.stage())
                        .isEqualTo(complete.get(table));
            }
            assertNoPartialPartitionVisible(warehouse);
            measured.add(point.pauseAt() + " " + Duration.between(killStarted, Instant.now()).toSeconds() + " s");
        }
        Path lastLog = runToTheEnd(warehouse, "complete-2");
        assertThat(Files.readString(lastLog, StandardCharsets.UTF_8)).contains("took over the lock")
                .contains("recovered from an interrupted run: delisting_requests/report_date=" + DATE);
        assertThat(snapshot(warehouse)).as("rows after the final complete run").isEqualTo(complete);
        assertNoPartialPartitionVisible(warehouse);
        assertThat(stagingLeftovers(warehouse)).as("the complete run removed the staging folders of its date").isEmpty();
        System.out.println("CrashSafetyIT: killed at " + measured + "; " + complete.values().stream().mapToInt(List::size).sum()
                + " rows compared per check; total " + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    private Path runToTheEnd(Path warehouse, String name) throws Exception {
        Path log = folder.resolve(name + ".log");
        Process run = startNightly(warehouse, Map.of(), log);
        try {
            assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("nightly finished").isTrue();
            assertThat(run.exitValue()).as(SparkDistribution.tail(log)).isZero();
        } finally {
            SparkDistribution.stop(run);
        }
        return log;
    }

    private static Process startNightly(Path warehouse, Map<String, String> environment, Path log) throws IOException {
        return SparkDistribution.startJava("org.apache.spark.deploy.SparkSubmit", List.of(
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--jars", SparkDistribution.testHooksJar().toString(), "--class", "org.mailtriage.cli.Main", SparkDistribution.submitJar().toString(),
                "nightly", "--date", DATE,
                "--input", ProjectFiles.resolve("data-samples/logs").toUri().toString(),
                "--servers", ProjectFiles.resolve("data-samples/servers.csv").toUri().toString(),
                "--dns-fixture", ProjectFiles.resolve("data-samples/dns/fixture.zone").toUri().toString(),
                "--warehouse", warehouse.toUri().toString()), "1g", environment, log);
    }

    /**
     * Each table's rows for the date, read by Spark and by parquet-hadoop; both readers must agree on
     * the row count. Null when the partition is absent.
     */
    private static Map<String, List<String>> snapshot(Path warehouse) throws IOException {
        SparkSession spark = SharedSpark.session();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            String partitionColumn = table.equals("events") ? "event_date" : "report_date";
            Path partition = warehouse.resolve(table).resolve(partitionColumn + "=" + DATE);
            if (!Files.isDirectory(partition)) {
                rows.put(table, null);
                continue;
            }
            List<String> sparkRows = new ArrayList<>();
            for (String row : spark.read().parquet(warehouse.resolve(table).toUri().toString())
                    .where(partitionColumn + " = DATE'" + DATE + "'").toJSON().collectAsList()) {
                sparkRows.add(ReportFiles.withoutCheckTimes(row));
            }
            sparkRows.sort(null);
            List<Group> parquetRows = ReportFiles.read(partition);
            assertThat(parquetRows).as("%s read without Spark", table).hasSameSizeAs(sparkRows);
            List<String> plain = new ArrayList<>(parquetRows.stream().map(row -> ReportFiles.withoutCheckTimes(row.toString())).sorted().toList());
            List<String> both = new ArrayList<>(sparkRows);
            both.addAll(plain);
            rows.put(table, both);
        }
        return rows;
    }

    /** Only whole partitions and ignored (_-prefixed) folders are visible in each table. */
    private static void assertNoPartialPartitionVisible(Path warehouse) throws IOException {
        for (String table : TABLES) {
            try (var listing = Files.list(warehouse.resolve(table))) {
                for (Path child : listing.toList()) {
                    String name = child.getFileName().toString();
                    assertThat(name.startsWith("_") || name.startsWith(".") || name.contains("="))
                            .as("%s holds only partitions and hidden folders: %s", table, name).isTrue();
                    if (name.contains("=")) {
                        try (var files = Files.list(child)) {
                            assertThat(files.map(file -> file.getFileName().toString()))
                                    .as("no in-flight files in %s", child).noneMatch(file -> file.startsWith("_temporary"));
                        }
                    }
                }
            }
        }
    }

    private static List<Path> stagingLeftovers(Path warehouse) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        List<String> tables = new ArrayList<>(TABLES);
        tables.add("dns_answers");
        for (String table : tables) {
            try (var listing = Files.list(warehouse.resolve(table))) {
                listing.filter(child -> child.getFileName().toString().matches("_(staging|replaced)-" + DATE + "-.*"))
                        .forEach(leftovers::add);
            }
        }
        return leftovers;
    }
}
