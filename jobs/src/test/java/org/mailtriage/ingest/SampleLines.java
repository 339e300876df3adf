package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.model.DeliveryEvent;

/**
 * Reads fail2ban-style sample files: a log line, then "expect: key=value key=value …" (values run
 * until the next " key=") or "expect: ignored" / "expect: quarantined=REASON".
 */
public final class SampleLines {
    private static final Pattern KEY = Pattern.compile("(?:^|\\s)([a-z_]+)=");

    /** One sample line with what it must yield. */
    public record Sample(int lineNumber, String line, Map<String, String> expected) {
    }

    private SampleLines() {
    }

    public static List<Sample> read(String resource) {
        try (InputStream in = SampleLines.class.getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<Sample> samples = new ArrayList<>();
            String pending = null;
            int pendingNumber = 0;
            for (int index = 0; index < lines.length; index++) {
                String line = lines[index];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("expect: ")) {
                    assertThat(pending).as("expect without a line at %s:%d", resource, index + 1).isNotNull();
                    samples.add(new Sample(pendingNumber, pending, parseExpect(line.substring(8).strip())));
                    pending = null;
                } else {
                    assertThat(pending).as("line without expect at %s:%d", resource, pendingNumber).isNull();
                    pending = line;
                    pendingNumber = index + 1;
                }
            }
            assertThat(pending).as("last line without expect in %s", resource).isNull();
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> parseExpect(String text) {
        Map<String, String> expected = new LinkedHashMap<>();
        if (text.equals("ignored")) {
            expected.put("ignored", "");
            return expected;
        }
        Matcher matcher = KEY.matcher(text);
        List<int[]> positions = new ArrayList<>();
        while (matcher.find()) {
            positions.add(new int[] {matcher.start(1), matcher.end()});
        }
        for (int index = 0; index < positions.size(); index++) {
            int[] position = positions.get(index);
            int valueEnd = index + 1 < positions.size() ? positions.get(index + 1)[0] : text.length();
            String key = text.substring(position[0], position[1] - 1);
            expected.put(key, text.substring(position[1], valueEnd).strip());
        }
        return expected;
    }

    /** The event field a sample key names, as a string ("-" for null). */
    public static String field(DeliveryEvent event, String key) {
        Object value = switch (key) {
            case "time" -> event.eventTime().toString();
            case "direction" -> event.direction().label();
            case "outcome" -> event.outcome();
            case "queue_id" -> event.queueId();
            case "message_id" -> event.messageId();
            case "sender" -> event.sender();
            case "sender_domain" -> event.senderDomain();
            case "recipient" -> event.recipient();
            case "recipient_domain" -> event.recipientDomain();
            case "remote_host" -> event.remoteHost();
            case "remote_ip" -> event.remoteIp();
            case "sending_ip" -> event.sendingIp();
            case "helo" -> event.heloName();
            case "reporting_host" -> event.reportingHost();
            case "stage" -> event.smtpStage();
            case "reply_code" -> event.replyCode();
            case "status" -> event.enhancedStatus();
            case "dsn_action" -> event.dsnAction();
            case "reply_text" -> event.replyText();
            case "reason" -> event.reason();
            case "guide_rule" -> event.guideRule();
            case "remedy" -> event.remedy();
            case "rule" -> event.ruleId();
            case "blocklist" -> event.blocklist();
            default -> throw new IllegalArgumentException("unknown sample field " + key);
        };
        return value == null ? "-" : value.toString();
    }
}
