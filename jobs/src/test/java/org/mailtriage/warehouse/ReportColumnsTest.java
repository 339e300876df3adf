package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mailtriage.dns.Outcome;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.model.Column;
import org.mailtriage.model.ColumnType;
import org.mailtriage.model.GuideRule;
import org.mailtriage.report.Action;
import org.mailtriage.report.Count;
import org.mailtriage.report.DelistingRequest;
import org.mailtriage.report.FailureSummary;
import org.mailtriage.report.Sample;
import org.mailtriage.report.ServerRemediation;
import org.mailtriage.report.ServerRole;
import org.mailtriage.report.Severity;

/**
 * The report tables and runs follow their records' field lists ({@code COLUMNS}): each row carries every column under the
 * schema's name, nested lists included, and the internal row the list gives is what Spark makes of the external one.
 * (SchemaFilesTest holds the derived schemas equal to schemas/.)
 */
class ReportColumnsTest {
    private static final Instant SEEN = Instant.parse("2026-11-26T03:14:15.123456Z");
    private static final LocalDate REPORT_DATE = LocalDate.parse("2026-11-26");
    private static final LocalDate PREVIOUS_DATE = LocalDate.parse("2026-11-25");

    private static final ServerRemediation SERVER = new ServerRemediation(ServerRole.OUR_SERVER, "192.0.2.10", "out1.example.com",
            Severity.CRITICAL, 400, true, PREVIOUS_DATE, List.of("zen.spamhaus.org"), List.of("out1.example.com"), List.of("mx1"),
            SEEN, SEEN.plusSeconds(60), 3, 2, List.of(new Count("blocked", 3)), List.of(new Count("blocklisted", 3)),
            List.of(new Count("example.org", 2), new Count("example.net", 1)), 7, List.of("zen.spamhaus.org"),
            List.of(new ServerRemediation.Listing("zen.spamhaus.org", "listed", List.of("127.0.0.2"), "SBL", null, null,
                    "https://check.spamhaus.org/", SEEN)),
            5, "ok", List.of("out1.example.com"), true, false, "ok",
            List.of(new Action(GuideRule.BLOCKLISTED, Severity.CRITICAL, "listed on zen.spamhaus.org", 3, SEEN, null,
                    List.of("e1", "e2"), List.of("dnsbl zen.spamhaus.org"))));

    private static final DelistingRequest REQUEST = new DelistingRequest(ServerRole.OUR_SERVER, "192.0.2.10", null, "zen.spamhaus.org",
            "bounce", null, null, null, List.of(), null, null, null, SEEN, SEEN, 1,
            List.of(new Sample("e1", SEEN, "example.org", 554, "554 blocked", true)), List.of("e1"), "Subject: Removal request");

    @Test
    void remediationRowCarriesEveryColumnByNameThenTheDate() {
        StructType schema = Schemas.SERVER_REMEDIATION;
        Row row = Rows.of(ServerRemediation.COLUMNS, SERVER, REPORT_DATE);
        assertThat(row.size()).isEqualTo(schema.size());
        assertThat(row.get(schema.fieldIndex("role"))).isEqualTo("our_server");
        assertThat(row.get(schema.fieldIndex("severity"))).isEqualTo("critical");
        assertThat(row.get(schema.fieldIndex("previous_report_date"))).isEqualTo(Date.valueOf(PREVIOUS_DATE));
        assertThat(row.getList(schema.fieldIndex("new_listings"))).containsExactly("zen.spamhaus.org");
        assertThat(row.getList(schema.fieldIndex("top_receiving_domains")))
                .containsExactly(RowFactory.create("example.org", 2L), RowFactory.create("example.net", 1L));
        assertThat(row.get(schema.fieldIndex("distinct_receiving_domains"))).isEqualTo(7L);
        Row listing = row.<Row>getList(schema.fieldIndex("dnsbl_listings")).get(0);
        assertThat(listing.get(7)).isEqualTo(Timestamp.from(SEEN));
        Row action = row.<Row>getList(schema.fieldIndex("actions")).get(0);
        assertThat(action.get(0)).isEqualTo("request_delisting");
        assertThat(action.get(2)).isEqualTo("§5.6 / opening bounce");
        assertThat(action.get(8)).isNull();
        assertThat(action.getList(9)).containsExactly("e1", "e2");
        assertThat(row.get(schema.fieldIndex("report_date"))).isEqualTo(Date.valueOf(REPORT_DATE));
    }

