package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.testing.ProjectFiles;

/**
 * Table-driven parser tests: each case file holds sample lines with the fields expected beside them
 * (fail2ban style). One parser instance reads a file in order, so Exchange's #Fields line applies to the
 * records after it. Fails when a parser form has no sample.
 */
class MtaParserCasesTest {
    private static final LocalDate REFERENCE = LocalDate.of(2026, 11, 26);
    private static final EventClassifier CLASSIFIER = new ClassifyStage(Classifier.withDefaultRules());

    static Stream<Arguments> caseFiles() {
        ServerDirectory servers = servers();
        return Stream.of(
                Arguments.of("exim.cases", (Supplier<FormAwareParser>) () -> new EximParser(servers)),
                Arguments.of("sendmail.cases", (Supplier<FormAwareParser>) () -> new SendmailParser(servers)),
                Arguments.of("opensmtpd.cases", (Supplier<FormAwareParser>) () -> new OpenSmtpdParser(servers)),
                Arguments.of("exchange-2013.cases", (Supplier<FormAwareParser>) () -> new ExchangeTrackingParser(servers)),
                Arguments.of("exchange-2010.cases", (Supplier<FormAwareParser>) () -> new ExchangeTrackingParser(servers)),
                Arguments.of("courier.cases", (Supplier<FormAwareParser>) () -> new CourierParser(servers)),
                Arguments.of("qmail.cases", (Supplier<FormAwareParser>) () -> new QmailParser(servers)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseFiles")
    void everySampleLineGivesTheFieldsWrittenBesideIt(String resource, Supplier<FormAwareParser> parsers) throws IOException {
        FormAwareParser parser = parsers.get();
        List<ParserCases.Case> cases = ParserCases.read(resource);
        assertThat(cases).isNotEmpty();
        SoftAssertions softly = new SoftAssertions();
        StringBuilder dump = new StringBuilder();
        for (ParserCases.Case testCase : cases) {
            FormAwareParser.Parsed parsed = parser.parseWithForm(line(resource, testCase));
            dump.append(describe(testCase, parsed));
            softly.assertThat(testCase.expected()).as(testCase.where() + " states its form and result").containsKeys("form", "result");
            softly.assertThat(parsed.form()).as(testCase.where() + " form").isEqualTo(testCase.expected().get("form"));
            softly.assertThat(result(parsed.outcome())).as(testCase.where() + " result").isEqualTo(testCase.expected().get("result"));
            if (parsed.outcome() instanceof ParseOutcome.Events found) {
                for (int index = 0; index < found.events().size(); index++) {
                    DeliveryEvent event = CLASSIFIER.classify(found.events().get(index));
                    for (String key : ParserCases.EVENT_KEYS) {
                        String name = index == 0 ? key : key + "[" + index + "]";
                        String expected = testCase.expected().getOrDefault(name, ParserCases.defaultValue(key));
                        softly.assertThat(ParserCases.field(event, key)).as(testCase.where() + " " + name).isEqualTo(expected);
                    }
                }
                softly.assertThat(found.events().stream().map(DeliveryEvent::eventId).distinct().count())
                        .as(testCase.where() + " event ids differ per recipient").isEqualTo(found.events().size());
            }
            Set<String> known = new HashSet<>(List.of("form", "result", "in-sample"));
            for (String key : testCase.expected().keySet()) {
                String base = key.replaceAll("\\[\\d+\\]$", "");
                softly.assertThat(known.contains(key) || ParserCases.EVENT_KEYS.contains(base)).as(testCase.where() + " knows key " + key).isTrue();
            }
        }
        if (Boolean.getBoolean("mailtriage.dumpCases")) {
            Path out = Path.of("target", "cases-dump", resource);
            Files.createDirectories(out.getParent());
            Files.writeString(out, dump.toString());
        }
        softly.assertAll();
    }

    @Test
    void everyFormOfEveryParserHasASample() throws IOException {
        Map<String, List<String>> filesByParser = Map.of(
                "exim", List.of("exim.cases"), "sendmail", List.of("sendmail.cases"), "opensmtpd", List.of("opensmtpd.cases"),
                "exchange", List.of("exchange-2013.cases", "exchange-2010.cases"), "courier", List.of("courier.cases"),
                "qmail", List.of("qmail.cases"));
        ServerDirectory servers = servers();
        Map<String, FormAwareParser> parsers = Map.of("exim", new EximParser(servers), "sendmail", new SendmailParser(servers),
                "opensmtpd", new OpenSmtpdParser(servers), "exchange", new ExchangeTrackingParser(servers),
                "courier", new CourierParser(servers), "qmail", new QmailParser(servers));
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, List<String>> entry : filesByParser.entrySet()) {
            Set<String> sampled = new HashSet<>();
            for (String resource : entry.getValue()) {
                ParserCases.read(resource).forEach(testCase -> sampled.add(testCase.expected().get("form")));
            }
            softly.assertThat(sampled).as(entry.getKey() + " forms with a sample").containsAll(parsers.get(entry.getKey()).forms());
        }
        softly.assertAll();
    }

    @Test
    void everySampleLineMatchesItsParsersPrefilter() throws IOException {
        ServerDirectory servers = servers();
        List<String> misses = new ArrayList<>();
        caseFiles().forEach(arguments -> {
            String resource = (String) arguments.get()[0];
            @SuppressWarnings("unchecked")
            FormAwareParser parser = ((Supplier<FormAwareParser>) arguments.get()[1]).get();
            try {
                for (ParserCases.Case testCase : ParserCases.read(resource)) {
                    byte[] bytes = testCase.line().getBytes(StandardCharsets.UTF_8);
                    boolean matches = parser.prefilter().matches(bytes, 0, bytes.length);
                    if (!matches && !"ignored".equals(testCase.expected().get("result"))) {
                        misses.add(testCase.where());
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(servers.size()).isPositive();
        assertThat(misses).as("lines with events or quarantined that the pre-filter would drop").isEmpty();
    }

    static ServerDirectory servers() {
        try (Reader reader = Files.newBufferedReader(ProjectFiles.resolve("data-samples/servers.csv"))) {
            return ServerDirectory.read(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static SourceLine line(String resource, ParserCases.Case testCase) {
        return new SourceLine("cases/" + resource, testCase.lineNumber(), testCase.line(), REFERENCE, ZoneOffset.UTC);
    }

    static String result(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Events events) {
            return "events " + events.events().size();
        }
        if (outcome instanceof ParseOutcome.Quarantined quarantined) {
            return "quarantined " + quarantined.reason();
        }
        return "ignored";
    }

    /** The case as the parser sees it, in case-file syntax: for reviewing a new sample (-Dmailtriage.dumpCases=true). */
    private static String describe(ParserCases.Case testCase, FormAwareParser.Parsed parsed) {
        StringBuilder text = new StringBuilder("line: ").append(testCase.line()).append('\n');
        text.append("form: ").append(parsed.form()).append('\n');
        text.append("result: ").append(result(parsed.outcome())).append('\n');
        if (!testCase.inSample()) {
            text.append("in-sample: no\n");
        }
        if (parsed.outcome() instanceof ParseOutcome.Events found) {
            for (int index = 0; index < found.events().size(); index++) {
                DeliveryEvent event = CLASSIFIER.classify(found.events().get(index));
                for (String key : ParserCases.EVENT_KEYS) {
                    String value = ParserCases.field(event, key);
                    if (value != null && !value.equals(ParserCases.defaultValue(key))) {
                        text.append(index == 0 ? key : key + "[" + index + "]").append(": ").append(value).append('\n');
                    }
                }
            }
        }
        return text.append('\n').toString();
    }
}
