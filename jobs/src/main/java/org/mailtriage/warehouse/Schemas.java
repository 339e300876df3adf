package org.mailtriage.warehouse;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.model.Column;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.report.DelistingRequest;
import org.mailtriage.report.FailureSummary;
import org.mailtriage.report.ServerRemediation;

/**
 * The output tables' schemas: the contract notebooks rely on. Each has a JSON twin in {@code schemas/} and a test fails
 * when they differ. Each is derived from the field list ({@code COLUMNS}) beside the record its rows come from; the
 * warehouse adds only what the run knows, the run_id of quarantine and dns_answers, and the partition column, last, as
 * Spark reads it back.
 */
public final class Schemas {
    /** One row per failed or deferred delivery attempt, or reject. */
    public static final StructType EVENTS = table(DeliveryEvent.COLUMNS, "event_date");

    /** One row per line or email that could not be parsed, with the run that read it. */
    public static final StructType QUARANTINE = table(List.of(field("run_id", StringType, false)), QuarantineRecord.COLUMNS, List.of(),
            "ingest_date");

    /** One row per run: what it read, what it made of it, how it ended. */
    public static final StructType RUNS = table(RunRecord.COLUMNS, "run_date");

    /**
     * One row per DNS question asked (or answered from the fixture), with the run that asked it. Doubles as the cache: a
     * rerun reuses answers younger than the max age instead of asking again.
     */
    public static final StructType DNS_ANSWERS = table(List.of(), DnsAnswer.COLUMNS, List.of(field("run_id", StringType, true)),
            "asked_date");

    /** One per (report date, role, IP): what to fix on that server, how urgently, and the evidence. */
    public static final StructType SERVER_REMEDIATION = table(ServerRemediation.COLUMNS, "report_date");

    /** One per (report date, role, IP, list): the evidence a list operator asks for (guide step 7) and the text to send. */
    public static final StructType DELISTING_REQUESTS = table(DelistingRequest.COLUMNS, "report_date");

    /** Failure counts per report date × direction × reason × guide rule × receiving domain × reply code. */
    public static final StructType FAILURE_SUMMARY = table(FailureSummary.COLUMNS, "report_date");

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
    public static StructType columns(List<? extends Column<?>> columns) {
        return new StructType(columns.stream().map(column -> field(column.name(), sparkType(column), column.nullable()))
                .toArray(StructField[]::new));
    }

    /** A table of a record's columns, then its partition column. */
    private static StructType table(List<? extends Column<?>> columns, String partitionColumn) {
        return table(List.of(), columns, List.of(), partitionColumn);
    }

    /** A table of a record's columns with the run's fields before and after them, then its partition column. */
    private static StructType table(List<StructField> before, List<? extends Column<?>> columns, List<StructField> after,
            String partitionColumn) {
        List<StructField> fields = new ArrayList<>(before);
        fields.addAll(List.of(columns(columns).fields()));
        fields.addAll(after);
        fields.add(field(partitionColumn, DateType, true));
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static DataType sparkType(Column<?> column) {
        return switch (column.type()) {
            case TEXT -> StringType;
            case LONG -> LongType;
            case INTEGER -> IntegerType;
            case TIMESTAMP -> TimestampType;
            case BOOLEAN -> BooleanType;
            case DATE -> DateType;
            case TEXT_LIST -> createArrayType(StringType, false);
            case RECORD_LIST -> createArrayType(columns(column.fields()), false);
        };
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }
}
