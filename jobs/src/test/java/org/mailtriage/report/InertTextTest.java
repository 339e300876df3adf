package org.mailtriage.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class InertTextTest {
    @Test
    void formulaStartsArePrefixed() {
        assertLine("=HYPERLINK(\"http://example.invalid\",\"click\")", "'=HYPERLINK(\"http://example.invalid\",\"click\")");
        assertLine("+1+2", "'+1+2");
        assertLine("-2+3", "'-2+3");
        assertLine("@SUM(A1:A2)", "'@SUM(A1:A2)");
        assertLine("\uFF1D1+1", "'\uFF1D1+1");
        // A tab or carriage return in front becomes white space, which is stripped: the formula underneath is still caught.
        assertLine("\t=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
        assertLine("\r\n@SUM(1)", "'@SUM(1)");
        assertLine("550 5.7.1 =not at the start", "550 5.7.1 =not at the start");
    }

    @Test
    void markupIsDefused() {
        assertLine("<script>alert(1)</script>", "\u2039script\u203Aalert(1)\u2039/script\u203A");
        assertLine("550 5.1.1 <nobody@example.net>: User unknown", "550 5.1.1 \u2039nobody@example.net\u203A: User unknown");
    }

    @Test
    void controlCharactersAndLineBreaksCollapse() {
        assertLine("550-5.7.1 first\r\n550 5.7.1 second", "550-5.7.1 first 550 5.7.1 second");
        assertLine("a\u0000b\u001bc  \u2028 d", "a b c d");
        assertLine("   ", "");
    }

    @Test
    void lengthIsBoundedOnCodePoints() {
        assertThat(InertText.line("x".repeat(1000))).hasSize(InertText.DEFAULT_MAX_LENGTH).endsWith("\u2026");
        assertThat(InertText.line("abcdef", 4)).isEqualTo("abc\u2026");
        String emoji = "\uD83D\uDCE7";
        assertThat(InertText.line(emoji.repeat(10), 4)).isEqualTo(emoji.repeat(3) + "\u2026");
        assertThat(InertText.line("abcd", 4)).isEqualTo("abcd");
        assertThatThrownBy(() -> InertText.line("abc", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multilineKeepsLineBreaksOnly() {
        assertThat(InertText.multiline("Hello,\r\n\r\n=our IP <192.0.2.10>\rbye\t!", 100))
                .isEqualTo("Hello,\n\n=our IP \u2039192.0.2.10\u203A\nbye !");
        assertThat(InertText.multiline("-starts badly\nfine", 100)).isEqualTo("'-starts badly\nfine");
    }

    @Test
    void nullStaysNullAndResultsAreInert() {
        assertThat(InertText.line(null)).isNull();
        assertThat(InertText.multiline(null, 10)).isNull();
        for (String hostile : new String[] {"=1", "\t-1", "<b>x</b>", "a\u0007b", "@x\r\n+y", "\uFF20z"}) {
            assertThat(InertText.isInert(hostile)).as(hostile).isFalse();
            assertThat(InertText.isInert(InertText.line(hostile))).as(hostile).isTrue();
            assertThat(InertText.isInert(InertText.multiline(hostile, 50))).as(hostile).isTrue();
        }
    }

    /**
     * inert-cases.json: hostile texts with what line() and multiline() make of them. The Python twin
     * (notebooks/python/mailtriage_inert.py) is held to the same file by python/tests/test_inert.py.
     */
    @Test
    void answersTheCasesSharedWithThePythonTwin() throws IOException {
        JsonNode cases;
        try (InputStream in = InertTextTest.class.getResourceAsStream("inert-cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertThat(cases.size()).isGreaterThanOrEqualTo(20);
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode testCase : cases) {
            String text = testCase.path("text").isNull() ? "x".repeat(testCase.path("x_repeated").asInt()) : testCase.path("text").asText();
            int maxLength = testCase.path("max_length").asInt();
            String name = testCase.path("name").asText();
            softly.assertThat(InertText.line(text, maxLength)).as(name + " line").isEqualTo(testCase.path("line").asText());
            softly.assertThat(InertText.multiline(text, maxLength)).as(name + " multiline").isEqualTo(testCase.path("multiline").asText());
            softly.assertThat(InertText.isInert(InertText.line(text, maxLength))).as(name + " is inert").isTrue();
        }
        softly.assertAll();
    }

    private static void assertLine(String input, String expected) {
        assertThat(InertText.line(input)).isEqualTo(expected);
    }
}
