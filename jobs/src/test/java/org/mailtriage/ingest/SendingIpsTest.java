package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SendingIpsTest {
    /** The bare-IPv4 pattern of SendingIps: hasDottedQuad must hold wherever it finds something. */
    private static final Pattern BARE_IPV4 = Pattern.compile("(?<![\\d.])((?:\\d{1,3}\\.){3}\\d{1,3})(?![\\d.]*\\d)");

    @Test
    void findsOurIpInReplies() {
        assertThat(SendingIps.fromReply("550 5.7.1 Client host [192.0.2.10] blocked using zen.spamhaus.org", "198.51.100.7"))
                .isEqualTo("192.0.2.10");
        assertThat(SendingIps.fromReply("554 5.7.1 Service unavailable; 192.0.2.10 is listed", "198.51.100.7")).isEqualTo("192.0.2.10");
        assertThat(SendingIps.fromReply("host mx[198.51.100.7] said: 550 5.1.1 user unknown", "198.51.100.7")).isNull();
        assertThat(SendingIps.fromReply("550 5.1.1 user unknown", null)).isNull();
        assertThat(SendingIps.fromReply("450 4.7.1 see 1.2.3 and 4.5.6.7.8 and 9..10.11.12", null)).isNull();
    }

    @Test
    void dottedQuadPrecheck() {
        for (String text : List.of("1.2.3.4", "x1.2.3.4y", "550 5.7.1 10.0.0.1", "1234.5.6.7", "a.1.2.3.4")) {
            assertThat(SendingIps.hasDottedQuad(text)).as(text).isTrue();
        }
        for (String text : List.of("", "5.1.1", "1.2.3", "1..2.3.4", "1.2.3.", "1.2 .3.4", "1.2.3.a4", "550 5.7.1 text 1.2.3")) {
            assertThat(SendingIps.hasDottedQuad(text)).as(text).isFalse();
        }
    }

    @Test
    void precheckNeverHidesAMatch() {
        Random random = new Random(15);
        String alphabet = "0123456789....  a[]:";
        for (int round = 0; round < 200_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int index = 0; index < length; index++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            if (BARE_IPV4.matcher(candidate).find()) {
                assertThat(SendingIps.hasDottedQuad(candidate)).as(candidate).isTrue();
            }
        }
    }
}
