package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mailtriage.model.Classification;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Layer;
import org.mailtriage.model.Reason;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;

/**
 * Fuzzes the classifier. The input's first byte picks the SMTP stage, the rest is the reply as a log or bounce gives
 * it ("550 5.7.1 text"), split by ReplyCodes as the parsers do. Invariants: the classifier returns a reason for every
 * reply and is deterministic; the Aho–Corasick TextMatcher finds exactly the terms a naive regex search finds
 * ({@link TextMatcherTest#naiveFind}); the provider and phrase rows chosen are the first rows, in table order, whose
 * words the naive search finds in order and whose conditions hold; a blocklist is named only for a refusal of the client.
 */
class ClassifierFuzzTest {
    private static final Classifier CLASSIFIER = Classifier.withDefaultRules();

    @FuzzTest(maxDuration = "3m")
    void classify(byte[] input) {
        SmtpStage[] stages = SmtpStage.values();
        SmtpStage stage = input.length == 0 ? SmtpStage.UNKNOWN : stages[(input[0] & 0xff) % stages.length];
        String text = input.length == 0 ? "" : new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Reply reply = Reply.parse(text, stage);

        Classifier.Explanation explanation = CLASSIFIER.explain(reply);
        Classification classification = explanation.classification();
        assertThat(classification.reason()).isNotNull();
        assertThat(CLASSIFIER.classify(reply)).as("deterministic").isEqualTo(classification);

        Rule provider = naiveFirst(CLASSIFIER.book().layer(Layer.PROVIDER), reply);
        assertThat(explanation.provider()).isEqualTo(provider);
        if (provider == null) {
            assertThat(explanation.phrase()).isEqualTo(naiveFirst(CLASSIFIER.book().layer(Layer.PHRASE), reply));
        } else {
            assertThat(classification.ruleId()).isEqualTo(provider.id());
        }
        if (classification.blocklist() != null) {
            assertThat(classification.reason() == Reason.BLOCKED || classification.reason() == Reason.BADREPUTATION
                    || classification.guideRule() == GuideRule.BLOCKLISTED).as("only a refusal of the client names a list").isTrue();
        }
        if (reply.replyCode() != null) {
            assertThat(reply.replyCode()).isBetween(200, 599);
        }
        if (reply.enhancedStatus() != null) {
            assertThat(reply.enhancedStatus()).matches("[245]\\.\\d{1,3}\\.\\d{1,3}");
        }
    }

    private static Rule naiveFirst(List<Rule> rules, Reply reply) {
        for (Rule rule : rules) {
            if (TextMatcherTest.naiveContainsInOrder(reply.text(), rule.phrase().parts()) && rule.conditions().hold(reply, null)) {
                return rule;
            }
        }
        return null;
    }
}
