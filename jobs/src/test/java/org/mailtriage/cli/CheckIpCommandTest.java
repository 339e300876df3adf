package org.mailtriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.ProjectFiles;

/** check-ip against the sample fixture: no network, the demo's listings, PTR and HELO problems. */
class CheckIpCommandTest {
    private static final String FIXTURE = ProjectFiles.resolve("data-samples/dns/fixture.zone").toString();

    @Test
    void listedIpWithGoodPtrAndHelo() {
        Run run = run("192.0.2.10", "--helo", "out1.example.com", "--dns-fixture", FIXTURE);
        assertThat(run.code()).isEqualTo(ExitCodes.ALERT);
        assertThat(run.out()).contains("resolver fixture:fixture.zone")
                .containsPattern("dnsbl +zen.spamhaus.org +listed +127.0.0.2,127.0.0.10 .*SBL.*PBL")
                .contains("removal: https://check.spamhaus.org/")
                .containsPattern("dnsbl +bl.spamcop.net +not_listed")
                .containsPattern("dnsbl_self_test +zen.spamhaus.org +pass")
                .containsPattern("fcrdns +192.0.2.10 +pass .*out1.example.com")
                .containsPattern("helo_matches_ip +out1.example.com → 192.0.2.10 +pass");
    }

    @Test
    void missingPtrAndUnknownAnswers() {
        assertThat(run("192.0.2.20", "--dns-fixture", FIXTURE).out())
                .containsPattern("dnsbl +bl.spamcop.net +listed +127.0.0.2")
                .containsPattern("ptr +192.0.2.20 +fail +no PTR record");
        assertThat(run("203.0.113.23", "--helo", "mailserver", "--dns-fixture", FIXTURE).out())
                .containsPattern("dnsbl +all.s5h.net +unknown +127.255.255.254 .*\\[operator_error\\]")
                .containsPattern("fcrdns +203.0.113.23 +fail")
                .containsPattern("helo_fqdn +mailserver +fail");
    }

    @Test
    void cleanIpExitsZeroAndBadInputExitsTwo() {
        Run clean = run("192.0.2.30", "--helo", "mx1.example.com", "--dns-fixture", FIXTURE);
        assertThat(clean.code()).as(clean.out()).isEqualTo(ExitCodes.OK);
        assertThat(run("not-an-ip", "--dns-fixture", FIXTURE).code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("192.0.2.30", "--dns-fixture", "/nonexistent/fixture.zone").code()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    private record Run(int code, String out) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(prepend("check-ip", args));
            return new Run(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
