package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the rule matcher. The input's first byte picks the SMTP stage, the rest is the reply as a log or bounce
 * gives it ("550 5.7.1 text"), split by ReplyCodes as the parsers do. Invariants: the classifier returns a reason for
 * every reply and is deterministic; the Aho–Corasick PhraseMatcher finds exactly the phrases a naive substring
 * search finds (case-insensitive, white space runs as one space); the rule chosen is the first rule whose
 * conditions hold by that naive search; a blocklist is named only by rules that refuse the client.
 */
class ClassifierFuzzTest {
    private static final Classifier CLASSIFIER = Classifier.withDefaultRules();
    private static final List<String> PHRASES = new ArrayList<>();
    private static final PhraseMatcher MATCHER;
    /** Each rule's phrase and unless lists, normalized once. */
    private static final Map<List<String>, List<String>> NORMALIZED = new IdentityHashMap<>();

    static {
        for (Rule rule : CLASSIFIER.rules()) {
            NORMALIZED.put(rule.phrases(), rule.phrases().stream().map(PhraseMatcher::normalize).toList());
            NORMALIZED.put(rule.unless(), rule.unless().stream().map(PhraseMatcher::normalize).toList());
            for (String phrase : rule.phrases()) {
                add(phrase);
            }
            for (String phrase : rule.unless()) {
                add(phrase);
            }
        }
        MATCHER = new PhraseMatcher(PHRASES);
    }

    private static void add(String phrase) {
        String normalized = PhraseMatcher.normalize(phrase);
        if (!PHRASES.contains(normalized)) {
            PHRASES.add(normalized);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void classify(byte[] input) {
        SmtpStage[] stages = SmtpStage.values();
        SmtpStage stage = input.length == 0 ? SmtpStage.UNKNOWN : stages[(input[0] & 0xff) % stages.length];
        String text = input.length == 0 ? "" : new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Reply reply = Reply.parse(text, stage);

        Classification classification = CLASSIFIER.classify(reply);
        assertThat(classification).isNotNull();
        assertThat(classification.reason()).isNotNull();
        assertThat(CLASSIFIER.classify(reply)).as("deterministic").isEqualTo(classification);

        String normalizedText = naiveNormalize(reply.text());
        BitSet expected = new BitSet();
        for (int index = 0; index < PHRASES.size(); index++) {
            if (normalizedText.contains(PHRASES.get(index))) {
                expected.set(index);
            }
        }
        assertThat(MATCHER.find(reply.text())).as("phrases found in %s", normalizedText).isEqualTo(expected);

        Rule expectedRule = null;
        for (Rule rule : CLASSIFIER.rules()) {
            boolean phrasesHold = rule.phrases().isEmpty() || NORMALIZED.get(rule.phrases()).stream().anyMatch(normalizedText::contains);
            boolean vetoed = NORMALIZED.get(rule.unless()).stream().anyMatch(normalizedText::contains);
            if (phrasesHold && !vetoed && rule.codeMatches(reply.replyCode()) && rule.statusMatches(reply.enhancedStatus())
                    && rule.stageMatches(reply.stage())) {
                expectedRule = rule;
                break;
            }
        }
        assertThat(classification.ruleId()).isEqualTo(expectedRule == null ? Classifier.NO_RULE : expectedRule.id());
        if (expectedRule == null) {
            assertThat(classification.reason()).isEqualTo(Reason.UNDEFINED);
        } else {
            assertThat(classification.reason()).isEqualTo(expectedRule.reason());
        }
        if (classification.blocklist() != null) {
            assertThat(expectedRule.guideRule() == GuideRule.BLOCKLISTED || expectedRule.guideRule() == GuideRule.DYNAMIC_IP
                    || expectedRule.reason() == Reason.BLOCKED || expectedRule.reason() == Reason.BADREPUTATION)
                    .as("only a refusal of the client names a list").isTrue();
        }
        if (reply.replyCode() != null) {
            assertThat(reply.replyCode()).isBetween(200, 599);
        }
        if (reply.enhancedStatus() != null) {
            assertThat(reply.enhancedStatus()).matches("[245]\\.\\d{1,3}\\.\\d{1,3}");
        }
    }

    /** The documented matching rule, spelled out: lower case each character, white space runs as one space. */
    private static String naiveNormalize(String text) {
        StringBuilder normalized = new StringBuilder(text.length());
        boolean previousSpace = true;
        for (int position = 0; position < text.length(); position++) {
            char character = Character.toLowerCase(text.charAt(position));
            if (Character.isWhitespace(character)) {
                if (!previousSpace) {
                    normalized.append(' ');
                }
                previousSpace = true;
            } else {
                normalized.append(character);
                previousSpace = false;
            }
        }
        return normalized.toString();
    }
}
