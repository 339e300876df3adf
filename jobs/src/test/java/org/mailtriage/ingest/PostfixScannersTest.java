package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written scanners against the regular expressions they replaced, on generated near-miss texts. */
class PostfixScannersTest {
    private static final Pattern DELIVERY = Pattern.compile(
            "^([0-9A-Za-z]+): to=<([^>]*)>,(?: orig_to=<[^>]*>,)? relay=([^,]*),.*?(?: dsn=([0-9.]+),)? status=(bounced|deferred|expired|undeliverable) \\((.*)\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern SAID = Pattern.compile(
            "^host (\\S+?)\\[([^\\]]+)\\] said: (.*?)(?: \\(in reply to (.+?) command\\))?$", Pattern.DOTALL);

    private static final List<String> DELIVERY_PIECES = List.of("4ABC12", "Q", ": to=<", "user@example.com", ">", ",", " orig_to=<",
            "alias@example.org", " relay=", "mx.example.net[192.0.2.7]:25", "none", ", delay=1.2", ", delays=0.1/0/0.5/0.6", " dsn=",
            "5.7.1", "4.4.2", ".", "1", ", status=", " status=", "bounced", "deferred", "expired", "undeliverable", "sent", " (", "(",
            ")", " ", "\t", "\r", "\n", "host mx[192.0.2.7] said: 550 no", "x", "é", "<", "=", " dsn=5.0.0, status=bounced (", "))");
    private static final List<String> SAID_PIECES = List.of("host ", "mx.example.net", "mx", "[", "]", "192.0.2.7", "2001:db8::1",
            "] said: ", " said: ", "550 5.7.1 rejected", " (in reply to ", "RCPT TO", "end of DATA", " command)", "command)", " command",
            ")", "(", " ", "\t", "\n", "x", "é", " (in reply to RCPT TO command)");

    @Test
    void deliveryGivesTheRegexGroups() {
        Random random = new Random(20261128);
        assertSameAsRegex(round -> round % 3 == 0 ? plausibleDelivery(random) : compose(random, DELIVERY_PIECES, 14), DELIVERY,
                PostfixScanners::delivery, expected -> new PostfixScanners.Delivery(expected.group(1), expected.group(2), expected.group(3),
                        expected.group(4), expected.group(5), expected.group(6)), 10_000);
    }

    @Test
    void saidGivesTheRegexGroups() {
        Random random = new Random(8);
        assertSameAsRegex(round -> round % 2 == 0
                ? "host " + compose(random, List.of("mx", "[", "a]b", "x y"), 3) + "mx.example.net[192.0.2.7] said: " + compose(random, SAID_PIECES, 6)
                : compose(random, SAID_PIECES, 10), SAID, PostfixScanners::said,
                expected -> new PostfixScanners.Said(expected.group(1), expected.group(2), expected.group(3), expected.group(4)), 20_000);
    }

    private static final Pattern REJECT = Pattern.compile(
            "^([0-9A-Za-z]+|NOQUEUE): (reject|milter-reject): (\\S+) from ([^\\[\\s]*)\\[([^\\]]+)\\](?::\\d+)?: (.*)$", Pattern.DOTALL);
    private static final Pattern ENVELOPE_START = Pattern.compile(";\\s+(?=(?:from=<|to=<|proto=|helo=<))");
    private static final List<String> REJECT_PIECES = List.of("NOQUEUE", "4ABC", ": ", "reject: ", "milter-reject: ", "RCPT", "END-OF-MESSAGE",
            " from ", "unknown", "mail.example.org", "[", "]", "203.0.113.9", ":25", ":", "x", " ", "\t", "550 5.7.1 blocked", ";",
            "; ", ";\t", " from=<a@example.com>", "from=<", "to=<b@example.net>", "to=<", "orig_to=<", "proto=ESMTP", "helo=<h.example>",
            "helo=<", ">", ",", " ");

