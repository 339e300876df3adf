package org.mailtriage.spark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The output tables' schemas: the contract notebooks rely on. Each has a JSON twin in
 * {@code schemas/} and a test fails when they differ. The partition column comes last, as Spark
 * reads it back.
 */
public final class Schemas {
    public static final StructType EVENTS = struct(
            field("event_id", StringType, false),
            field("event_time", TimestampType, false),
            field("source_format", StringType, false),
            field("source_file", StringType, false),
            field("source_offset", LongType, false),
            field("reporting_host", StringType, true),
            field("direction", StringType, false),
            field("outcome", StringType, false),
            field("queue_id", StringType, true),
            field("message_id", StringType, true),
            field("sender", StringType, true),
            field("sender_domain", StringType, true),
            field("recipient", StringType, true),
            field("recipient_domain", StringType, true),
            field("remote_host", StringType, true),
            field("remote_ip", StringType, true),
            field("sending_ip", StringType, true),
            field("helo_name", StringType, true),
            field("smtp_stage", StringType, true),
            field("reply_code", IntegerType, true),
            field("enhanced_status", StringType, true),
            field("dsn_action", StringType, true),
            field("reply_text", StringType, true),
            field("reason", StringType, false),
            field("guide_rule", StringType, true),
            field("remedy", StringType, true),
            field("rule_id", StringType, false),
            field("blocklist", StringType, true),
            field("raw_text", StringType, true),
            field("event_date", DateType, true));

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

    private Schemas() {
    }

    /** Every table this code writes, by name (the name of its folder in the warehouse and of its schemas/ file). */
    public static Map<String, StructType> all() {
        Map<String, StructType> tables = new LinkedHashMap<>();
        tables.put("events", EVENTS);
        tables.put("quarantine", QUARANTINE);
        tables.put("runs", RUNS);
        tables.put("dns_answers", DNS_ANSWERS);
        return tables;
    }

    /** The schema without its trailing partition column: what the rows we build carry before partitionBy. */
    public static StructType withoutLast(StructType schema) {
        StructField[] fields = schema.fields();
        StructField[] kept = new StructField[fields.length - 1];
        System.arraycopy(fields, 0, kept, 0, kept.length);
        return new StructType(kept);
    }

    private static StructType struct(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }
}
