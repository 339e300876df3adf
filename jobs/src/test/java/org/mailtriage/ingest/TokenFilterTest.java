package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenFilterTest {
    static List<List<String>> tokenSets() {
        return List.of(PostfixParser.PREFILTER_TOKENS, EximParser.PREFILTER_TOKENS, SendmailParser.PREFILTER_TOKENS,
                OpenSmtpdParser.PREFILTER_TOKENS, CourierParser.PREFILTER_TOKENS, QmailParser.PREFILTER_TOKENS,
                ExchangeTrackingParser.PREFILTER_TOKENS, List.of("x"), List.of("ab", "b"), List.of("aaaa", "aab"));
    }

    @ParameterizedTest
    @MethodSource("tokenSets")
    void agreesWithPlainSearchOnLinesBuiltFromTokenPieces(List<String> tokens) {
        TokenFilter filter = new TokenFilter(tokens);
        Random random = new Random(tokens.hashCode());
        String alphabet = String.join("", tokens) + " =:<>,.";
        int matching = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(60);
            while (line.length() < length) {
                if (random.nextInt(12) == 0) {
                    String token = tokens.get(random.nextInt(tokens.size()));
                    line.append(token, 0, 1 + random.nextInt(token.length()));
                } else {
                    line.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = line.toString();
            boolean expected = tokens.stream().anyMatch(text::contains);
            matching += expected ? 1 : 0;
            // Padding on both sides: the filter must look only between from and to.
            byte[] padded = ("status=bounced" + text + "status=bounced").getBytes(StandardCharsets.UTF_8);
            int from = "status=bounced".length();
            assertThat(filter.matches(padded, from, padded.length - from)).as(text).isEqualTo(expected);
        }
        assertThat(matching).as("some generated lines contain a token").isGreaterThan(100);
    }

    @ParameterizedTest
    @MethodSource("tokenSets")
    void findsEachTokenAtTheStartTheEndAndAlone(List<String> tokens) {
        TokenFilter filter = new TokenFilter(tokens);
        for (String token : tokens) {
            for (String text : List.of(token, token + " tail", "head " + token, "a" + token + "b")) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                assertThat(filter.matches(bytes, 0, bytes.length)).as(text).isTrue();
            }
            byte[] cut = token.substring(0, token.length() - 1).getBytes(StandardCharsets.UTF_8);
            boolean cutHasToken = tokens.stream().anyMatch(token.substring(0, token.length() - 1)::contains);
            assertThat(filter.matches(cut, 0, cut.length)).as(token + " without its last byte").isEqualTo(cutHasToken);
        }
    }
}