    @Test
    void rejectGivesTheRegexGroups() {
        Random random = new Random(5);
        assertSameAsRegex(round -> round % 2 == 0 ? "NOQUEUE: reject: RCPT from " + compose(random, List.of("mx", "[", "]", " ", ":25", "x"), 2)
                + "mail.example.org[203.0.113.9]" + compose(random, List.of(":25", ":", ": ", "x", "]"), 2) + ": "
                + compose(random, REJECT_PIECES, 8) : compose(random, REJECT_PIECES, 14), REJECT, PostfixScanners::reject,
                expected -> new PostfixScanners.Reject(expected.group(1), expected.group(2), expected.group(3),
                        expected.group(4), expected.group(5), expected.group(6)), 20_000);
    }

    @Test
    void envelopeStartAndValuesGiveTheRegexResults() {
        Random random = new Random(6);
        for (int round = 0; round < 200_000; round++) {
            String text = compose(random, REJECT_PIECES, 12);
            Matcher start = ENVELOPE_START.matcher(text);
            int last = -1;
            while (start.find()) {
                last = start.start();
            }
            assertThat(PostfixScanners.envelopeStart(text)).as(text).isEqualTo(last);
            for (String key : List.of("from", "to", "helo")) {
                Matcher value = Pattern.compile("(?:^|[\\s,;])" + key + "=<([^>]*)>").matcher(text);
                assertThat(PostfixScanners.envelopeValue(text, key + "=<")).as(key + " in " + text).isEqualTo(value.find() ? value.group(1) : "");
            }
        }
    }

    @Test
    void realLinesGiveTheirGroups() {
        assertThat(PostfixScanners.delivery("3F1A2B: to=<user@example.com>, orig_to=<alias@example.org>, relay=mx.example.net[192.0.2.7]:25, "
                + "delay=2.1, delays=0.1/0/1/1, dsn=5.7.1, status=bounced (host mx.example.net[192.0.2.7] said: 550 5.7.1 no (in reply to RCPT TO command))"))
                .isEqualTo(new PostfixScanners.Delivery("3F1A2B", "user@example.com", "mx.example.net[192.0.2.7]:25", "5.7.1", "bounced",
                        "host mx.example.net[192.0.2.7] said: 550 5.7.1 no (in reply to RCPT TO command)"));
        assertThat(PostfixScanners.said("host mx.example.net[192.0.2.7] said: 550 5.7.1 no (in reply to RCPT TO command)"))
                .isEqualTo(new PostfixScanners.Said("mx.example.net", "192.0.2.7", "550 5.7.1 no", "RCPT TO"));
    }

    /**
     * 200,000 generated texts: the scanner gives what the regex's groups give where the regex matches, null where it does
     * not; and the regex matches at least {@code leastMatched} of them, so the texts are near misses, not noise.
     */
    private static <T> void assertSameAsRegex(IntFunction<String> texts, Pattern regex, Function<String, T> scanner,
            Function<Matcher, T> groups, int leastMatched) {
        int matched = 0;
        for (int round = 0; round < 200_000; round++) {
            String text = texts.apply(round);
            Matcher expected = regex.matcher(text);
            T actual = scanner.apply(text);
            if (expected.matches()) {
                matched++;
                assertThat(actual).as(text).isEqualTo(groups.apply(expected));
            } else {
                assertThat(actual).as(text).isNull();
            }
        }
        assertThat(matched).as("texts the regex matches").isGreaterThan(leastMatched);
    }

    private static String plausibleDelivery(Random random) {
        StringBuilder text = new StringBuilder("4ABC12: to=<user@example.com>,");
        if (random.nextBoolean()) {
            text.append(" orig_to=<alias@example.org>,");
        }
        text.append(" relay=").append(random.nextBoolean() ? "mx.example.net[192.0.2.7]:25" : "none").append(",");
        text.append(compose(random, DELIVERY_PIECES, 4));
        text.append(random.nextBoolean() ? " dsn=4.4.1, status=deferred (" : " status=bounced (");
        text.append(compose(random, DELIVERY_PIECES, 5));
        text.append(random.nextInt(4) == 0 ? "" : ")").append(random.nextBoolean() ? "" : compose(random, List.of(" ", "\n", "\t", ")"), 2));
        return text.toString();
    }

    private static String compose(Random random, List<String> pieces, int most) {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(most + 1);
        for (int index = 0; index < count; index++) {
            text.append(pieces.get(random.nextInt(pieces.size())));
        }
        return text.toString();
    }
}
