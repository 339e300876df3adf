package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.report.InertText;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.warehouse.Schemas;
import org.mailtriage.warehouse.Warehouse;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The report job on the sample logs plus hand-made DNS answers, in a warehouse given as a file://
 * URI. One setup runs ingest and the reports; the tests read what they wrote.
 */
class ReportJobTest {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-11-25");
    private static final LocalDate REPORT_DAY = LocalDate.parse("2026-11-26");
    private static final Instant ASKED = Instant.parse("2026-11-27T01:00:00Z");
    private static final String HOSTILE_TXT = "=HYPERLINK(\"evil\") <script>alert(1)</script>"
            + " https://check.spamhaus.org/sbl/query/SBL123";

    @TempDir
    static Path folder;
    private static Warehouse warehouse;
    private static ReportJob.Result withoutDns;
    private static ReportJob.Result report;
    private static ReportJob.Result rerun;
    private static List<Row> firstRun;
    private static List<Row> firstDayBefore;

    @BeforeAll
    static void runReports() throws IOException {
        SparkSession spark = SharedSpark.session();
        warehouse = new Warehouse(folder.resolve("warehouse").toUri().toString());
        assertThat(warehouse.root()).startsWith("file:");
        String servers = ProjectFiles.resolve("data-samples/servers.csv").toUri().toString();
        IngestJob.run(spark, new IngestJob.Options(List.of(ProjectFiles.resolve("data-samples/logs").toUri().toString()), warehouse, null,
                null, ZoneOffset.UTC, null, servers, REPORT_DAY, null, InputPlanner.DEFAULT_SPLIT_BYTES), "ingest-for-report-test");

        // No dns_answers table yet: the report must still come out, from the events alone.
        withoutDns = ReportJob.run(spark, new ReportJob.Options(warehouse, FIRST_DAY, servers, ReportJob.DEFAULT_DNS_WINDOW_DAYS));
        firstDayBefore = read("server_remediation", FIRST_DAY);

        writeDnsAnswers(spark);
        report = ReportJob.run(spark, new ReportJob.Options(warehouse, REPORT_DAY, servers, ReportJob.DEFAULT_DNS_WINDOW_DAYS));
        firstRun = read("delisting_requests", REPORT_DAY);
        rerun = ReportJob.run(spark, new ReportJob.Options(warehouse, REPORT_DAY, servers, ReportJob.DEFAULT_DNS_WINDOW_DAYS));
    }

    @Test
    void missingDnsAnswersStillReportsWhatTheEventsShow() {
        assertThat(withoutDns.dnsAnswersFound()).isFalse();
        assertThat(withoutDns.servers()).isPositive();
        assertThat(withoutDns.ourServers()).extracting(server -> server.ip()).contains("192.0.2.10", "192.0.2.20", "2001:db8:10::25");
        Row ours = find(firstDayBefore, "192.0.2.10");
        assertThat(ours.<String>getAs("ptr_state")).isEqualTo("not_checked");
        assertThat(ours.<Integer>getAs("dnsbl_zones_checked")).isZero();
        assertThat(ours.<String>getAs("severity")).isEqualTo("critical");
    }

    @Test
    void listedServerWithoutBouncesIsReported() {
        Row quiet = find(read("server_remediation", REPORT_DAY), "192.0.2.21");
        assertThat(quiet.<String>getAs("role")).isEqualTo("our_server");
        assertThat(quiet.<String>getAs("server_name")).isEqualTo("out2.example.com");
        assertThat(quiet.<Long>getAs("failures")).isZero();
        assertThat(quiet.<String>getAs("severity")).isEqualTo("high");
        assertThat(quiet.<Boolean>getAs("new_since_previous")).isTrue();
        Row action = quiet.<Row>getList(quiet.fieldIndex("actions")).get(0);
        assertThat(action.<String>getAs("remedy")).isEqualTo("request_delisting");
        assertThat(action.<String>getAs("guide_section")).isEqualTo("§5.6 / opening bounce");
        assertThat(action.getList(action.fieldIndex("evidence_event_ids"))).isEmpty();
        assertThat(action.<String>getList(action.fieldIndex("evidence_dns")).get(0)).startsWith("bl.spamcop.net listed 127.0.0.2");
    }

