package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.Direction;
import org.mailtriage.model.SourceFormat;
import org.mailtriage.testing.ProjectFiles;

/** {@link DeliveryEvent#COLUMNS} is the one field list: the schema, the rows and the schemas/ contract must agree with it. */
class DeliveryEventColumnsTest {
    private static final Instant TIME = Instant.parse("2026-11-26T10:15:30.123456Z");
    private static final DeliveryEvent EVENT = new DeliveryEvent("e1", TIME, SourceFormat.POSTFIX, "mail.log", 42L, "mx1.example.com",
            Direction.OUTBOUND, "bounced", "4F2A", "<m@example.com>", "a@example.com", "b@Example.org", "mx.example.org",
            "198.51.100.7", "192.0.2.10", "out1.example.com", "RCPT", 550, "5.7.1", "failed", "550 5.7.1 blocked", "blocked",
            "dnsbl", "delist", "rule-1", "phrase", "zen.spamhaus.org", "raw line");

    @Test
    void derivedSchemaIsTheSchemaFile() throws IOException {
        DataType fromFile = DataType.fromJson(Files.readString(ProjectFiles.resolve("schemas/events.json"), StandardCharsets.UTF_8));
        assertThat(Schemas.EVENTS).isEqualTo(fromFile);
    }

    @Test
    void rowCarriesEveryColumnByNameThenTheDate() {
        Row row = Rows.event(EVENT);
        StructType schema = Schemas.EVENTS;
        assertThat(row.size()).isEqualTo(schema.size());
        assertThat(row.get(schema.fieldIndex("event_id"))).isEqualTo("e1");
        assertThat(row.get(schema.fieldIndex("event_time"))).isEqualTo(Timestamp.from(TIME));
        assertThat(row.get(schema.fieldIndex("source_format"))).isEqualTo("postfix");
        assertThat(row.get(schema.fieldIndex("source_offset"))).isEqualTo(42L);
        assertThat(row.get(schema.fieldIndex("recipient_domain"))).isEqualTo("example.org");
        assertThat(row.get(schema.fieldIndex("reply_code"))).isEqualTo(550);
        assertThat(row.get(schema.fieldIndex("classified_by"))).isEqualTo("phrase");
        assertThat(row.get(schema.fieldIndex("raw_text"))).isEqualTo("raw line");
        assertThat(row.get(schema.fieldIndex("event_date"))).isEqualTo(Date.valueOf("2026-11-26"));
    }

    @Test
    void internalRowIsTheRowWithoutThePartitionColumn() {
        InternalRow row = Rows.eventInternal(EVENT);
        StructType schema = Schemas.EVENTS;
        assertThat(row.numFields()).isEqualTo(schema.size() - 1);
        assertThat(row.getUTF8String(schema.fieldIndex("event_id")).toString()).isEqualTo("e1");
        // Microseconds since the epoch, as Spark stores a timestamp.
        assertThat(row.getLong(schema.fieldIndex("event_time"))).isEqualTo(TIME.getEpochSecond() * 1_000_000 + 123_456);
        assertThat(row.getLong(schema.fieldIndex("source_offset"))).isEqualTo(42L);
        assertThat(row.getInt(schema.fieldIndex("reply_code"))).isEqualTo(550);
        assertThat(row.getUTF8String(schema.fieldIndex("direction")).toString()).isEqualTo("outbound");
        assertThat(row.isNullAt(schema.fieldIndex("blocklist"))).isFalse();
    }

    @Test
    void absentValuesAreNulls() {
        DeliveryEvent sparse = new DeliveryEvent("e2", TIME, SourceFormat.EXIM, "mainlog", 0L, null, Direction.INBOUND, "reject",
                null, null, null, null, null, null, null, null, null, null, null, null, null, "blocked", null, null, "rule-1", "none", null, null);
        InternalRow row = Rows.eventInternal(sparse);
        StructType schema = Schemas.EVENTS;
        assertThat(row.isNullAt(schema.fieldIndex("reply_code"))).isTrue();
        assertThat(row.isNullAt(schema.fieldIndex("sender_domain"))).isTrue();
        assertThat(Rows.event(sparse).isNullAt(schema.fieldIndex("reply_code"))).isTrue();
    }
}
