package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bounce parser's plain-loop text helpers and its sped-up patterns must do exactly what the
 * regexes they replaced did: each is compared with the regex form on the same texts, built at
 * random from the pieces that decide these patterns (keywords, spaces of each kind, brackets,
 * digits, dots, line ends, non-ASCII letters).
 */
class BounceTextTest {
    private static final String[] PIECES = {
        "client", "Client host", "CLIENT", "your IP", "your ip address", "sending ip", "Sending IP address", "connecting ip", "from ip",
        "ip address", "IP=", "ip", "Ip", "recipient", "host", "Host", "ghost", " ", "  ", "\t", "\u000B", "\f", "\n", "\r\n", "\r", "\r\r\n",
        "[", "]", "[IPv6:", ".", "..", ":", "=", "-", "mx", "Mail", "example", "com", "NET", "x", "1", "12", "192", "256", "1234", "7",
        "2001:db8::1", "192.0.2.1", "203.0.113.77", "1.2.3.4567", "10.0.0", "mx.example.com", "a.b", ".com", "host.example.",
        "[192.0.2.9]", "[2001:DB8::a]", "550", "250", "421", "554 ", "550-5.7.1", "5.1.1", "4.4.7", "5.0.0.1", "x550", ":550",
        "after RCPT TO", "in reply to", "In Reply To end of data", "DATA", "[RCPT_TO]", "[data]", "command MAIL FROM", ">>>",
        "-----", "==", "*", "|", "original message", "原始邮件", "\u2028", "\u0085", "This is a copy of",
        "Returned Message", "content-type: message/rfc822", "abc",
        "é", "İ", "K", "ß", "日本", "\uD83D\uDE00", "<", ">", "\"", "@", "a@b.example", "User@Example.COM",
    };
    private static final Pattern PLAIN_HOST_AND_IP = Pattern.compile(
            "(?i)(?:host\\s+)?([a-z0-9.-]+\\.[a-z]{2,})\\.?\\s*\\[((?:\\d{1,3}\\.){3}\\d{1,3}|[0-9a-f:]+)\\]");
    private static final Pattern PLAIN_CLIENT_IP = Pattern.compile(
            "(?i)(?:client(?: host)?|your ip(?: address)?|sending ip(?: address)?|connecting ip|from ip|ip address|ip=|\\bip\\b)"
                    + "\\s*[:=]?\\s*\\[?((?:\\d{1,3}\\.){3}\\d{1,3})\\]?");

    private static List<String> randomTexts(long seed, int count) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(List.of("", " ", "\n", "\r\n", "\n\n", "a\n", "\na", "a\r", "\r\n\r\n", "x\r\r\ny"));
        for (int index = 0; index < count; index++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(14);
            for (int piece = 0; piece < pieces; piece++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            texts.add(text.toString());
        }
        // Texts the patterns are written for.
        texts.add("host mx.example.com[192.0.2.1] said: 550 5.7.1 Client host [198.51.100.7] blocked using zen.spamhaus.org");
        texts.add("Remote-MTA: dns; mail.example.net. [2001:db8::25]; your IP: 203.0.113.9 is listed");
        texts.add("ghost mx.EXAMPLE.org. \t[10.0.0.1] ip=192.0.2.44 from ip 1.2.3.4567");
        return texts;
    }

    @Test
    void linesSplitLikeTheRegex() {
        for (String text : randomTexts(1, 20_000)) {
            assertThat(BounceText.lines(text)).as("lines of %s", escape(text)).containsExactly(text.split("\r?\n"));
            assertThat(BounceText.allLines(text)).as("all lines of %s", escape(text)).containsExactly(text.split("\r?\n", -1));
        }
    }

    @Test
    void collapseSpacesLikeTheRegex() {
        for (String text : randomTexts(2, 20_000)) {
            assertThat(BounceText.collapseSpaces(text)).as(escape(text)).isEqualTo(text.replaceAll("\\s+", " "));
        }
        String unchanged = "nothing to collapse here";
        assertThat(BounceText.collapseSpaces(unchanged)).isSameAs(unchanged);
    }

