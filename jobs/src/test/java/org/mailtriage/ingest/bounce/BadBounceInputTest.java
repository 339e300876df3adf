package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.ingest.IngestItem;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.model.SourceFormat;
import org.mailtriage.testing.ProjectFiles;

/** Broken and hostile input is parsed or quarantined with a reason, never an exception, and the counts balance. */
class BadBounceInputTest {
    private static final Path MAILBOX = ProjectFiles.shared().resolve("corpus/sisimai/mailbox");
    private final ClassifyStage classifier = new ClassifyStage(Classifier.withDefaultRules());

    @Test
    void tinyFilesAsSingleEmails() throws IOException {
        assertQuarantined(read(Files.readAllBytes(MAILBOX.resolve("size-0"))), "empty_email");
        assertQuarantined(read(Files.readAllBytes(MAILBOX.resolve("size-1"))), "empty_email");
        assertQuarantined(read(Files.readAllBytes(MAILBOX.resolve("size-2"))), "no_header_fields");
    }

    @Test
    void truncatedMime() {
        String whole = BounceParserTest.dsn("failed", "5.1.1", "550 5.1.1 <nobody@example.org>: User unknown");
        String cut = whole.substring(0, whole.indexOf("Diagnostic-Code"));
        Outcome outcome = read(cut.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.counts().emailsWithEvents()).isEqualTo(1);
        assertThat(outcome.events().get(0).enhancedStatus()).isEqualTo("5.1.1");
        assertThat(outcome.events().get(0).reason()).isEqualTo("userunknown");
    }

    @Test
    void missingBoundary() {
        String text = BounceParserTest.dsn("failed", "5.2.2", "552 5.2.2 <nobody@example.org>: Mailbox full")
                .replace("boundary=\"b1\"", "boundary=\"not-the-one-used\"");
        Outcome outcome = read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.events()).hasSize(1);
        assertThat(outcome.events().get(0).recipient()).isEqualTo("nobody@example.org");
        assertThat(outcome.events().get(0).reason()).isEqualTo("mailboxfull");
    }

    @Test
    void binaryAttachmentIsSkipped() {
        byte[] binary = new byte[200_000];
        for (int index = 0; index < binary.length; index++) {
            binary[index] = (byte) (index * 31);
        }
        String head = BounceParserTest.dsn("failed", "5.1.1", "550 5.1.1 <nobody@example.org>: User unknown").replace("--b1--\n", "");
        ByteArrayOutputStream email = new ByteArrayOutputStream();
        email.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        email.writeBytes("--b1\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: binary\n\n".getBytes(StandardCharsets.UTF_8));
        email.writeBytes(binary);
        email.writeBytes("\n--b1--\n".getBytes(StandardCharsets.UTF_8));
        Outcome outcome = read(email.toByteArray());
        assertThat(outcome.events()).hasSize(1);
        assertThat(outcome.events().get(0).reason()).isEqualTo("userunknown");
    }

    @Test
    void deeplyNestedReturnedMessages() {
        StringBuilder nested = new StringBuilder();
        int depth = 3000;
        for (int level = 0; level < depth; level++) {
            nested.append("Content-Type: message/rfc822\n\n");
        }
        nested.append("Subject: innermost\n\nhello\n");
        String text = BounceParserTest.dsn("failed", "5.7.1", "550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org")
                .replace("--b1--\n", "--b1\n" + nested + "\n--b1--\n");
        Outcome outcome = read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.events()).hasSize(1);
        assertThat(outcome.events().get(0).guideRule()).isEqualTo("blocklisted");
    }

    @Test
    void fiftyMegabyteMessage() {
        String head = BounceParserTest.dsn("failed", "5.2.2", "552 5.2.2 Mailbox full").replace("--b1--\n", "");
        ByteArrayOutputStream email = new ByteArrayOutputStream(51 * 1024 * 1024);
        email.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        email.writeBytes("--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n".getBytes(StandardCharsets.UTF_8));
        byte[] line = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\n").getBytes(StandardCharsets.US_ASCII);
        while (email.size() < 50 * 1024 * 1024) {
            email.writeBytes(line);
        }
        email.writeBytes("--b1--\n".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = email.toByteArray();
        Outcome outcome = readMbox(("From MAILER-DAEMON Thu Nov 26 04:01:10 2026\n" + new String(bytes, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(outcome.counts().emailsRead()).isEqualTo(1);
        assertThat(outcome.events()).hasSize(1);
        assertThat(outcome.events().get(0).reason()).isEqualTo("mailboxfull");
    }

    @Test
    void mboxWithoutFromLineIsQuarantined() {
        Outcome outcome = readMbox("Subject: not an mbox\n\nhello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.counts().emailsQuarantined()).isEqualTo(1);
        assertThat(outcome.quarantineReasons()).singleElement().asString().startsWith("mbox_without_from_line");
    }

    @Test
    void wholeSisimaiMboxBalances() throws IOException {
        Outcome outcome = readMbox(Files.readAllBytes(MAILBOX.resolve("mbox-0")));
        assertThat(outcome.counts().emailsRead()).isEqualTo(37);
        assertThat(outcome.counts().emailsWithEvents()).isGreaterThan(30);
    }

    private void assertQuarantined(Outcome outcome, String reasonPrefix) {
        assertThat(outcome.counts().emailsQuarantined()).isEqualTo(1);
        assertThat(outcome.quarantineReasons()).singleElement().asString().startsWith(reasonPrefix);
    }

    private Outcome read(byte[] email) {
        return drain(new EmailChunkReader(new WholeFileEmail(new java.io.ByteArrayInputStream(email)), "test.eml", SourceFormat.EML,
                classifier, Instant.parse("2026-11-26T00:00:00Z")));
    }

    private Outcome readMbox(byte[] mbox) {
        return drain(new EmailChunkReader(new MboxReader(new java.io.ByteArrayInputStream(mbox), 0, Long.MAX_VALUE), "test.mbox",
                SourceFormat.MBOX, classifier, Instant.parse("2026-11-26T00:00:00Z")));
    }

    private static Outcome drain(EmailChunkReader reader) {
        List<org.mailtriage.model.DeliveryEvent> events = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        InputCounts counts = null;
        while (reader.hasNext()) {
            IngestItem item = reader.next();
            if (item.event() != null) {
                events.add(item.event());
            } else if (item.quarantine() != null) {
                reasons.add(item.quarantine().reason());
            } else {
                counts = item.counts();
            }
        }
        assertThat(counts).isNotNull();
        assertThat(counts.balanced()).as("counts balance: %s", counts).isTrue();
        assertThat(counts.events()).isEqualTo(events.size());
        assertThat(counts.emailsQuarantined()).isEqualTo(reasons.size());
        return new Outcome(events, reasons, counts);
    }

    record Outcome(List<org.mailtriage.model.DeliveryEvent> events, List<String> quarantineReasons, InputCounts counts) {
    }
}
