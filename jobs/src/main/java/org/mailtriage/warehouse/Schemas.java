package org.mailtriage.warehouse;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mailtriage.model.Column;
import org.mailtriage.model.ColumnType;
import org.mailtriage.model.DeliveryEvent;

/**
 * The output tables' schemas: the contract notebooks rely on. Each has a JSON twin in
 * {@code schemas/} and a test fails when they differ. The partition column comes last, as Spark
 * reads it back.
 */
public final class Schemas {
    /** Derived from {@link DeliveryEvent#COLUMNS}, the partition column last. */
    public static final StructType EVENTS = columns(DeliveryEvent.COLUMNS).add(field("event_date", DateType, true));

    public static final StructType QUARANTINE = struct(
            field("run_id", StringType, false),
            field("source_format", StringType, false),
            field("source_file", StringType, false),
            field("source_offset", LongType, false),
            field("reason", StringType, false),
            field("raw_text", StringType, true),
            field("ingest_date", DateType, true));

    public static final StructType RUNS = struct(
            field("run_id", StringType, false),
            field("command", StringType, false),
            field("version", StringType, false),
            field("started_at", TimestampType, false),
            field("finished_at", TimestampType, false),
            field("duration_ms", LongType, false),
            field("inputs", createArrayType(StringType, false), false),
            field("files_read", LongType, false),
            field("files_unrecognised", LongType, false),
            field("lines_read", LongType, false),
            field("lines_with_events", LongType, false),
            field("lines_ignored", LongType, false),
            field("lines_quarantined", LongType, false),
            field("emails_read", LongType, false),
            field("emails_with_events", LongType, false),
            field("emails_not_bounces", LongType, false),
            field("emails_quarantined", LongType, false),
            field("events_written", LongType, false),
            field("quarantined_written", LongType, false),
            field("counts_balance", BooleanType, false),
            field("dns_questions_asked", LongType, true),
            field("dns_answers_cached", LongType, true),
            field("dns_questions_failed", LongType, true),
            field("outcome", StringType, false),
            field("message", StringType, true),
            // Where the run's time went, step by step; a nightly's ingest row starts with the process and Spark start.
            field("steps", createArrayType(struct(field("step", StringType, false), field("millis", LongType, false)), false), true),
            field("run_date", DateType, true));

    /**
     * One row per DNS question asked (or answered from the fixture). Doubles as the cache: a rerun
     * reuses answers younger than the max age instead of asking again.
     */
    public static final StructType DNS_ANSWERS = struct(
            field("subject", StringType, false),
            field("subject_kind", StringType, false),
            field("check", StringType, false),
            field("zone", StringType, true),
            field("question", StringType, true),
            field("outcome", StringType, false),
            field("return_codes", createArrayType(StringType, false), true),
            field("meaning", StringType, true),
            field("txt", StringType, true),
            field("answers", createArrayType(StringType, false), true),
            field("error_kind", StringType, true),
            field("resolver", StringType, true),
            field("asked_at", TimestampType, false),
            field("ttl", LongType, true),
            field("peer_ip", StringType, true),
            field("removal_url", StringType, true),
            field("run_id", StringType, true),
            field("asked_date", DateType, true));

    private static final StructType COUNT_BY_REASON = struct(field("reason", StringType, false), field("failures", LongType, false));
    private static final StructType COUNT_BY_GUIDE_RULE = struct(field("guide_rule", StringType, false), field("failures", LongType, false));
    private static final StructType COUNT_BY_DOMAIN = struct(field("domain", StringType, false), field("failures", LongType, false));

