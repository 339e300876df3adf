package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule of the built-in table carries samples, and each sample is classified by its own rule. */
class RuleTableTest {
    private final Classifier classifier = Classifier.withDefaultRules();

    @Test
    void everyRuleHasASample() {
        for (Rule rule : classifier.rules()) {
            assertThat(rule.samples()).as("samples of rule %s", rule.id()).isNotEmpty();
        }
    }

    @Test
    void everySampleIsClassifiedByItsOwnRule() {
        List<String> wrong = new ArrayList<>();
        for (Rule rule : classifier.rules()) {
            for (String sample : rule.samples()) {
                Reply reply = Reply.parse(sample, stageOf(rule));
                Rule matched = classifier.matchingRule(reply);
                String matchedId = matched == null ? Classifier.NO_RULE : matched.id();
                if (!matchedId.equals(rule.id())) {
                    wrong.add(rule.id() + " <- \"" + sample + "\" matched " + matchedId);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** A rule that only holds at some SMTP stages is tried with its first stage, as a log parser would report it. */
    private static SmtpStage stageOf(Rule rule) {
        if (rule.stages().isEmpty() || rule.stages().contains(SmtpStage.UNKNOWN)) {
            return SmtpStage.UNKNOWN;
        }
        return rule.stages().stream().sorted().findFirst().orElseThrow();
    }
}
