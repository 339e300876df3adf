package org.mailtriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain --file: one reply per line, classified as explain classifies one, as TSV or JSON lines. */
class ExplainFileTest {
    private static final String REPLIES = """
            550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org

            # a comment line, skipped
            450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.20]
            =HYPERLINK("https://evil.example")\t<script>x</script>\u001b[31m
            """;

    @TempDir
    Path temp;

    @Test
    void tsvHasAHeaderAndOneRowPerReplyWithItsLineNumber() throws IOException {
        CommandLineTest.Run run = CommandLineTest.run("explain", "--file", replies().toString());
        assertThat(run.exitCode()).isZero();
        List<String> rows = run.out().lines().toList();
        assertThat(rows).containsExactly(
                "line\treply_code\tstatus\treason\tguide_rule\tremedy\tblocklist\tclient_ip\tlayer\trule_id\treply",
                "1\t550\t5.7.1\tblocked\tblocklisted\trequest_delisting\tzen.spamhaus.org\t192.0.2.10\tphrase\tblocked/blocked-using\t"
                        + "550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org",
                "4\t450\t4.7.1\trequireptr\tno_ptr\tset_ptr\t-\t192.0.2.20\tphrase\trequireptr/cannot-find-your-hostname\t"
                        + "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.20]",
                "5\t-\t-\tundefined\t-\t-\t-\t-\tnone\tnone\t'=HYPERLINK(\"https://evil.example\") \u2039script\u203Ax\u2039/script\u203A [31m");
        // The reply shown is inert: its tab did not add a column.
        assertThat(rows).allSatisfy(row -> assertThat(row.split("\t", -1)).hasSize(ExplainBatch.COLUMNS.size()));
    }

    @Test
    void explainOfOneReplyAndOfAFileAgree() throws IOException {
        String reply = "421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints";
        CommandLineTest.Run one = CommandLineTest.run("explain", reply);
        CommandLineTest.Run file = CommandLineTest.run("explain", "--file", Files.writeString(temp.resolve("one.txt"), reply).toString());
        String[] row = file.out().lines().toList().get(1).split("\t");
        assertThat(one.out()).contains("reason:      " + row[3], "rule id:     " + row[9], "decided by:  " + row[8]);
    }

    @Test
    void jsonIsOneObjectPerReply() throws IOException {
        CommandLineTest.Run run = CommandLineTest.run("explain", "--file", replies().toString(), "--output", "json");
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.path("line").asInt()).isEqualTo(1);
        assertThat(first.path("reason").asText()).isEqualTo("blocked");
        assertThat(first.path("blocklist").asText()).isEqualTo("zen.spamhaus.org");
        assertThat(new ObjectMapper().readTree(lines.get(1)).path("blocklist").isNull()).isTrue();
    }

    @Test
    void noReplyOrBothOrAnUnreadableFileIsABadInput() {
        assertThat(CommandLineTest.run("explain").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(CommandLineTest.run("explain", "--file", temp.resolve("x").toString(), "550 x").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CommandLineTest.Run missing = CommandLineTest.run("explain", "--file", temp.resolve("missing.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("file of replies not readable");
    }

    private Path replies() throws IOException {
        return Files.writeString(temp.resolve("replies.txt"), REPLIES);
    }
}
