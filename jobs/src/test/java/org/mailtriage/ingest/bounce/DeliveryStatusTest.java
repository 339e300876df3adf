package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryStatusTest {
    @Test
    void perMessageAndPerRecipientFields() {
        DeliveryStatus status = DeliveryStatus.parse("""
                Reporting-MTA: dns; out1.example.com
                Arrival-Date: Thu, 26 Nov 2026 03:06:41 +0000

                Final-Recipient: rfc822; alice@example.net
                Original-Recipient: rfc822;alice@example.net
                Action: failed
                Status: 5.7.1
                Remote-MTA: dns; mx.example.net
                Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; client [192.0.2.10]
                    blocked using zen.spamhaus.org

                Final-Recipient: rfc822; <bob@example.org>
                Action: delayed
                Status: 4.4.7 (persistent transient failure)
                """);
        assertThat(status.reportingMta()).isEqualTo("out1.example.com");
        assertThat(status.arrivalDate()).isEqualTo("Thu, 26 Nov 2026 03:06:41 +0000");
        assertThat(status.recipients()).containsExactly(
                new DeliveryStatus.Recipient("alice@example.net", "alice@example.net", "failed", "5.7.1", "mx.example.net", "smtp",
                        "550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org", null),
                new DeliveryStatus.Recipient("bob@example.org", null, "delayed", "4.4.7", null, null, null, null));
    }

    @Test
    void blocksWithoutBlankLinesBetweenThem() {
        DeliveryStatus status = DeliveryStatus.parse("""
                Reporting-MTA: dns; mx.example.com
                Final-Recipient: rfc822; one@example.com
                Action: failed
                Status: 5.1.1
                Final-Recipient: rfc822; two@example.com
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
                """);
        assertThat(status.recipients()).extracting(DeliveryStatus.Recipient::address).containsExactly("one@example.com", "two@example.com");
        assertThat(status.recipients()).extracting(DeliveryStatus.Recipient::status).containsExactly("5.1.1", "5.2.2");
    }

    @Test
    void localDeliveryProgramsKeepTheirDiagnosticType() {
        DeliveryStatus status = DeliveryStatus.parse("Final-Recipient: rfc822; a@example.jp\nAction: failed\nStatus: 4.5.0\nDiagnostic-Code: X-Unix; 71\n");
        assertThat(status.recipients().get(0).diagnostic()).isEqualTo("x-unix; 71");
    }
}
