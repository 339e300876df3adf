package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.mailtriage.dns.CheckKind;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.ErrorKind;
import org.mailtriage.dns.Outcome;
import org.mailtriage.dns.SubjectKind;

/** A dns_answers row read back is the answer that was written: the report reads what enrich wrote. */
class DnsRowsTest {
    private static final Instant ASKED = Instant.parse("2026-11-27T01:00:00Z");

    @Test
    void listedAnswerRoundTrips() {
        assertRoundTrip(new DnsAnswer("192.0.2.10", SubjectKind.IP, CheckKind.DNSBL, "zen.spamhaus.org", null, "10.2.0.192.zen.spamhaus.org",
                Outcome.LISTED, List.of("127.0.0.2", "127.0.0.4"), "SBL", "see https://check.spamhaus.org", List.of("127.0.0.2"), null,
                "127.0.0.1:53", ASKED, 300L, "https://check.spamhaus.org/"));
    }

    @Test
    void unknownAnswerKeepsItsErrorKind() {
        assertRoundTrip(new DnsAnswer("out1.example.com", SubjectKind.HELO, CheckKind.HELO_MATCHES_IP, null, "192.0.2.10",
                "out1.example.com", Outcome.UNKNOWN, List.of(), null, null, List.of(), ErrorKind.TIMEOUT, "fixture", ASKED, null, null));
    }

    private static void assertRoundTrip(DnsAnswer answer) {
        Row written = DnsRows.of(answer, "run-1");
        Row withSchema = new GenericRowWithSchema(((GenericRow) written).values(), Schemas.DNS_ANSWERS);
        assertThat(DnsRows.answer(withSchema)).isEqualTo(answer);
    }
}