    @Test
    void delistingRowLeavesAbsentValuesNull() {
        StructType schema = Schemas.DELISTING_REQUESTS;
        Row row = Rows.of(DelistingRequest.COLUMNS, REQUEST, REPORT_DATE);
        assertThat(row.size()).isEqualTo(schema.size());
        assertThat(row.isNullAt(schema.fieldIndex("list_outcome"))).isTrue();
        assertThat(row.isNullAt(schema.fieldIndex("checked_at"))).isTrue();
        assertThat(row.getList(schema.fieldIndex("sample_bounces")))
                .containsExactly(RowFactory.create(Timestamp.from(SEEN), "example.org", 554, "554 blocked", "e1"));
        DelistingRequest asked = new DelistingRequest(REQUEST.role(), REQUEST.ip(), null, REQUEST.list(), "dns", null, null, Outcome.LISTED,
                List.of("127.0.0.2"), null, null, SEEN, null, null, 0, List.of(), List.of(), "text");
        assertThat(Rows.of(DelistingRequest.COLUMNS, asked, REPORT_DATE).get(schema.fieldIndex("list_outcome"))).isEqualTo("listed");
    }

    @Test
    void internalRowIsWhatSparkMakesOfTheRow() {
        assertInternalMatchesExternal(ServerRemediation.COLUMNS, SERVER, Schemas.SERVER_REMEDIATION);
        assertInternalMatchesExternal(DelistingRequest.COLUMNS, REQUEST, Schemas.DELISTING_REQUESTS);
        assertInternalMatchesExternal(FailureSummary.COLUMNS, new FailureSummary("outbound", "blocked", null, "example.org", 554, 3, 2, 1, 1,
                SEEN, SEEN), Schemas.FAILURE_SUMMARY);
        assertInternalMatchesExternal(RunRecord.COLUMNS, new RunRecord("run-1", "report", "1.0", SEEN, SEEN.plusMillis(1500), List.of("a"),
                0, 0, InputCounts.ZERO, 0, null, null, null, "success", null, List.of(new StepTimer.Step("plan", 12))), Schemas.RUNS);
    }

    @Test
    void runRowDerivesItsDurationAndBalance() {
        RunRecord run = new RunRecord("run-1", "ingest", "1.0", SEEN, SEEN.plusMillis(1500), List.of(), 2, 1, InputCounts.ZERO, 0, 4L, null,
                null, "success", null);
        Row row = run.toRow();
        StructType schema = Schemas.RUNS;
        assertThat(row.size()).isEqualTo(schema.size());
        assertThat(row.get(schema.fieldIndex("duration_ms"))).isEqualTo(1500L);
        assertThat(row.get(schema.fieldIndex("counts_balance"))).isEqualTo(true);
        assertThat(row.get(schema.fieldIndex("dns_questions_asked"))).isEqualTo(4L);
        assertThat(row.getList(schema.fieldIndex("steps"))).isEmpty();
        assertThat(row.get(schema.fieldIndex("run_date"))).isEqualTo(Date.valueOf(REPORT_DATE));
    }

    @Test
    void onlyARecordListHasFields() {
        assertThatThrownBy(() -> new Column<String>("name", ColumnType.RECORD_LIST, false, value -> List.of()))
                .hasMessage("column name: a record list needs its elements' fields, and only a record list");
        assertThatThrownBy(() -> new Column<String>("name", ColumnType.TEXT, false, value -> value, List.of(Count.columns("name").get(0))))
                .hasMessage("column name: a record list needs its elements' fields, and only a record list");
    }

    private static <T> void assertInternalMatchesExternal(List<Column<T>> columns, T record, StructType schema) {
        StructType withoutPartition = Schemas.withoutLast(schema);
        Row external = Rows.of(columns, record, REPORT_DATE);
        Object[] values = new Object[external.size() - 1];
        for (int index = 0; index < values.length; index++) {
            values[index] = external.get(index);
        }
        Object converted = CatalystTypeConverters.createToCatalystConverter(withoutPartition).apply(RowFactory.create(values));
        InternalRow internal = Rows.internal(columns, record);
        assertThat(internal.toSeq(withoutPartition)).isEqualTo(((InternalRow) converted).toSeq(withoutPartition));
    }
}