    @Test
    void everyActionNamesRemedySectionAndEvidence() {
        List<Row> servers = read("server_remediation", REPORT_DAY);
        assertThat(servers).hasSize((int) report.servers());
        for (Row server : servers) {
            for (Row action : server.<Row>getList(server.fieldIndex("actions"))) {
                assertThat(action.<String>getAs("remedy")).isNotBlank();
                assertThat(action.<String>getAs("guide_section")).startsWith("§");
                assertThat(action.<String>getAs("remedy_description")).isNotBlank();
                assertThat(action.getList(action.fieldIndex("evidence_event_ids")).size()
                        + action.getList(action.fieldIndex("evidence_dns")).size()).as("evidence of %s", server.<String>getAs("ip")).isPositive();
            }
        }
        Row out2 = find(servers, "192.0.2.20");
        assertThat(out2.<String>getAs("ptr_state")).isEqualTo("missing");
        Row setPtr = out2.<Row>getList(out2.fieldIndex("actions")).stream()
                .filter(action -> action.<String>getAs("remedy").equals("set_ptr")).findFirst().orElseThrow();
        // Six bounces and deferrals, and one next-MX refusal ("host … said: 450 … cannot find your hostname" with no status=).
        assertThat(setPtr.getList(setPtr.fieldIndex("evidence_event_ids"))).hasSize(7);
        assertThat(setPtr.<String>getList(setPtr.fieldIndex("evidence_dns")).get(0)).startsWith("ptr 192.0.2.20 fail");
        Row out3 = find(servers, "2001:db8:10::25");
        assertThat(out3.<String>getAs("helo_state")).isEqualTo("not_fqdn");
        assertThat(out3.<String>getAs("server_name")).isEqualTo("out3.example.com");
        Row out1 = find(servers, "192.0.2.10");
        assertThat(out1.<Boolean>getAs("new_since_previous")).as("same lists and remedies as on %s", FIRST_DAY).isFalse();
        assertThat(out1.<Date>getAs("previous_report_date")).isEqualTo(Date.valueOf(FIRST_DAY));
        Row listing = out1.<Row>getList(out1.fieldIndex("dnsbl_listings")).get(0);
        assertThat(listing.<String>getAs("zone")).isEqualTo("zen.spamhaus.org");
        assertThat(listing.<String>getAs("meaning")).isEqualTo("SBL");
        assertThat(listing.<String>getAs("txt")).startsWith("'=HYPERLINK").doesNotContain("<").doesNotContain(">");
        assertThat(listing.<String>getAs("removal_url")).isEqualTo("https://check.spamhaus.org/sbl/query/SBL123");
        assertThat(out1.<Integer>getAs("dnsbl_zones_checked")).as("the stale October answer is outside the window").isEqualTo(2);
        // Severity ranks: critical servers of ours come first in the file.
        assertThat(servers.get(0).<String>getAs("severity")).isEqualTo("critical");
    }

