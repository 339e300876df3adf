package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.Classification;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.testing.ProjectFiles;

class BounceParserTest {
    private static final Path SAMPLES = ProjectFiles.resolve("data-samples/bounces");
    private final ClassifyStage classifier = new ClassifyStage(Classifier.withDefaultRules());

    @Test
    void guideRowsAsDeliveryStatusNotifications() throws IOException {
        assertGuideBounce("guide/blocklisted.eml", "alice@example.net", "blocked", "blocklisted", "192.0.2.10", "out1.example.com");
        assertGuideBounce("guide/no-ptr.eml", "bob@example.org", "requireptr", "no_ptr", "192.0.2.21", "out2.example.com");
        assertGuideBounce("guide/helo-host-not-found.eml", "carol@mail.example", "blocked", "helo_host_not_found", "192.0.2.20",
                "mail.example.invalid");
        assertGuideBounce("guide/helo-not-fqdn.eml", "dave@example.edu", "blocked", "helo_not_fqdn", "2001:db8:10::25", "out3");
        assertGuideBounce("guide/helo-invalid-name.eml", "erin@mail.test", "blocked", "helo_invalid_name", "192.0.2.10", "邮件服务器");
        assertGuideBounce("guide/dynamic-ip.eml", "frank@example.net", "blocked", "dynamic_ip", "192.0.2.20", "out2.example.com");
    }

    @Test
    void readsTheDeliveryStatusFieldsPerRecipient() throws IOException {
        BounceReport report = BounceParser.parse(Files.readAllBytes(SAMPLES.resolve("guide/no-ptr.eml")));
        BounceRecipient recipient = report.recipients().get(0);
        assertThat(report.reportingMta()).isEqualTo("out2.example.com");
        assertThat(report.time()).hasToString("2026-11-26T03:16:05Z");
        assertThat(report.returned().messageId()).isEqualTo("<news-2026-11-26-no-ptr@example.com>");
        assertThat(report.returned().sender()).isEqualTo("newsletter@example.com");
        assertThat(recipient.action()).isEqualTo("delayed");
        assertThat(recipient.status()).isEqualTo("4.7.1");
        assertThat(recipient.replyCode()).isEqualTo(450);
        assertThat(recipient.remoteMta()).isEqualTo("mx1.example.org");
        assertThat(recipient.stage()).isEqualTo(SmtpStage.RCPT);
    }

    @Test
    void gbkBounceFromAChineseProvider() throws IOException {
        BounceReport report = BounceParser.parse(Files.readAllBytes(SAMPLES.resolve("chinese-provider-gbk.eml")));
        assertThat(report.kind()).isEqualTo(BounceKind.FAILURE);
        assertThat(report.subject()).isEqualTo("系统退信");
        BounceRecipient recipient = report.recipients().get(0);
        assertThat(recipient.recipient()).isEqualTo("grace@mail.example");
        assertThat(recipient.diagnostic()).contains("黑名单");
        assertThat(recipient.replyCode()).isEqualTo(550);
        assertThat(classifier.classify(recipient).guideRuleLabel()).isEqualTo("blocklisted");
        assertThat(report.returned().sendingIp()).isEqualTo("192.0.2.20");
    }

    @Test
    void notBounces() throws IOException {
        assertThat(BounceParser.parse(Files.readAllBytes(SAMPLES.resolve("maildir/cur/1795643600.M2P43.out1.example.com:2,S"))).kind())
                .isEqualTo(BounceKind.FEEDBACK);
        assertThat(BounceParser.parse(bytes("""
                From: Alice <alice@example.net>
                To: newsletter@example.com
                Subject: Out of office: November news
                Auto-Submitted: auto-replied

                I am away.
                """)).kind()).isEqualTo(BounceKind.VACATION);
        assertThat(BounceParser.parse(bytes("""
                From: Bob <bob@example.org>
                To: alice@example.net
                Subject: lunch?

                At noon, bob@example.org
                """)).kind()).isEqualTo(BounceKind.NOT_A_BOUNCE);
        BounceReport delivered = BounceParser.parse(bytes(dsn("delivered", "2.0.0", "250 2.0.0 OK queued")));
        assertThat(delivered.kind()).isEqualTo(BounceKind.DELIVERED);
        assertThat(delivered.failures()).isEmpty();
    }

