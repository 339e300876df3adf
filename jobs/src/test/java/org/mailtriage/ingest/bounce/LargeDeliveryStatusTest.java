package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A delivery-status part bigger than the text-part cap (256 KB) still yields every recipient. */
class LargeDeliveryStatusTest {
    @Test
    void aDsnWithTenThousandRecipientsYieldsThemAll() {
        StringBuilder status = new StringBuilder("Reporting-MTA: dns; out1.example.com\n");
        for (int index = 0; index < 10_000; index++) {
            status.append("\nFinal-Recipient: rfc822; r").append(index).append("@example.org\nAction: failed\nStatus: 5.7.1\n")
                    .append("Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org\n");
        }
        String email = "From: MAILER-DAEMON@out1.example.com\nTo: newsletter@example.com\nSubject: Undelivered Mail\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n"
                + "--b1\nContent-Type: text/plain\n\nNot delivered.\n\n--b1\nContent-Type: message/delivery-status\n\n" + status
                + "\n--b1--\n";
        assertThat(status.length()).isGreaterThan(MimeWalker.MAX_TEXT_BYTES);

        BounceReport report = BounceParser.parse(email.getBytes(StandardCharsets.UTF_8));

        assertThat(report.recipients()).hasSize(10_000);
        assertThat(report.recipients().get(9_999).recipient()).isEqualTo("r9999@example.org");
    }
}
