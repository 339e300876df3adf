package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never makes a parser throw (in the pipeline a throw would cost the line as "parser_error"):
 * every prefix of every sample line, the lines with bytes flipped to junk, and some hostile lines all come
 * back as events, ignored or quarantined.
 */
class MtaParserBadInputTest {
    private static final LocalDate REFERENCE = LocalDate.of(2026, 11, 26);

    static List<org.junit.jupiter.params.provider.Arguments> caseFiles() {
        return MtaParserCasesTest.caseFiles().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseFiles")
    void truncatedAndMangledLinesNeverThrow(String resource, Supplier<FormAwareParser> parsers) throws IOException {
        FormAwareParser parser = parsers.get();
        List<String> inputs = new ArrayList<>();
        for (ParserCases.Case testCase : ParserCases.read(resource)) {
            String line = testCase.line();
            for (int end = 0; end <= line.length(); end++) {
                inputs.add(line.substring(0, end));
            }
            for (int index = 0; index < line.length(); index += 7) {
                inputs.add(line.substring(0, index) + '\uFFFD' + line.substring(index + 1));
                inputs.add(line.substring(0, index) + '"' + line.substring(index + 1));
            }
            // The same line repeated inside itself: long, and full of the tokens the patterns look for.
            inputs.add(line + " " + line.repeat(50));
        }
        inputs.addAll(hostileLines());
        List<String> thrown = new ArrayList<>();
        int events = 0;
        for (String input : inputs) {
            try {
                FormAwareParser.Parsed parsed = parser.parseWithForm(new SourceLine("bad", 0, input, REFERENCE, ZoneOffset.UTC));
                assertThat(parsed.outcome()).isNotNull();
                if (parsed.outcome() instanceof ParseOutcome.Events found) {
                    events += found.events().size();
                }
            } catch (RuntimeException e) {
                thrown.add(e + " on: " + (input.length() > 200 ? input.substring(0, 200) + "…" : input));
            }
        }
        assertThat(thrown).isEmpty();
        assertThat(events).as("the whole sample lines among the inputs still give events").isPositive();
    }

    private static List<String> hostileLines() {
        return List.of(
                "",
                " ",
                "\u0000\u0001\u0002 ** == rejected stat=Deferred dsn=5 reject= result=\"PermFail\" failed-command addr=<",
                "2026-11-26 03:14:15 " + "H=".repeat(5000) + " rejected RCPT <",
                "2026-11-26 03:14:15 1RookS-000Pg8-VO ** a@example.net " + "X=\"".repeat(3000),
                "2026-11-26 03:14:15 1RookS-000Pg8-VO == a@example.net " + "K=v ".repeat(8000),
                "Nov 26 05:01:10 sm1 sm-mta[1]: Q: " + "to=<a@example.net>, ".repeat(3000) + "stat=Deferred",
                "Nov 26 05:01:10 sm1 sm-mta[1]: Q: ruleset=check_relay, " + "relay=[".repeat(3000) + ", reject=550",
                "Nov 26 07:01:10 o smtpd[1]: 0123456789abcdef mta delivery " + "x=\"\\".repeat(4000) + " result=\"PermFail\"",
                "#Fields: " + "a,".repeat(5000),
                "2026-11-26T08:00:00Z," + "\"a\"\"".repeat(4000) + ",FAIL,",
                "Nov 26 11:01:10 c courieresmtpd: error,relay=" + ",".repeat(5000),
                "@4000000069267c3a0b2f1c3c delivery 1: failure: " + "Remote_host_said:_/".repeat(3000),
                "@ffffffffffffffffffffffff delivery 1: failure: x/",
                "Nov 26 10:20:00 q qmail: 99999999999.9999999999 delivery 1: failure: x/");
    }
}