    @Test
    void gzipOfAnEmail() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLES.resolve("exchange-delayed.eml.gz")))) {
            BounceRecipient recipient = BounceParser.parse(in.readAllBytes()).recipients().get(0);
            assertThat(recipient.recipient()).isEqualTo("oscar@example.test");
            assertThat(recipient.action()).isEqualTo("delayed");
            assertThat(classifier.classify(recipient).reason().label()).isEqualTo("expired");
        }
    }

    @Test
    void lineEndingsDoNotMatter() {
        String text = dsn("failed", "5.1.1", "550 5.1.1 <nobody@example.org>: User unknown");
        for (String ending : new String[] {"\n", "\r\n", "\r"}) {
            BounceRecipient recipient = BounceParser.parse(bytes(text.replace("\n", ending))).recipients().get(0);
            assertThat(recipient.recipient()).as("line ending %s", ending.replace("\r", "CR").replace("\n", "LF")).isEqualTo("nobody@example.org");
            assertThat(recipient.status()).isEqualTo("5.1.1");
            assertThat(classifier.classify(recipient).reason().label()).isEqualTo("userunknown");
        }
    }

    @Test
    void charsetsAndTransferEncodings() {
        assertNoticeDecodes("ISO-2022-JP", "7bit", "宛先のメールアドレスが見つかりません");
        assertNoticeDecodes("Big5", "base64", "收件者信箱不存在");
        assertNoticeDecodes("GB18030", "base64", "收件人地址不存在");
        assertNoticeDecodes("UTF-8", "quoted-printable", "Адрес не существует");
        BounceReport report = BounceParser.parse(bytes("""
                From: =?UTF-8?B?44Oh44O844Or6YWN5L+h44K344K544OG44Og?= <mailer-daemon@example.jp>
                Subject: =?ISO-2022-JP?B?GyRCJV4lJCVrJE8bKEI=?= failure
                To: newsletter@example.com

                <nobody@example.jp>:
                550 5.1.1 user unknown
                """));
        assertThat(report.subject()).isEqualTo("マイルは failure");
    }

    private void assertNoticeDecodes(String charset, String encoding, String words) {
        String body = "<nobody@example.jp>:\n550 5.1.1 " + words + " (user unknown)\n";
        byte[] encoded = body.getBytes(Charset.forName(charset));
        String transfer = switch (encoding) {
            case "base64" -> Base64.getMimeEncoder().encodeToString(encoded);
            case "quoted-printable" -> quotedPrintable(encoded);
            default -> new String(encoded, StandardCharsets.ISO_8859_1);
        };
        String email = "From: MAILER-DAEMON@example.jp\nTo: newsletter@example.com\nSubject: failure notice\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=" + charset + "\nContent-Transfer-Encoding: " + encoding
                + "\n\n" + transfer + "\n";
        BounceRecipient recipient = BounceParser.parse(email.getBytes(StandardCharsets.ISO_8859_1)).recipients().get(0);
        assertThat(recipient.diagnostic()).as(charset + " " + encoding).contains(words);
        assertThat(recipient.recipient()).isEqualTo("nobody@example.jp");
    }

    private void assertGuideBounce(String file, String recipient, String reason, String guideRule, String sendingIp, String helo)
            throws IOException {
        BounceReport report = BounceParser.parse(Files.readAllBytes(SAMPLES.resolve(file)));
        assertThat(report.kind()).as(file).isEqualTo(BounceKind.FAILURE);
        assertThat(report.recipients()).as(file).hasSize(1);
        BounceRecipient failed = report.recipients().get(0);
        Classification classification = classifier.classify(failed);
        assertThat(failed.recipient()).as(file).isEqualTo(recipient);
        assertThat(classification.reason().label()).as(file).isEqualTo(reason);
        assertThat(classification.guideRuleLabel()).as(file).isEqualTo(guideRule);
        assertThat(report.returned().sendingIp()).as(file).isEqualTo(sendingIp);
        assertThat(report.returned().heloName()).as(file).isEqualTo(helo);
    }

    static String dsn(String action, String status, String diagnostic) {
        return """
                From: MAILER-DAEMON@out1.example.com
                To: newsletter@example.com
                Subject: Delivery Status Notification
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Report follows.

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; out1.example.com

                Final-Recipient: rfc822; nobody@example.org
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; %s

                --b1--
                """.formatted(action, status, diagnostic);
    }

    @Test
    void sendmailTranscriptLinesGiveStageAndReason() {
        BounceReport rcpt = BounceParser.parse(bytes("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@out1.example.com>
                To: newsletter@example.com
                Subject: Returned mail: see transcript for details

                   ----- The following addresses had permanent fatal errors -----
                <alice@example.net>

                   ----- Transcript of session follows -----
                >>> RCPT TO:<alice@example.net>
                <<< 553 Invalid recipient alice@example.net (Mode: normal)
                """));
        BounceRecipient alice = rcpt.recipients().get(0);
        assertThat(alice.stage()).isEqualTo(SmtpStage.RCPT);
        assertThat(alice.replyCode()).isEqualTo(553);

        BounceReport local = BounceParser.parse(bytes("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@out1.example.com>
                To: newsletter@example.com
                Subject: Returned mail: see transcript for details

                   ----- The following addresses had permanent fatal errors -----
                <bob@example.org>

                   ----- Transcript of session follows -----
                mail.local: unknown user: bob
                554 <bob@example.org>... Service unavailable
                """));
        BounceRecipient bob = local.recipients().get(0);
        assertThat(bob.replyCode()).isEqualTo(554);
        // The local reason now sits in the diagnostic the rules read (it said only "Service unavailable" before).
        assertThat(bob.diagnostic()).startsWith("554 Service unavailable").contains("unknown user: bob");

        BounceReport refused = BounceParser.parse(bytes("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@out1.example.com>
                To: newsletter@example.com
                Subject: Returned mail: see transcript for details

                   ----- Transcript of session follows -----
                While talking to mx.example.org:
                >>> MAIL From:<newsletter@example.com>
                <<< 501 <newsletter@example.com>... no access from mail server [192.0.2.55] which is an open relay.
                554 <carol@example.org>... Remote protocol error
                """));
        BounceRecipient carol = refused.recipients().get(0);
        assertThat(carol.recipient()).isEqualTo("carol@example.org");
        assertThat(carol.replyCode()).isEqualTo(554);
        assertThat(carol.stage()).isEqualTo(SmtpStage.MAIL);
        assertThat(classifier.classify(carol).reason().label()).isEqualTo("blocked");
    }

    @Test
    void readsTheDeliveryStatusOfAForwardedBounce() {
        BounceReport report = BounceParser.parse(bytes("""
                From: postmaster@relay.example.com
                To: newsletter@example.com
                Subject: Undeliverable
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer-boundary"

                --outer-boundary
                Content-Type: text/plain

                ----- The following addresses had permanent delivery errors -----

                --outer-boundary
                Content-Type: message/rfc822

                From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>
                To: newsletter@example.com
                Subject: Returned mail: User unknown
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="inner-boundary"

                --inner-boundary

                   ----- The following addresses had permanent delivery errors -----
                dave@example.org

                --inner-boundary
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: RFC822; dave@example.org
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 User unknown

                --inner-boundary--

                --outer-boundary--
                """));
        assertThat(report.kind()).isEqualTo(BounceKind.FAILURE);
        BounceRecipient dave = report.recipients().get(0);
        assertThat(dave.recipient()).isEqualTo("dave@example.org");
        assertThat(dave.status()).isEqualTo("5.1.1");
        assertThat(dave.replyCode()).isEqualTo(550);
        assertThat(classifier.classify(dave).reason().label()).isEqualTo("userunknown");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String quotedPrintable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte value : bytes) {
            int unsigned = value & 0xff;
            if (unsigned == '\n') {
                out.append('\n');
            } else if (unsigned >= 33 && unsigned <= 126 && unsigned != '=') {
                out.append((char) unsigned);
            } else if (unsigned == ' ') {
                out.append(' ');
            } else {
                out.append(String.format("=%02X", unsigned));
            }
        }
        return out.toString();
    }
}