    @Test
    void delistingRequestsCarryTheEvidence() {
        List<Row> requests = read("delisting_requests", REPORT_DAY);
        Map<String, Row> byKey = new HashMap<>();
        requests.forEach(row -> byKey.put(row.<String>getAs("ip") + " " + row.<String>getAs("list"), row));
        assertThat(byKey).containsKeys("192.0.2.10 zen.spamhaus.org", "192.0.2.10 outlook s3150", "192.0.2.20 bl.spamcop.net",
                "192.0.2.21 bl.spamcop.net");
        Row zen = byKey.get("192.0.2.10 zen.spamhaus.org");
        assertThat(zen.<String>getAs("list_source")).isEqualTo("bounce_and_dns");
        assertThat(zen.<String>getAs("list_outcome")).isEqualTo("listed");
        assertThat(zen.<Long>getAs("bounce_count")).isEqualTo(6);
        assertThat(zen.getList(zen.fieldIndex("sample_bounces"))).hasSize(3);
        assertThat(zen.<Timestamp>getAs("first_bounce").toInstant().atOffset(ZoneOffset.UTC).toLocalDate()).isEqualTo(REPORT_DAY);
        assertThat(zen.<Timestamp>getAs("first_bounce")).isBeforeOrEqualTo(zen.<Timestamp>getAs("last_bounce"));
        assertThat(zen.<String>getAs("summary")).startsWith("Subject: Removal request for 192.0.2.10 from zen.spamhaus.org")
                .contains("6 deliveries were refused").contains("out1.example.com");
        Row unknown = byKey.get("192.0.2.20 bl.spamcop.net");
        assertThat(unknown.<String>getAs("list_outcome")).isEqualTo("unknown");
        assertThat(unknown.<String>getAs("summary")).contains("gave no definite answer");
        assertThat(unknown.<String>getAs("removal_url")).isEqualTo("https://www.spamcop.net/bl.shtml?192.0.2.20");
        for (Row row : requests) {
            assertThat(InertText.isInert(row.<String>getAs("summary"))).isTrue();
            for (Row sample : row.<Row>getList(row.fieldIndex("sample_bounces"))) {
                assertThat(InertText.isInert(sample.<String>getAs("reply_text"))).isTrue();
            }
        }
    }

    @Test
    void failureSummaryBalancesWithTheEvents() {
        List<Row> summary = read("failure_summary", REPORT_DAY);
        long dayEvents = SharedSpark.session().read().parquet(warehouse.table("events")).where("event_date = DATE'" + REPORT_DAY + "'").count();
        assertThat(dayEvents).isPositive();
        assertThat(summary.stream().mapToLong(row -> row.<Long>getAs("failures")).sum()).isEqualTo(report.events()).isEqualTo(dayEvents);
        assertThat(summary.stream().mapToLong(row -> row.<Long>getAs("bounces") + row.<Long>getAs("deferrals")).sum()).isEqualTo(dayEvents);
    }

    @Test
    void rerunReplacesTheDateWithTheSameRowsAndLeavesOtherDatesAlone() {
        assertThat(rerun.servers()).isEqualTo(report.servers());
        assertThat(read("delisting_requests", REPORT_DAY)).containsExactlyInAnyOrderElementsOf(firstRun);
        assertThat(read("server_remediation", FIRST_DAY)).containsExactlyInAnyOrderElementsOf(firstDayBefore);
        assertThat(report.newListing()).isTrue();
        assertThat(report.previousReportDate()).isEqualTo(FIRST_DAY);
    }

