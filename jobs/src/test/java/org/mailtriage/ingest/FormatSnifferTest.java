package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mailtriage.model.SourceFormat;

class FormatSnifferTest {
    @Test
    void recognisesEachFormatByItsLines() {
        assertSniffed(SourceFormat.POSTFIX,
                "Nov 26 03:14:15 out1 postfix/smtp[2320]: 69ED4A7D77: to=<a@example.net>, relay=none, delay=1, dsn=4.4.1, status=deferred (x)");
        assertSniffed(SourceFormat.EXIM,
                "2026-11-26 03:14:15 1RookS-000Pg8-VO <= a@example.com U=x P=local S=900",
                "2026-11-26 03:14:15.123 [2201] 1wtcTj-00000008OnA-0eY6 => b@example.net R=dnslookup T=remote_smtp",
                "2026-11-26 03:14:16 H=(x.example) [203.0.113.5] F=<a@example.org> rejected RCPT <b@example.com>: no");
        assertSniffed(SourceFormat.EXIM, "Nov 26 03:14:15 exim1 exim4[11]: 1RookS-000Pg8-VO Completed");
        assertSniffed(SourceFormat.SENDMAIL,
                "Nov 26 05:03:30 <mail.notice> sm1 sm-mta[3103]: 5AQ53U9x003103: to=<f@example.org>, dsn=4.7.1, stat=Deferred");
        assertSniffed(SourceFormat.SENDMAIL, "Nov 26 05:09:30 sm1 sm-msp-queue[3109]: 5AQ59U9x003109: to=root, stat=Sent");
        assertSniffed(SourceFormat.OPENSMTPD,
                "Nov 26 07:01:09 osmtpd1 smtpd[5101]: 8c1e0f2a3b4c5d6e smtp connected address=203.0.113.5 host=<unknown>");
        assertSniffed(SourceFormat.EXCHANGE, "\uFEFF#Software: Microsoft Exchange Server\r", "#Version: 15.02.1544.004\r");
        assertSniffed(SourceFormat.EXCHANGE, "#Fields: date-time,client-ip,client-hostname");
        assertSniffed(SourceFormat.COURIER, "Nov 26 11:08:00 courier1 courieresmtp: id=1,from=<a@example.com>,addr=<b@example.net>,status: success");
        assertSniffed(SourceFormat.QMAIL, "@400000006b080370075bcd15 new msg 3000", "@400000006b080370075bcd15 end msg 3000");
        assertSniffed(SourceFormat.QMAIL, "Nov 26 10:20:00 qmail1 qmail: 1795688400.123456 new msg 4000");
    }

    @Test
    void postfixSmtpdIsNotOpenSmtpd() {
        assertSniffed(SourceFormat.POSTFIX, "Nov 26 07:01:09 mx1 postfix/smtpd[5101]: connect from unknown[203.0.113.5]");
    }

    @Test
    void unknownWhenNoFormatHasEnoughLines() {
        assertSniffed(SourceFormat.UNKNOWN, "server,outbound_ips,helo", "out1.example.com,192.0.2.10,out1.example.com");
        assertSniffed(SourceFormat.UNKNOWN, "");
        // One stray Exim-like line among many others does not decide.
        assertSniffed(SourceFormat.UNKNOWN, "2026-11-26 03:14:15 Start queue run: pid=1", "a", "b", "c", "d", "e");
    }

    @Test
    void theMajorityDecidesInAMixedHead() {
        assertSniffed(SourceFormat.SENDMAIL,
                "Nov 26 05:00:00 sm1 sm-mta[1]: starting daemon (8.18.1): SMTP+queueing@00:10:00",
                "Nov 26 05:00:01 sm1 sm-mta[2]: 5AQ5000: from=<a@example.com>, size=1",
                "Nov 26 05:00:02 sm1 sm-mta[2]: 5AQ5000: to=<b@example.net>, stat=Sent",
                "Nov 26 05:00:03 out1 postfix/qmgr[3]: 29A793DB74: removed");
    }

    private static void assertSniffed(SourceFormat expected, String... lines) {
        byte[] head = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        assertThat(FormatSniffer.sniff(head, head.length)).as(String.join(" / ", lines)).isEqualTo(expected);
    }
}