    @Test
    void replaceIgnoringAsciiCaseLikeTheRegex() {
        Random random = new Random(3);
        for (String text : randomTexts(4, 20_000)) {
            String literal = PIECES[random.nextInt(PIECES.length)];
            assertThat(BounceText.replaceIgnoringAsciiCase(text, literal, "<recipient>"))
                    .as("%s in %s", escape(literal), escape(text))
                    .isEqualTo(text.replaceAll("(?i)" + Pattern.quote(literal), "<recipient>"));
        }
        // Only ASCII letters fold, as in a regex without UNICODE_CASE.
        assertThat(BounceText.replaceIgnoringAsciiCase("ÉLISE élise Elise", "élise", "x")).isEqualTo("ÉLISE x Elise");
        assertThat(BounceText.replaceIgnoringAsciiCase("aaaa", "aa", "b")).isEqualTo("bb");
        assertThatThrownBy(() -> BounceText.replaceIgnoringAsciiCase("a", "", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void letterCharsAndDigitDotDigitLikeTheRegex() {
        Pattern digitDotDigit = Pattern.compile("\\d\\.\\d");
        for (String text : randomTexts(5, 20_000)) {
            assertThat(BounceText.letterChars(text)).as(escape(text)).isEqualTo(text.replaceAll("[^\\p{L}]", "").length());
            assertThat(BounceText.hasDigitDotDigit(text)).as(escape(text)).isEqualTo(digitDotDigit.matcher(text).find());
        }
    }

    @Test
    void fastPatternsFindWhatThePlainOnesFind() {
        int hostMatches = 0;
        int clientMatches = 0;
        for (String text : randomTexts(6, 100_000)) {
            List<String> plainHosts = allMatches(PLAIN_HOST_AND_IP, text);
            assertThat(allMatches(BounceEvents.HOST_AND_IP, text)).as(escape(text)).isEqualTo(plainHosts);
            List<String> plainClients = allMatches(PLAIN_CLIENT_IP, text);
            assertThat(allMatches(BounceEvents.CLIENT_IP, text)).as(escape(text)).isEqualTo(plainClients);
            hostMatches += plainHosts.isEmpty() ? 0 : 1;
            clientMatches += plainClients.isEmpty() ? 0 : 1;
        }
        // The random texts must reach the patterns, or the comparison says nothing.
        assertThat(hostMatches).isGreaterThan(200);
        assertThat(clientMatches).isGreaterThan(200);
    }

    @Test
    void firstCharacterLookaheadsFindWhatThePlainPatternsFind() {
        Map<Pattern, Pattern> fastToPlain = Map.of(
                BounceParser.REPLY_CODE, Pattern.compile(BounceParser.REPLY_CODE.pattern().replace("(?=[245])", "")),
                BounceParser.STATUS_AFTER_CODE, Pattern.compile(BounceParser.STATUS_AFTER_CODE.pattern().replace("(?=[245])", "")),
                BounceParser.STATUS_IN_TEXT, Pattern.compile(BounceParser.STATUS_IN_TEXT.pattern().replace("(?=[245])", "")),
                BounceParser.STAGE_WORDS, Pattern.compile(BounceParser.STAGE_WORDS.pattern().replace("(?=[iardc>\\[])", "")));
        Map<Pattern, Integer> texts = new HashMap<>();
        for (String text : randomTexts(7, 50_000)) {
            for (Map.Entry<Pattern, Pattern> pair : fastToPlain.entrySet()) {
                assertThat(pair.getKey().pattern()).isNotEqualTo(pair.getValue().pattern());
                List<String> plain = allMatches(pair.getValue(), text);
                assertThat(allMatches(pair.getKey(), text)).as("%s on %s", pair.getKey(), escape(text)).isEqualTo(plain);
                texts.merge(pair.getKey(), plain.isEmpty() ? 0 : 1, Integer::sum);
            }
        }
        assertThat(texts.values()).allSatisfy(matched -> assertThat(matched).isGreaterThan(200));
    }

    @Test
    void returnedCopyFoundWhereTheMarkersAlone() {
        Pattern returned = Pattern.compile("(?i)^[\\s\\-=_*>|]*(?:this is a copy of|below this line is a copy|below is a copy of|"
                + "a copy of the original|copy of the message|original message|the original message (?:headers )?(?:follows|is attached|"
                + "is included|is below)|undelivered message (?:headers )?follows|unsent message (?:headers )?follows|returned message|"
                + "message headers follow|header of original message|headers of the original|original mail|"
                + "content-type: message/rfc822|------ ?original ?(?:message|mail))");
        Pattern ruled = Pattern.compile("(?i)^\\s*[-=_*]{2,}.*(?:original message|original mail|copy of the message|"
                + "header of the original|headers of the original|returned message|unsent message|undelivered message|message follows|"
                + "原始邮件|原邮件|原始郵件|元のメッセージ)");
        int split = 0;
        for (String text : randomTexts(8, 50_000)) {
            String[] expected = {text, null};
            int offset = 0;
            for (String line : text.split("\n", -1)) {
                if (line.length() < 160 && (returned.matcher(line).find() || ruled.matcher(line).find())) {
                    expected = new String[] {text.substring(0, offset), text.substring(Math.min(text.length(), offset + line.length() + 1))};
                    split++;
                    break;
                }
                offset += line.length() + 1;
            }
            assertThat(BounceParser.splitAtReturnedCopy(text)).as(escape(text)).containsExactly(expected);
        }
        assertThat(split).isGreaterThan(200);
    }

    /** Every match's groups, in order: what the callers read. */
    private static List<String> allMatches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            StringBuilder groups = new StringBuilder();
            for (int group = 1; group <= matcher.groupCount(); group++) {
                groups.append(matcher.group(group)).append('|');
            }
            found.add(groups.toString());
        }
        return found;
    }

    private static String escape(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