    /** One per (report date, role, IP): what to fix on that server, how urgently, and the evidence. */
    public static final StructType SERVER_REMEDIATION = struct(
            field("role", StringType, false),
            field("ip", StringType, false),
            field("server_name", StringType, true),
            field("severity", StringType, false),
            field("severity_score", IntegerType, false),
            field("new_since_previous", BooleanType, false),
            field("previous_report_date", DateType, true),
            field("new_listings", createArrayType(StringType, false), false),
            field("helo_names", createArrayType(StringType, false), false),
            field("reporting_hosts", createArrayType(StringType, false), false),
            field("first_seen", TimestampType, true),
            field("last_seen", TimestampType, true),
            field("failures", LongType, false),
            field("bounces", LongType, false),
            field("failures_by_reason", createArrayType(COUNT_BY_REASON, false), false),
            field("failures_by_guide_rule", createArrayType(COUNT_BY_GUIDE_RULE, false), false),
            field("top_receiving_domains", createArrayType(COUNT_BY_DOMAIN, false), false),
            field("lists_named_in_bounces", createArrayType(StringType, false), false),
            field("dnsbl_listings", createArrayType(struct(
                    field("zone", StringType, false),
                    field("outcome", StringType, false),
                    field("return_codes", createArrayType(StringType, false), false),
                    field("meaning", StringType, true),
                    field("txt", StringType, true),
                    field("error_kind", StringType, true),
                    field("removal_url", StringType, true),
                    field("checked_at", TimestampType, false)), false), false),
            field("dnsbl_zones_checked", IntegerType, false),
            field("ptr_state", StringType, false),
            field("ptr_names", createArrayType(StringType, false), false),
            field("ptr_forward_confirmed", BooleanType, true),
            field("ptr_looks_dynamic", BooleanType, true),
            field("helo_state", StringType, false),
            field("actions", createArrayType(struct(
                    field("remedy", StringType, false),
                    field("guide_rule", StringType, false),
                    field("guide_section", StringType, false),
                    field("remedy_description", StringType, false),
                    field("severity", StringType, false),
                    field("detail", StringType, false),
                    field("failures", LongType, false),
                    field("first_seen", TimestampType, true),
                    field("last_seen", TimestampType, true),
                    field("evidence_event_ids", createArrayType(StringType, false), false),
                    field("evidence_dns", createArrayType(StringType, false), false)), false), false),
            field("report_date", DateType, true));

    /** One per (report date, role, IP, list): the evidence a list operator asks for (guide step 7) and the text to send. */
    public static final StructType DELISTING_REQUESTS = struct(
            field("role", StringType, false),
            field("ip", StringType, false),
            field("server_name", StringType, true),
            field("list", StringType, false),
            field("list_source", StringType, false),
            field("removal_url", StringType, true),
            field("removal_url_source", StringType, true),
            field("list_outcome", StringType, true),
            field("return_codes", createArrayType(StringType, false), false),
            field("meaning", StringType, true),
            field("txt", StringType, true),
            field("checked_at", TimestampType, true),
            field("first_bounce", TimestampType, true),
            field("last_bounce", TimestampType, true),
            field("bounce_count", LongType, false),
            field("sample_bounces", createArrayType(struct(
                    field("time", TimestampType, false),
                    field("receiving_domain", StringType, true),
                    field("reply_code", IntegerType, true),
                    field("reply_text", StringType, true),
                    field("event_id", StringType, false)), false), false),
            field("evidence_event_ids", createArrayType(StringType, false), false),
            field("summary", StringType, false),
            field("report_date", DateType, true));

    /** Failure counts per report date × direction × reason × guide rule × receiving domain × reply code. */
    public static final StructType FAILURE_SUMMARY = struct(
            field("direction", StringType, false),
            field("reason", StringType, false),
            field("guide_rule", StringType, true),
            field("receiving_domain", StringType, true),
            field("reply_code", IntegerType, true),
            field("failures", LongType, false),
            field("bounces", LongType, false),
            field("deferrals", LongType, false),
            field("distinct_ips", LongType, false),
            field("first_seen", TimestampType, false),
            field("last_seen", TimestampType, false),
            field("report_date", DateType, true));

    private Schemas() {
    }

    /** Every table this code writes, by name (the name of its folder in the warehouse and of its schemas/ file). */
    public static Map<String, StructType> all() {
        Map<String, StructType> tables = new LinkedHashMap<>();
        tables.put("events", EVENTS);
        tables.put("quarantine", QUARANTINE);
        tables.put("runs", RUNS);
        tables.put("dns_answers", DNS_ANSWERS);
        tables.put("server_remediation", SERVER_REMEDIATION);
        tables.put("delisting_requests", DELISTING_REQUESTS);
        tables.put("failure_summary", FAILURE_SUMMARY);
        return tables;
    }

    /** The schema without its trailing partition column: what the rows we build carry before partitionBy. */
    public static StructType withoutLast(StructType schema) {
        StructField[] fields = schema.fields();
        StructField[] kept = new StructField[fields.length - 1];
        System.arraycopy(fields, 0, kept, 0, kept.length);
        return new StructType(kept);
    }

    /** The schema of a record's declared columns. */
    public static <T> StructType columns(List<Column<T>> columns) {
        return new StructType(columns.stream().map(column -> field(column.name(), sparkType(column.type()), column.nullable()))
                .toArray(StructField[]::new));
    }

    private static DataType sparkType(ColumnType type) {
        return switch (type) {
            case TEXT -> StringType;
            case LONG -> LongType;
            case INTEGER -> IntegerType;
            case TIMESTAMP -> TimestampType;
        };
    }

    private static StructType struct(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }
}
