package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtriage.model.Classification;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;

/**
 * The guide's rows as MTAs and providers really word them (guide-wordings.tsv): each lands on its row, as
 * {@code explain} shows it, and every row has at least five wordings from five different MTAs or providers.
 */
class GuideWordingsTest {
    private static final Classifier CLASSIFIER = Classifier.withDefaultRules();

    record Wording(GuideRule row, String source, SmtpStage stage, String reply) {
    }

    static List<Wording> wordings() throws IOException {
        List<Wording> wordings = new ArrayList<>();
        try (InputStream in = GuideWordingsTest.class.getResourceAsStream("/org/mailtriage/classify/guide-wordings.tsv")) {
            assertThat(in).isNotNull();
            boolean header = true;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                wordings.add(new Wording(GuideRule.fromLabel(cells[0]), cells[1], SmtpStage.fromWords(cells[2]), cells[3]));
            }
        }
        return wordings;
    }

    static Stream<Arguments> cases() throws IOException {
        return wordings().stream().map(wording -> Arguments.of(wording.row().label(), wording.source(), wording));
    }

    @ParameterizedTest(name = "{0} as {1} says it")
    @MethodSource("cases")
    void landsOnItsRow(String row, String source, Wording wording) {
        Classification result = CLASSIFIER.classify(Reply.parse(wording.reply(), wording.stage()));
        assertThat(result.guideRule()).as("row of %s", wording.reply()).isEqualTo(wording.row());
        assertThat(result.remedy()).isEqualTo(wording.row().remedy());
    }

    @Test
    void everyRowHasFiveWordingsFromFiveSources() throws IOException {
        Map<GuideRule, Set<String>> sources = new HashMap<>();
        for (Wording wording : wordings()) {
            // "postfix smtpd reject_rbl_client" and "postfix smtpd …" are one MTA; "guide §5.1" is the guide's provider.
            sources.computeIfAbsent(wording.row(), row -> new HashSet<>()).add(wording.source().split(" ")[0]);
        }
        for (GuideRule row : GuideRule.values()) {
            assertThat(sources.get(row)).as("sources of %s", row.label()).hasSizeGreaterThanOrEqualTo(5);
        }
    }
}
