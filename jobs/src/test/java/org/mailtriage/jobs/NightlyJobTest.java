package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.cli.ExitCodes;
import org.mailtriage.cli.Main;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.warehouse.DateLock;
import org.mailtriage.warehouse.Warehouse;

/**
 * nightly end to end on the sample logs, through the CLI: exit codes, the summary, a rerun (two at
 * once) that yields the same rows, other days untouched, and a rerun on changed input that leaves
 * no stale rows for the day.
 */
class NightlyJobTest {
    private static final String DAY = "2026-11-26";
    private static final String OTHER_DAY = "2026-11-25";
    private static final List<String> DAY_PARTITIONS = List.of("events/event_date=" + DAY, "server_remediation/report_date=" + DAY,
            "delisting_requests/report_date=" + DAY, "failure_summary/report_date=" + DAY);
    private static final List<String> OTHER_PARTITIONS = List.of("events/event_date=" + OTHER_DAY,
            "server_remediation/report_date=" + OTHER_DAY, "delisting_requests/report_date=" + OTHER_DAY,
            "failure_summary/report_date=" + OTHER_DAY);

    @TempDir
    static Path folder;
    private static String warehouse;
    private static String input;
    private static String servers;
    private static int firstDayExit;
    private static int dayExit;
    private static String daySummary;
    private static Map<String, List<Row>> dayRows;
    private static Map<String, List<String>> otherFiles;
    private static List<NightlyJob.Result> concurrent;
    private static Map<String, List<Row>> dayRowsAfterRerun;
    private static Map<String, List<String>> otherFilesAfterRerun;

    @BeforeAll
    static void runNights() throws Exception {
        SharedSpark.session();
        Path logs = folder.resolve("logs");
        Files.createDirectories(logs);
        Files.copy(ProjectFiles.resolve("data-samples/logs/mail.log"), logs.resolve("mail.log"));
        warehouse = folder.resolve("warehouse").toUri().toString();
        input = logs.toUri().toString();
        servers = ProjectFiles.resolve("data-samples/servers.csv").toString();

        String fixture = ProjectFiles.resolve("data-samples/dns/fixture.zone").toString();
        firstDayExit = Main.execute("nightly", "--date", OTHER_DAY, "--input", input, "--servers", servers, "--warehouse", warehouse,
                "--fail-on-new-listing", "--dns-fixture", fixture);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            dayExit = Main.execute("nightly", "--date", DAY, "--input", input, "--servers", servers, "--warehouse", warehouse,
                    "--fail-on-new-listing", "--dns-fixture", fixture);
        } finally {
            System.setOut(original);
        }
        daySummary = captured.toString(StandardCharsets.UTF_8);
        dayRows = rows(DAY_PARTITIONS);
        otherFiles = files(OTHER_PARTITIONS);

