package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailtriage.model.DeliveryEvent;

/**
 * Reads a parser case file: "line: RAW" starts a case; the lines after it, up to a blank line, are
 * "key: value" expectations ("key[1]: value" for the second event of the line). Keys:
 * {@code form}, {@code result} ("events N", "ignored", "quarantined REASON"), {@code in-sample} ("no" keeps the
 * line out of data-samples), and the event fields listed in {@link #EVENT_KEYS}.
 */
final class ParserCases {
    /** Every event field a case checks; a key a case leaves out must be null (stage: UNKNOWN, reason: undefined). */
    static final List<String> EVENT_KEYS = List.of("time", "host", "direction", "outcome", "queue_id", "message_id", "sender",
            "recipient", "remote_host", "remote_ip", "sending_ip", "helo", "stage", "code", "status", "action", "text", "reason",
            "guide_rule", "blocklist");

    record Case(String resource, int lineNumber, String line, Map<String, String> expected) {
        Case {
            requireNonNull(line, "line is null");
            expected = Map.copyOf(expected);
        }

        boolean inSample() {
            return !"no".equals(expected.get("in-sample"));
        }

        String where() {
            return resource + ":" + lineNumber;
        }
    }

    private ParserCases() {
    }

    static List<Case> read(String resource) throws IOException {
        String text;
        try (InputStream in = ParserCases.class.getResourceAsStream("cases/" + resource)) {
            if (in == null) {
                throw new IOException("no case file " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        String line = null;
        int start = 0;
        Map<String, String> expected = new LinkedHashMap<>();
        String[] rows = text.split("\n", -1);
        for (int index = 0; index < rows.length; index++) {
            String row = rows[index];
            if (row.startsWith("#") && line == null) {
                continue;
            }
            if (row.startsWith("line: ")) {
                if (line != null) {
                    cases.add(new Case(resource, start, line, expected));
                }
                line = row.substring("line: ".length());
                start = index + 1;
                expected = new LinkedHashMap<>();
            } else if (row.isBlank()) {
                if (line != null) {
                    cases.add(new Case(resource, start, line, expected));
                }
                line = null;
            } else {
                int colon = row.indexOf(": ");
                if (line == null || colon < 0) {
                    throw new IOException(resource + ":" + (index + 1) + ": expected 'key: value' after a 'line:'");
                }
                String key = row.substring(0, colon).strip();
                if (expected.put(key, row.substring(colon + 2)) != null) {
                    throw new IOException(resource + ":" + (index + 1) + ": key " + key + " given twice");
                }
            }
        }
        if (line != null) {
            cases.add(new Case(resource, start, line, expected));
        }
        return cases;
    }

    /** The value of an event's field under its case-file key. */
    static String field(DeliveryEvent event, String key) {
        return switch (key) {
            case "time" -> event.eventTime().toString();
            case "host" -> event.reportingHost();
            case "direction" -> event.direction().label();
            case "outcome" -> event.outcome();
            case "queue_id" -> event.queueId();
            case "message_id" -> event.messageId();
            case "sender" -> event.sender();
            case "recipient" -> event.recipient();
            case "remote_host" -> event.remoteHost();
            case "remote_ip" -> event.remoteIp();
            case "sending_ip" -> event.sendingIp();
            case "helo" -> event.heloName();
            case "stage" -> event.smtpStage();
            case "code" -> event.replyCode() == null ? null : event.replyCode().toString();
            case "status" -> event.enhancedStatus();
            case "action" -> event.dsnAction();
            case "text" -> event.replyText();
            case "reason" -> event.reason();
            case "guide_rule" -> event.guideRule();
            case "blocklist" -> event.blocklist();
            default -> throw new IllegalArgumentException("unknown key " + key);
        };
    }

    /** What a case expects when it leaves the key out. */
    static String defaultValue(String key) {
        return switch (key) {
            case "stage" -> "UNKNOWN";
            case "reason" -> "undefined";
            default -> null;
        };
    }
}
