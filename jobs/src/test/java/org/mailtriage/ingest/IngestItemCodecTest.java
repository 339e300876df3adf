package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestItemCodecTest {
    @Test
    void everyKindOfItemComesBackEqual() {
        DeliveryEvent full = new DeliveryEvent("id-1", Instant.parse("2026-11-27T03:14:15.123456789Z"), SourceFormat.POSTFIX, "/var/log/mail.log",
                4_294_967_296L, "mx1.example.com", Direction.OUTBOUND, "bounced", "4ABC12", "<m@example.com>", "a@example.com", "b@example.org",
                "mx.example.net", "192.0.2.7", "198.51.100.2", "mx1.example.com", "rcpt", 550, "5.7.1", "failed",
                "550 5.7.1 blocked using zen.spamhaus.org \u00e9\u65e5\ud83d\ude00", "blocked", "ip-blocklisted", "delist", "r-17",
                "zen.spamhaus.org", "raw line");
        DeliveryEvent sparse = new DeliveryEvent("id-2", Instant.ofEpochSecond(-86_400), SourceFormat.MBOX, "x", 0, null, Direction.INBOUND,
                "reject", null, null, null, null, null, null, null, null, null, null, null, null, "lone \ud800 surrogate", null, null, null,
                null, null, null);
        List<IngestItem> items = List.of(IngestItem.of(full), IngestItem.of(sparse),
                IngestItem.of(new QuarantineRecord(SourceFormat.EXIM, "/logs/exim", 17, "no_syslog_header", "x".repeat(70_000))),
                IngestItem.of(new InputCounts(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        for (IngestItem item : items) {
            byte[] encoded = IngestItemCodec.encode(item);
            assertThat(IngestItemCodec.decode(encoded)).isEqualTo(item);
        }
        assertThat(items).extracting(item -> IngestItemCodec.encode(item)[0])
                .containsExactly(IngestItemCodec.EVENT, IngestItemCodec.EVENT, IngestItemCodec.QUARANTINE, IngestItemCodec.COUNTS);
    }
}
