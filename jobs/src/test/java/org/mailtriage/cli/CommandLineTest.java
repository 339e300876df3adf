package org.mailtriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;

/** The command line as a user meets it: help, one-line errors, exit codes. */
class CommandLineTest {
    @TempDir
    Path temp;

    /** What a command printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"explain", "ingest"})
    void everyCommandHasHelp(String command) {
        Run run = run(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mailtriage " + command);
    }

    @Test
    void explainNamesReasonGuideRuleRemedyBlocklistAndRule() {
        Run run = run("explain", "550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("reason:      blocked", "guide rule:  blocklisted", "remedy:      request_delisting",
                "blocklist:   zen.spamhaus.org", "client IP:   192.0.2.10", "rule id:     blocked/blocked-using", "decided by:  phrase layer");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run run = run("ingest", "--input", "x", "--warehouse", "y", "--frobnicate");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void aMissingInputIsOneClearLineAndExitCode2() {
        SharedSpark.session();
        Run run = run("ingest", "--input", temp.resolve("missing.log").toString(), "--warehouse", temp.resolve("w").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("mailtriage: input not found: ").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void anUnwritableWarehouseIsOneClearLineAndExitCode2() throws IOException {
        SharedSpark.session();
        Path aFile = Files.writeString(temp.resolve("a-file"), "not a directory");
        Run run = run("ingest", "--input", ProjectFiles.resolve("data-samples/logs").toString(), "--warehouse", aFile.resolve("warehouse").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("mailtriage: warehouse not writable: ").doesNotContain("\n");
    }

    @Test
    void aBadRuleFileIsOneClearLineAndExitCode2() throws IOException {
        Path rules = Files.writeString(temp.resolve("rules.csv"), "order,reason,phrase,source,sample\n1,nonsense,x,rfc:5321,550 x\n");
        Run run = run("explain", "--rules", rules.toString(), "550 x");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bad rule table").contains("rules.csv line 2");
    }

    static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
