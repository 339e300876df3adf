package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;

/** Record assembly and counting of whole Exchange tracking files: BOM, CRLF, quoted line breaks, bad input. */
class ExchangeTrackingReaderTest {
    private static final String FIELDS = "#Fields: date-time,client-ip,server-hostname,source,event-id,recipient-address,recipient-status,"
            + "message-subject,sender-address,directionality";

    @Test
    void readsBomCrlfAndARecordWhoseQuotedFieldSpansLines() {
        String file = "\uFEFF#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.004\r\n" + FIELDS + "\r\n"
                + "2026-11-26T08:00:00.000Z,192.0.2.70,EX01,SMTP,RECEIVE,a@example.net,,\"Hello, world\",n@example.com,Originating\r\n"
                + "2026-11-26T08:00:01.000Z,192.0.2.70,EX01,SMTP,FAIL,a@example.net,550 5.1.1 User unknown,\"two\r\nlines, \"\"quoted\"\"\","
                + "n@example.com,Originating\r\n";
        Result result = read(file);

        assertThat(result.events).singleElement().satisfies(event -> {
            assertThat(event.recipient()).isEqualTo("a@example.net");
            assertThat(event.replyCode()).isEqualTo(550);
            assertThat(event.reason()).isEqualTo("userunknown");
            assertThat(event.sourceOffset()).isEqualTo(file.substring(0, file.indexOf("2026-11-26T08:00:01")).getBytes(StandardCharsets.UTF_8).length);
        });
        assertThat(result.quarantined).isEmpty();
        assertThat(result.counts).isEqualTo(new InputCounts(6, 2, 4, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void aQuoteLeftOpenQuarantinesTheRestOfTheFileAsOneRecord() {
        String file = FIELDS + "\n"
                + "2026-11-26T08:00:01.000Z,192.0.2.70,EX01,SMTP,FAIL,a@example.net,\"550 5.1.1 never closed,x,y,z\n"
                + "2026-11-26T08:00:02.000Z,192.0.2.70,EX01,SMTP,FAIL,b@example.net,550 5.1.1 User unknown,s,n@example.com,Originating\n";
        Result result = read(file);

        assertThat(result.events).isEmpty();
        assertThat(result.quarantined).singleElement().satisfies(record -> assertThat(record.reason()).isEqualTo("unterminated_quoted_field"));
        assertThat(result.counts).isEqualTo(new InputCounts(3, 0, 1, 2, 0, 0, 0, 0, 0));
        assertThat(result.counts.balanced()).isTrue();
    }

    @Test
    void recordsBeforeTheFieldsLineAndWithTheWrongFieldCountAreQuarantined() {
        String file = "2026-11-26T08:00:01.000Z,192.0.2.70,EX01,SMTP,FAIL,a@example.net,550 5.1.1 x,s,n@example.com,Originating\n"
                + FIELDS + "\n"
                + "2026-11-26T08:00:02.000Z,192.0.2.70,EX01,SMTP,FAIL,b@example.net\n"
                + "2026-11-26T08:00:03.000Z,192.0.2.70,EX01,SMTP,DEFER,c@example.net,451 4.4.0 DNS query failed,s,n@example.com,Originating\n";
        Result result = read(file);

        assertThat(result.quarantined).extracting(QuarantineRecord::reason)
                .containsExactly("record_before_fields_header", "field_count 6 (#Fields names 10)");
        assertThat(result.events).singleElement().satisfies(event -> assertThat(event.outcome()).isEqualTo("deferred"));
        assertThat(result.counts).isEqualTo(new InputCounts(4, 1, 1, 2, 0, 0, 0, 0, 1));
    }

    @Test
    void anEmptyFileIsReadAsNothing() {
        assertThat(read("").counts).isEqualTo(InputCounts.ZERO);
    }

    private record Result(List<DeliveryEvent> events, List<QuarantineRecord> quarantined, InputCounts counts) {
    }

    private static Result read(String file) {
        ExchangeTrackingReader reader = new ExchangeTrackingReader(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                "MSGTRK.LOG", new ExchangeTrackingParser(ServerDirectory.empty()), new ClassifyStage(Classifier.withDefaultRules()),
                LocalDate.of(2026, 11, 26), ZoneOffset.UTC);
        List<DeliveryEvent> events = new ArrayList<>();
        List<QuarantineRecord> quarantined = new ArrayList<>();
        InputCounts counts = null;
        while (reader.hasNext()) {
            IngestItem item = reader.next();
            if (item.event() != null) {
                events.add(item.event());
            } else if (item.quarantine() != null) {
                quarantined.add(item.quarantine());
            } else {
                counts = item.counts();
            }
        }
        return new Result(events, quarantined, counts);
    }
}