    /** The second reader: parquet-hadoop's example Group API, no Spark, on the same files. */
    @Test
    void parquetHadoopReadsTheReportWithoutSpark() throws IOException {
        java.nio.file.Path partition = folder.resolve("warehouse/delisting_requests/report_date=" + REPORT_DAY);
        List<java.nio.file.Path> files;
        try (var listing = Files.list(partition)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertThat(files).isNotEmpty();
        List<String> keys = new ArrayList<>();
        String zenSummary = null;
        long zenCount = -1;
        for (java.nio.file.Path file : files) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
                for (Group group = reader.read(); group != null; group = reader.read()) {
                    String key = group.getString("ip", 0) + " " + group.getString("list", 0);
                    keys.add(key);
                    if (key.equals("192.0.2.10 zen.spamhaus.org")) {
                        zenSummary = group.getString("summary", 0);
                        zenCount = group.getLong("bounce_count", 0);
                        Group samples = group.getGroup("sample_bounces", 0);
                        assertThat(samples.getFieldRepetitionCount(0)).isEqualTo(3);
                    }
                }
            }
        }
        assertThat(keys).hasSize((int) report.delistingRequests()).contains("192.0.2.21 bl.spamcop.net", "192.0.2.10 zen.spamhaus.org");
        assertThat(zenCount).isEqualTo(6);
        assertThat(zenSummary).startsWith("Subject: Removal request for 192.0.2.10 from zen.spamhaus.org");
    }

    private static Row find(List<Row> rows, String ip) {
        return rows.stream().filter(row -> ip.equals(row.getAs("ip"))).findFirst().orElseThrow(() -> new AssertionError("no row for " + ip));
    }

    private static List<Row> read(String table, LocalDate date) {
        Dataset<Row> rows = SharedSpark.session().read().parquet(warehouse.table(table)).where("report_date = DATE'" + date + "'");
        return rows.collectAsList();
    }

    private static void writeDnsAnswers(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        rows.add(dns("192.0.2.10", "ip", "dnsbl", "zen.spamhaus.org", "listed", List.of("127.0.0.2"), "SBL", HOSTILE_TXT, null, ASKED));
        rows.add(dns("192.0.2.10", "ip", "dnsbl", "zen.spamhaus.org", "not_listed", List.of(), null, null, null, Instant.parse("2026-11-20T01:00:00Z")));
        rows.add(dns("192.0.2.10", "ip", "dnsbl", "b.barracudacentral.org", "not_listed", List.of(), null, null, null, Instant.parse("2026-10-01T01:00:00Z")));
        rows.add(dns("192.0.2.10", "ip", "dnsbl", "bl.spamcop.net", "not_listed", List.of(), null, null, null, ASKED));
        rows.add(dns("192.0.2.21", "ip", "dnsbl", "bl.spamcop.net", "listed", List.of("127.0.0.2"), "listed", null, null, ASKED));
        rows.add(dns("192.0.2.20", "ip", "dnsbl", "bl.spamcop.net", "unknown", List.of(), null, null, "timeout", ASKED));
        rows.add(dns("192.0.2.20", "ip", "ptr", null, "fail", List.of(), null, null, null, ASKED));
        rows.add(dns("out3", "helo", "helo_fqdn", null, "fail", List.of(), null, null, null, ASKED));
        spark.createDataFrame(rows, Schemas.DNS_ANSWERS).write().mode(SaveMode.Append).partitionBy("asked_date")
                .parquet(warehouse.table("dns_answers"));
    }

    /** A dns_answers row by column name, so it fits the schema whatever columns the DNS enrichment adds. */
    private static Row dns(String subject, String kind, String check, String zone, String outcome, List<String> codes, String meaning,
            String txt, String error, Instant asked) {
        Map<String, Object> values = new HashMap<>();
        values.put("subject", subject);
        values.put("subject_kind", kind);
        values.put("check", check);
        values.put("zone", zone);
        values.put("question", zone == null ? subject : subject + "." + zone);
        values.put("outcome", outcome);
        values.put("return_codes", CollectionConverters.asScala(codes).toSeq());
        values.put("meaning", meaning);
        values.put("txt", txt);
        values.put("answers", CollectionConverters.asScala(codes).toSeq());
        values.put("error_kind", error);
        values.put("resolver", "fixture");
        values.put("asked_at", Timestamp.from(asked));
        values.put("ttl", 3600L);
        values.put("run_id", "dns-test");
        values.put("asked_date", Date.valueOf(asked.atOffset(ZoneOffset.UTC).toLocalDate()));
        String[] columns = Schemas.DNS_ANSWERS.fieldNames();
        Object[] row = new Object[columns.length];
        for (int index = 0; index < columns.length; index++) {
            row[index] = values.get(columns[index]);
        }
        return RowFactory.create(row);
    }
}
