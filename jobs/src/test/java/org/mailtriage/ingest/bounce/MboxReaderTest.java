package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.ProjectFiles;

class MboxReaderTest {
    private static final Path MAILBOX = ProjectFiles.shared().resolve("corpus/sisimai/mailbox");

    @Test
    void readsEveryEmailOfAnMbox() throws IOException {
        byte[] mbox = Files.readAllBytes(MAILBOX.resolve("mbox-0"));
        List<RawEmail> emails = readRange(mbox, 0, Long.MAX_VALUE);
        assertThat(emails).hasSize(37);
        assertThat(emails).allSatisfy(email -> assertThat(email.problem()).isNull());
        assertThat(emails.get(0).offset()).isZero();
        assertThat(new String(emails.get(0).bytes(), StandardCharsets.UTF_8)).startsWith("Received: ");
    }

    @Test
    void byteRangesNeitherLoseNorRepeatAnEmail() throws IOException {
        byte[] mbox = Files.readAllBytes(MAILBOX.resolve("mbox-0"));
        List<Long> whole = offsets(readRange(mbox, 0, Long.MAX_VALUE));
        for (int rangeSize : new int[] {997, 4096, 20_000, mbox.length / 3}) {
            List<Long> pieced = new ArrayList<>();
            for (long start = 0; start < mbox.length; start += rangeSize) {
                pieced.addAll(offsets(readRange(mbox, start, Math.min(mbox.length, start + rangeSize))));
            }
            assertThat(pieced).as("ranges of %d bytes", rangeSize).isEqualTo(whole);
        }
    }

    @Test
    void rangeStartingExactlyAtAFromLineKeepsIt() throws IOException {
        byte[] mbox = mbox("From a@example.com Thu Nov 26 04:01:10 2026\nSubject: one\n\nbody\n"
                + "From b@example.com Thu Nov 26 04:02:10 2026\nSubject: two\n\nbody\n");
        int second = new String(mbox, StandardCharsets.UTF_8).indexOf("From b@");
        assertThat(offsets(readRange(mbox, 0, second))).containsExactly(0L);
        assertThat(offsets(readRange(mbox, second, mbox.length))).containsExactly((long) second);
    }

    @Test
    void undoesFromQuotingOfMboxrdAndMboxo() throws IOException {
        byte[] mbox = mbox("From a@example.com Thu Nov 26 04:01:10 2026\nSubject: one\n\n>From here\n>>From there\nplain\n");
        RawEmail email = readRange(mbox, 0, Long.MAX_VALUE).get(0);
        assertThat(new String(email.bytes(), StandardCharsets.UTF_8)).isEqualTo("Subject: one\n\nFrom here\n>From there\nplain\n");
    }

    @Test
    void anMboxWithoutFromLineIsOneProblemEmail() throws IOException {
        byte[] notMbox = mbox("Subject: hello\n\njust text\n");
        List<RawEmail> emails = readRange(notMbox, 0, Long.MAX_VALUE);
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).problem()).startsWith("mbox_without_from_line");
    }

    @Test
    void tinyFilesYieldNothingOrAProblem() throws IOException {
        assertThat(readRange(Files.readAllBytes(MAILBOX.resolve("size-0")), 0, Long.MAX_VALUE)).isEmpty();
        assertThat(readRange(Files.readAllBytes(MAILBOX.resolve("size-1")), 0, Long.MAX_VALUE)).isEmpty();
        List<RawEmail> two = readRange(Files.readAllBytes(MAILBOX.resolve("size-2")), 0, Long.MAX_VALUE);
        assertThat(two).hasSize(1);
        assertThat(two.get(0).problem()).startsWith("mbox_without_from_line");
    }

    @Test
    void keepsAtMostTheLimitOfAHugeEmailButCountsItWhole() throws IOException {
        StringBuilder text = new StringBuilder("From a@example.com Thu Nov 26 04:01:10 2026\nSubject: big\n\n");
        String line = "x".repeat(999) + "\n";
        int lines = MboxReader.MAX_EMAIL_BYTES / 1000 + 100;
        text.append(line.repeat(lines));
        RawEmail email = readRange(mbox(text.toString()), 0, Long.MAX_VALUE).get(0);
        assertThat(email.truncated()).isTrue();
        assertThat(email.bytes().length).isLessThanOrEqualTo(MboxReader.MAX_EMAIL_BYTES + 1000);
        assertThat(email.totalBytes()).isGreaterThan(MboxReader.MAX_EMAIL_BYTES);
    }

    static List<RawEmail> readRange(byte[] file, long start, long end) throws IOException {
        int from = (int) Math.max(0, start - 1);
        MboxReader reader = new MboxReader(new ByteArrayInputStream(file, from, file.length - from), start, end);
        List<RawEmail> emails = new ArrayList<>();
        for (RawEmail email = reader.next(); email != null; email = reader.next()) {
            emails.add(email);
        }
        return emails;
    }

    private static List<Long> offsets(List<RawEmail> emails) {
        return emails.stream().map(RawEmail::offset).toList();
    }

    private static byte[] mbox(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