        // Two reruns of the same day at once: the second waits for the first's lock, then replaces the day again.
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<NightlyJob.Result>> runs = new ArrayList<>();
            for (int index = 0; index < 2; index++) {
                String runId = "concurrent-" + index;
                runs.add(executor.submit(() -> NightlyJob.run(SharedSpark.session(), options(input, 600), runId)));
            }
            concurrent = new ArrayList<>();
            for (Future<NightlyJob.Result> run : runs) {
                concurrent.add(run.get(15, TimeUnit.MINUTES));
            }
        } finally {
            executor.shutdownNow();
        }
        dayRowsAfterRerun = rows(DAY_PARTITIONS);
        otherFilesAfterRerun = files(OTHER_PARTITIONS);
    }

    @Test
    void exitCodesTellASchedulerWhatHappened() {
        assertThat(firstDayExit).as("first report: every listing is new").isEqualTo(ExitCodes.ALERT);
        assertThat(dayExit).as("same lists as the day before").isEqualTo(ExitCodes.OK);
        assertThat(Main.execute("nightly", "--date", DAY, "--input", folder.resolve("missing").toUri().toString(), "--warehouse", warehouse))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Main.execute("nightly", "--date", "2026-02-30", "--input", input, "--warehouse", warehouse)).isEqualTo(ExitCodes.BAD_INPUT);
        try (DateLock held = DateLock.acquire(SharedSpark.session().sparkContext().hadoopConfiguration(), new Warehouse(warehouse),
                LocalDate.parse(DAY), "test", 0)) {
            assertThat(Main.execute("nightly", "--date", DAY, "--input", input, "--warehouse", warehouse)).isEqualTo(ExitCodes.FAILURE);
            assertThat(Main.execute("report", "--date", DAY, "--warehouse", warehouse)).isEqualTo(ExitCodes.FAILURE);
        }
        assertThat(Main.execute("report", "--date", DAY, "--warehouse", folder.resolve("empty-warehouse").toUri().toString()))
                .as("nothing to report").isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void summarySaysWhatToFixInAMailAdminsWords() {
        assertThat(daySummary)
                .contains("nightly " + DAY)
                .contains(countLines() + " lines read = ")
                .contains("  192.0.2.10 (out1.example.com): critical\n")
                .contains("    needs delisting from outlook s3150, zen.spamhaus.org (SBL: ")
                .contains(" refusals since 2026-11-26 01:")
                .contains("  192.0.2.20 (out2.example.com): critical\n")
                .contains("    needs delisting from bl.spamcop.net (SpamCop: ")
                .contains("    needs a PTR record: ")
                .contains("New listings since the previous report (" + OTHER_DAY + "): none.")
                .contains("DNS: ")
                .contains("subjects checked; ");
        // Short lines: a terminal, a cron mail or an Airflow log shows them unbroken.
        assertThat(daySummary.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
    }

    @Test
    void rerunsAtOnceYieldTheSameRowsAndLeaveOtherDaysAlone() {
        assertThat(concurrent).hasSize(2).allSatisfy(result -> assertThat(result.report().servers()).isEqualTo(dayRows.get(
                "server_remediation/report_date=" + DAY).size()));
        for (String partition : DAY_PARTITIONS) {
            assertThat(dayRows.get(partition)).as(partition).isNotEmpty();
            assertThat(dayRowsAfterRerun.get(partition)).as(partition).containsExactlyInAnyOrderElementsOf(dayRows.get(partition));
        }
        assertThat(otherFilesAfterRerun).isEqualTo(otherFiles);
        assertThat(otherFiles.values()).allSatisfy(list -> assertThat(list).isNotEmpty());
        assertThat(folder.resolve("warehouse/_locks/" + DAY + ".lock")).doesNotExist();
    }

    @Test
    void rerunOnInputWithoutTheDayLeavesNoStaleRows() throws IOException {
        Path otherLogs = folder.resolve("other-logs");
        Files.createDirectories(otherLogs);
        Files.copy(ProjectFiles.resolve("data-samples/logs/maillog-20260101.gz"), otherLogs.resolve("maillog-20260101.gz"));
        NightlyJob.Result result = NightlyJob.run(SharedSpark.session(), options(otherLogs.toUri().toString(), 600), "stale-check");
        assertThat(result.report().events()).isZero();
        // No events are left for the day; what remains is only what DNS shows (a listed server with no bounce yet).
        assertThat(folder.resolve("warehouse/events/event_date=" + DAY)).doesNotExist();
        assertThat(folder.resolve("warehouse/failure_summary/report_date=" + DAY)).doesNotExist();
        Path remediation = folder.resolve("warehouse/server_remediation/report_date=" + DAY);
        if (Files.exists(remediation)) {
            assertThat(SharedSpark.session().read().parquet(remediation.toString()).collectAsList())
                    .allSatisfy(row -> assertThat(row.<Long>getAs("failures")).isZero());
        }
        assertThat(files(OTHER_PARTITIONS)).isEqualTo(otherFiles);
    }

    private static NightlyJob.Options options(String inputPath, long lockWait) {
        return new NightlyJob.Options(List.of(inputPath), new Warehouse(warehouse), LocalDate.parse(DAY), servers, null, null, null,
                ZoneOffset.UTC, InputPlanner.DEFAULT_SPLIT_BYTES, ReportJob.DEFAULT_DNS_WINDOW_DAYS, lockWait,
                NightlyJob.EnrichOptions.skip());
    }

    private static long countLines() {
        try (Stream<String> lines = Files.lines(ProjectFiles.resolve("data-samples/logs/mail.log"))) {
            return lines.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, List<Row>> rows(List<String> partitions) {
        Map<String, List<Row>> rows = new TreeMap<>();
        for (String partition : partitions) {
            rows.put(partition, SharedSpark.session().read().parquet(warehouse + "/" + partition).collectAsList());
        }
        return rows;
    }

    /** File names and modification times: a partition that was not rewritten keeps both. */
    private static Map<String, List<String>> files(List<String> partitions) {
        Map<String, List<String>> files = new TreeMap<>();
        for (String partition : partitions) {
            Path folderPath = folder.resolve("warehouse").resolve(partition);
            try (Stream<Path> listing = Files.list(folderPath)) {
                files.put(partition, listing.map(file -> {
                    try {
                        return file.getFileName() + "@" + Files.getLastModifiedTime(file).toMillis();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }).sorted().toList());
            } catch (IOException e) {
                throw new AssertionError("cannot list " + folderPath, e);
            }
        }
        return files;
    }
}
