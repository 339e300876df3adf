package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mailtriage.model.SourceFormat;
import org.mailtriage.testing.ProjectFiles;

class ArchiveFormatSnifferTest {
    @Test
    void bounceArchives() throws IOException {
        assertSniffed(ProjectFiles.resolve("data-samples/bounces/archive.mbox"), SourceFormat.MBOX);
        assertSniffed(ProjectFiles.resolve("data-samples/bounces/guide/no-ptr.eml"), SourceFormat.EML);
        assertSniffed(ProjectFiles.resolve("data-samples/bounces/guide/blocklisted.eml"), SourceFormat.EML);
        assertSniffed(ProjectFiles.shared().resolve("corpus/sisimai/mailbox/mbox-0"), SourceFormat.MBOX);
        assertSniffed(ProjectFiles.shared().resolve("corpus/sisimai/emails/lhost-qmail-01.eml"), SourceFormat.EML);
        assertSniffed(ProjectFiles.resolve("data-samples/logs/mail.log"), SourceFormat.POSTFIX);
    }

    @Test
    void tinyAndPlainFilesAreUnknown() {
        assertThat(sniff("")).isEqualTo(SourceFormat.UNKNOWN);
        assertThat(sniff(" ")).isEqualTo(SourceFormat.UNKNOWN);
        assertThat(sniff("22\n")).isEqualTo(SourceFormat.UNKNOWN);
        assertThat(sniff("From here on, a note.\nNothing else.\n")).isEqualTo(SourceFormat.UNKNOWN);
        assertThat(sniff("Key: value\nOther: value\n\nnot mail")).isEqualTo(SourceFormat.UNKNOWN);
    }

    private static void assertSniffed(Path file, SourceFormat expected) throws IOException {
        byte[] head = Files.readAllBytes(file);
        assertThat(FormatSniffer.sniff(head, Math.min(head.length, 64 * 1024))).as(file.toString()).isEqualTo(expected);
    }

    private static SourceFormat sniff(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return FormatSniffer.sniff(bytes, bytes.length);
    }
}
