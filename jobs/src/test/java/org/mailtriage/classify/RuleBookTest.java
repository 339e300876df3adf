package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtriage.model.Classification;
import org.mailtriage.model.Layer;
import org.mailtriage.model.Reason;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;

/**
 * The classifier's tables are data; this proves each row earns its place (fail2ban-style): every row cites why it
 * exists and carries a sample that it alone decides, so a dead row (one an earlier row always beats) or a row without
 * a sample fails here, table by table.
 */
class RuleBookTest {
    private static final Classifier CLASSIFIER = Classifier.withDefaultRules();
    /** "[stage=DATA action=failed type=x-unix] reply": what a sample's reply answered, where a row depends on it. */
    private static final Pattern SAMPLE_CONTEXT = Pattern.compile("^\\[([^\\]]*)\\]\\s*");
    private static final List<String> SOURCE_KINDS = List.of("corpus:", "mta:", "provider:", "rfc:", "guide:", "dnsbl-md", "reference:",
            "IANA registry");

    static Stream<Arguments> samples() {
        return CLASSIFIER.book().all().stream().flatMap(rule -> rule.samples().stream().map(sample -> Arguments.of(rule.id(), sample)));
    }

    @Test
    void everyTableHasRowsAndEveryRowASampleAndASource() {
        for (Layer layer : RuleBook.TABLE_LAYERS) {
            assertThat(CLASSIFIER.book().layer(layer)).as("rows of %s", RuleBook.fileOf(layer)).isNotEmpty();
        }
        assertThat(CLASSIFIER.book().all()).allSatisfy(rule -> {
            assertThat(rule.samples()).as("samples of %s", rule.id()).isNotEmpty();
            assertThat(rule.sources()).as("sources of %s", rule.id()).isNotEmpty()
                    .allSatisfy(source -> assertThat(SOURCE_KINDS).as("kind of source %s of %s", source, rule.id())
                            .anySatisfy(kind -> assertThat(source).startsWith(kind)));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void everySampleIsDecidedByItsOwnRow(String ruleId, String sample) {
        Rule own = CLASSIFIER.book().all().stream().filter(candidate -> candidate.id().equals(ruleId)).findFirst().orElseThrow();
        Classifier.Explanation explanation = CLASSIFIER.explain(replyOf(sample, own));
        Rule chosen = explanation.chosen(own.layer());
        assertThat(chosen).as("no %s row chose %s", own.layer().label(), sample).isNotNull();
        assertThat(chosen.id()).as("the %s row that chose %s", own.layer().label(), sample).isEqualTo(ruleId);
        if (own.layer() != Layer.STAGE || own.reason() != explanation.classification().reason() || explanation.phrase() == null) {
            // A stage row that keeps the words' reason only confirms it; every other row decides its sample.
            assertThat(explanation.classification().ruleId()).as("the rule that decided %s", sample).isEqualTo(ruleId);
        }
        assertThat(explanation.classification().reason()).isEqualTo(own.reason());
    }

    /** A rule needs a reason to exist beyond one email: a second sample, the MTA's own text, a published code list. */
    @Test
    void noRowRestsOnASingleCorpusEmail() {
        assertThat(CLASSIFIER.book().all()).allSatisfy(rule -> assertThat(rule.onlyFromCorpus() && rule.corpusSources().size() < 2)
                .as("%s cites only %s", rule.id(), rule.sources()).isFalse());
    }

    @Test
    void idsAreUniqueAcrossTables() {
        Map<String, Integer> counts = new HashMap<>();
        CLASSIFIER.book().all().forEach(rule -> counts.merge(rule.id(), 1, Integer::sum));
        assertThat(counts).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }

    @Test
    void aTableOutOfOrderIsRefused() {
        String table = "order,reason,phrase,source,sample\n20,spamdetected,spam,rfc:1,550 spam\n10,virusdetected,virus,rfc:1,550 virus\n";
        assertThatThrownBy(() -> RuleBook.read(Layer.PHRASE, new StringReader(table), "test.csv"))
                .hasMessageContaining("test.csv line 3").hasMessageContaining("sorted by order");
    }

    @Test
    void aRowWithoutSourceOrWordsIsRefused() {
        String noSource = "order,reason,phrase,source,sample\n10,spamdetected,spam,,550 spam\n";
        String noWords = "order,reason,phrase,source,sample\n10,spamdetected,,rfc:1,550 spam\n";
        String badReason = "order,reason,phrase,source,sample\n10,notareason,spam,rfc:1,550 spam\n";
        assertThatThrownBy(() -> RuleBook.read(Layer.PHRASE, new StringReader(noSource), "a.csv")).hasMessageContaining("cites no source");
        assertThatThrownBy(() -> RuleBook.read(Layer.PHRASE, new StringReader(noWords), "b.csv")).hasMessageContaining("needs its words");
        assertThatThrownBy(() -> RuleBook.read(Layer.PHRASE, new StringReader(badReason), "c.csv")).hasMessageContaining("c.csv line 2");
    }

    @Test
    void anOverridingPhraseTableIsUsedAsGivenWithTheOtherLayersBuiltIn() throws IOException {
        String table = "order,reason,phrase,source,sample\n1,spamdetected,purple monkey,rfc:1,550 purple monkey\n";
        Classifier custom = new Classifier(RuleBook.withPhrases(new StringReader(table), "custom.csv"));
        assertThat(custom.classify(Reply.parse("550 the purple  MONKEY said no", SmtpStage.RCPT)).ruleId()).isEqualTo("spamdetected/purple-monkey");
        // "user unknown" is no phrase of that table; the status layer still knows 5.1.1.
        Classification fallback = custom.classify(Reply.parse("550 5.1.1 user unknown", SmtpStage.RCPT));
        assertThat(fallback.layer()).isEqualTo(Layer.STATUS);
        assertThat(fallback.reason()).isEqualTo(Reason.USERUNKNOWN);
    }

    /** The reply a sample stands for, with the stage, action and diagnostic type its "[…]" prefix or its row names. */
    static Reply replyOf(String sample, Rule rule) {
        Map<String, String> context = new HashMap<>();
        String text = sample;
        Matcher prefix = SAMPLE_CONTEXT.matcher(sample);
        if (prefix.find()) {
            for (String pair : prefix.group(1).trim().split("\\s+")) {
                String[] keyValue = pair.split("=", 2);
                context.put(keyValue[0], keyValue[1]);
            }
            text = sample.substring(prefix.end());
        }
        SmtpStage stage = context.containsKey("stage") ? SmtpStage.fromWords(context.get("stage"))
                : rule.conditions().stages().stream().sorted().findFirst().orElse(SmtpStage.UNKNOWN);
        String action = context.getOrDefault("action", rule.conditions().actions().contains("failed") ? "failed" : null);
        Reply parsed = Reply.parse(text, stage);
        return new Reply(parsed.replyCode(), parsed.enhancedStatus(), stage, parsed.text(), action, context.get("type"));
    }
}
