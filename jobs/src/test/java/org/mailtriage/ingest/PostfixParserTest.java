package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.DeliveryEvent;

/** Every sample line in postfix-samples.txt yields exactly the fields written beside it. */
class PostfixParserTest {
    private static final LocalDate REFERENCE = LocalDate.of(2026, 11, 27);
    private static final EventClassifier CLASSIFIER = new ClassifyStage(Classifier.withDefaultRules());
    private static final PostfixParser PARSER = new PostfixParser(servers());

    static Stream<SampleLines.Sample> samples() {
        return SampleLines.read("/org/mailtriage/ingest/postfix-samples.txt").stream();
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("samples")
    void sampleLineYieldsItsExpectedFields(SampleLines.Sample sample) {
        ParseOutcome outcome = parse(sample.line());
        Map<String, String> expected = sample.expected();
        if (expected.containsKey("ignored")) {
            assertThat(outcome).as("line %d", sample.lineNumber()).isInstanceOf(ParseOutcome.Ignored.class);
            return;
        }
        if (expected.containsKey("quarantined")) {
            assertThat(outcome).as("line %d", sample.lineNumber()).isInstanceOf(ParseOutcome.Quarantined.class);
            assertThat(((ParseOutcome.Quarantined) outcome).reason()).isEqualTo(expected.get("quarantined"));
            return;
        }
        assertThat(outcome).as("line %d: %s", sample.lineNumber(), outcome).isInstanceOf(ParseOutcome.Events.class);
        List<DeliveryEvent> events = ((ParseOutcome.Events) outcome).events();
        assertThat(events).hasSize(1);
        DeliveryEvent event = CLASSIFIER.classify(events.get(0));
        for (Map.Entry<String, String> field : expected.entrySet()) {
            assertThat(SampleLines.field(event, field.getKey())).as("%s of line %d", field.getKey(), sample.lineNumber())
                    .isEqualTo(field.getValue());
        }
    }

    /** As the chunk reader does it: the byte pre-filter first, then the parser. */
    static ParseOutcome parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (!PARSER.prefilter().matches(bytes, 0, bytes.length)) {
            return ParseOutcome.IGNORED;
        }
        return PARSER.parse(new SourceLine("samples.log", 0, line, REFERENCE, ZoneOffset.UTC));
    }

    private static ServerDirectory servers() {
        try {
            return ServerDirectory.read(new StringReader(java.nio.file.Files.readString(
                    org.mailtriage.testing.ProjectFiles.resolve("data-samples/servers.csv"))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
