package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The phrase automaton against a plain regex reading of the same rules: case, white space, quotes, word boundaries, gaps. */
class TextMatcherTest {
    @Test
    void findsTermsAtWordBoundariesOnly() {
        assertFound("1 attempts", "Delivery failed after 21 attempts", false);
        assertFound("1 attempts", "Delivery failed after 1 attempts", true);
        assertFound("spam", "blocked using zen.spamhaus.org", false);
        assertFound("spam", "message is spam.", true);
        assertFound("dynamic ip", "we do not accept mail from dynamic IPs", false);
        assertFound("dynamic ips", "we do not accept mail from dynamic IPs", true);
        assertFound("rdns", "550 RP:RDN recipient does not exist", false);
    }

    @Test
    void ignoresCaseSpaceRunsAndTypographicQuotes() {
        assertFound("user unknown", "550 5.1.1 USER\t\n  UNKNOWN", true);
        assertFound("weren't sent", "messages from [192.0.2.10] weren\u2019t sent", true);
    }

    @Test
    void needsNoBoundaryBesidePunctuationCjkOrUnderscore() {
        assertFound("_102", "Client host blocked for spamming issues. OFR006_102", true);
        assertFound("[bl21]", "553 5.7.1 [BL21] Connections will not be accepted", true);
        assertFound("用户不存在", "550 收件人用户不存在了", true);
    }

    @Test
    void findsGappedPhrasesOnlyInOrder() {
        TextMatcher matcher = new TextMatcher(List.of("user", "does not exist"));
        assertThat(matcher.find("550 User nobody does not exist").inOrder(new int[] {0, 1})).isTrue();
        assertThat(matcher.find("does not exist: user nobody").inOrder(new int[] {0, 1})).isFalse();
        assertThat(matcher.find("user nobody; user x does not exist").inOrder(new int[] {0, 1})).isTrue();
    }

    /** 3,000 random texts built from the rule words, spaces, quotes, digits and letters: the automaton and the regexes agree. */
    @Test
    void agreesWithTheRegexReadingOnRandomTexts() {
        List<String> terms = new ArrayList<>();
        for (Rule rule : Classifier.withDefaultRules().book().all()) {
            if (rule.phrase() != null) {
                for (String part : rule.phrase().parts()) {
                    if (!terms.contains(part)) {
                        terms.add(part);
                    }
                }
            }
        }
        TextMatcher matcher = new TextMatcher(terms);
        Random random = new Random(14);
        String[] glue = {" ", "  ", "\t", "\n", "a", "1", ".", "-", "_", "'", "\u2019", "X", "s", ":", "[", "]", "é", "用"};
        int found = 0;
        List<Pattern> patterns = terms.stream().map(term -> naivePattern(List.of(term))).toList();
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(5);
            for (int piece = 0; piece < pieces; piece++) {
                text.append(glue[random.nextInt(glue.length)]);
                String term = terms.get(random.nextInt(terms.size()));
                text.append(random.nextBoolean() ? term.toUpperCase(java.util.Locale.ROOT) : term);
                text.append(glue[random.nextInt(glue.length)]);
            }
            TextMatcher.Hits hits = matcher.find(text.toString());
            String normalized = naiveNormalize(text.toString());
            for (int term = 0; term < terms.size(); term++) {
                boolean expected = patterns.get(term).matcher(normalized).find();
                assertThat(hits.contains(term)).as("term \"%s\" in \"%s\"", terms.get(term), text).isEqualTo(expected);
                found += expected ? 1 : 0;
            }
        }
        assertThat(found).as("the random texts do hold terms").isGreaterThan(3_000);
    }

    private static void assertFound(String term, String text, boolean expected) {
        assertThat(new TextMatcher(List.of(term)).find(text).contains(0)).as("\"%s\" in \"%s\"", term, text).isEqualTo(expected);
        assertThat(naiveContainsInOrder(text, List.of(TextMatcher.normalize(term)))).as("naive \"%s\" in \"%s\"", term, text).isEqualTo(expected);
    }

    /** The documented matching rule as regexes: normalize, then each part at word boundaries, the parts in this order. */
    static boolean naiveContainsInOrder(String text, List<String> parts) {
        return naivePattern(parts).matcher(naiveNormalize(text)).find();
    }

    private static Pattern naivePattern(List<String> parts) {
        StringBuilder pattern = new StringBuilder();
        for (String part : parts) {
            if (!pattern.isEmpty()) {
                pattern.append(".*?");
            }
            if (isAsciiWord(part.charAt(0))) {
                pattern.append("(?<![a-z0-9])");
            }
            pattern.append(Pattern.quote(part));
            if (isAsciiWord(part.charAt(part.length() - 1))) {
                pattern.append("(?![a-z0-9])");
            }
        }
        return Pattern.compile(pattern.toString(), Pattern.DOTALL);
    }

    private static boolean isAsciiWord(char character) {
        return character >= 'a' && character <= 'z' || character >= '0' && character <= '9';
    }

    private static String naiveNormalize(String text) {
        String folded = text.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u02bc', '\'').replace('\u201c', '"').replace('\u201d', '"')
                .replace('\u00a0', ' ').replace('\u3000', ' ');
        StringBuilder lower = new StringBuilder();
        for (int index = 0; index < folded.length(); index++) {
            char character = folded.charAt(index);
            boolean space = character == ' ' || character == '\t' || character == '\n' || character == '\r' || character == '\f'
                    || character == 0x0B || character > 127 && Character.isWhitespace(character);
            lower.append(space ? ' ' : Character.toLowerCase(character));
        }
        return lower.toString().replaceAll(" +", " ").strip();
    }
}
