package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule table is data; this proves every rule is exercised by its own samples (fail2ban-style). */
class RuleTableTest {
    private static final Classifier CLASSIFIER = Classifier.withDefaultRules();

    static Stream<Arguments> samples() {
        return CLASSIFIER.rules().stream()
                .flatMap(rule -> rule.samples().stream().map(sample -> Arguments.of(rule.id(), sample)));
    }

    @Test
    void everyRuleHasAtLeastOneSample() {
        assertThat(CLASSIFIER.rules()).isNotEmpty().allSatisfy(rule ->
                assertThat(rule.samples()).as("samples of rule %s", rule.id()).isNotEmpty());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void everySampleIsClassifiedByItsOwnRule(String ruleId, String sample) {
        Rule rule = CLASSIFIER.matchingRule(Reply.parse(sample, SmtpStage.UNKNOWN));
        assertThat(rule).as("no rule matched %s", sample).isNotNull();
        assertThat(rule.id()).isEqualTo(ruleId);
    }

    @Test
    void ruleIdsAreUniqueAndOrdersAscend() {
        List<Rule> rules = CLASSIFIER.rules();
        assertThat(rules.stream().map(Rule::id).distinct().count()).isEqualTo(rules.size());
        for (int index = 1; index < rules.size(); index++) {
            assertThat(rules.get(index).order()).isGreaterThanOrEqualTo(rules.get(index - 1).order());
        }
    }

    @Test
    void aRuleWithoutAnyConditionIsRejected() {
        String table = "id,order,codes,statuses,stages,phrases,unless,reason,guide_rule,samples\n"
                + "empty,1,,,,,,blocked,,550 x\n";
        assertThatThrownBy(() -> RuleTable.read(new StringReader(table), "test.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.csv line 1")
                .hasMessageContaining("no condition");
    }

    @Test
    void anUnknownReasonOrGuideRuleIsRejected() {
        String badReason = "id,order,codes,statuses,stages,phrases,unless,reason,guide_rule,samples\n"
                + "r,1,,,,foo,,notareason,,foo\n";
        String badGuide = "id,order,codes,statuses,stages,phrases,unless,reason,guide_rule,samples\n"
                + "r,1,,,,foo,,blocked,no_such_row,foo\n";
        assertThatThrownBy(() -> RuleTable.read(new StringReader(badReason), "a.csv")).hasMessageContaining("a.csv line 1");
        assertThatThrownBy(() -> RuleTable.read(new StringReader(badGuide), "b.csv")).hasMessageContaining("unknown guide rule");
    }

    @Test
    void anOverridingTableIsUsedAsGiven() throws IOException {
        String table = "id,order,codes,statuses,stages,phrases,unless,reason,guide_rule,samples\n"
                + "mine,1,,,,purple monkey,,spamdetected,,550 purple monkey\n";
        Classifier custom = new Classifier(RuleTable.read(new StringReader(table), "custom.csv"));
        assertThat(custom.classify(Reply.parse("550 the purple  MONKEY said no", SmtpStage.RCPT)).ruleId()).isEqualTo("mine");
        assertThat(custom.classify(Reply.parse("550 user unknown", SmtpStage.RCPT)).ruleId()).isEqualTo(Classifier.NO_RULE);
    }
}
