package org.mailtriage.ingest;

import static org.mailtriage.ingest.AsciiChars.isDigit;
import static org.mailtriage.ingest.AsciiChars.isRegexSpace;

/**
 * Hand-written matchers for the two Postfix patterns every outbound failure line goes through; each
 * gives exactly the groups of the regular expression quoted in its comment (PostfixScannersTest checks
 * them against those expressions), at a fraction of java.util.regex's cost.
 */
final class PostfixScanners {
    private static final String[] STATUSES = {"bounced", "deferred", "expired", "undeliverable"};

    /** Groups of a delivery status line; dsn may be null. */
    record Delivery(String queueId, String recipient, String relay, String dsn, String status, String detail) {
    }

    /** Groups of "host NAME[IP] said: REPLY (in reply to WORDS command)"; words may be null. */
    record Said(String host, String ip, String reply, String words) {
    }

    /** Groups of an smtpd/cleanup reject line. */
    record Reject(String queueId, String action, String stage, String clientName, String clientIp, String tail) {
    }

    private PostfixScanners() {
    }

    /**
     * {@code ^([0-9A-Za-z]+): to=<([^>]*)>,(?: orig_to=<[^>]*>,)? relay=([^,]*),.*?(?: dsn=([0-9.]+),)?
     * status=(bounced|deferred|expired|undeliverable) \((.*)\)\s*$} (DOTALL), matched whole.
     */
    static Delivery delivery(String text) {
        int length = text.length();
        int index = queueIdEnd(text);
        if (index == 0 || !text.startsWith(": to=<", index)) {
            return null;
        }
        String queueId = text.substring(0, index);
        int recipientStart = index + 6;
        int recipientEnd = text.indexOf('>', recipientStart);
        if (recipientEnd < 0 || !text.startsWith(">,", recipientEnd)) {
            return null;
        }
        int afterRecipient = recipientEnd + 2;
        int relayStart = -1;
        if (text.startsWith(" orig_to=<", afterRecipient)) {
            int originalEnd = text.indexOf('>', afterRecipient + 10);
            if (originalEnd >= 0 && text.startsWith(">, relay=", originalEnd)) {
                relayStart = originalEnd + 9;
            }
        }
        if (relayStart < 0) {
            if (!text.startsWith(" relay=", afterRecipient)) {
                return null;
            }
            relayStart = afterRecipient + 7;
        }
        int relayEnd = text.indexOf(',', relayStart);
        if (relayEnd < 0) {
            return null;
        }
        // The text must end with ')' and optional whitespace; the detail runs from the '(' to that ')'.
        int closing = length - 1;
        while (closing >= 0 && isRegexSpace(text.charAt(closing))) {
            closing--;
        }
        if (closing < 0 || text.charAt(closing) != ')') {
            return null;
        }
        // The lazy ".*?" takes the first place where " dsn=…, status=…" or " status=…" fits.
        for (int position = relayEnd + 1; position < closing; position++) {
            if (text.charAt(position) != ' ') {
                continue;
            }
            String dsn = null;
            int statusAt = -1;
            if (text.startsWith(" dsn=", position)) {
                int digits = position + 5;
                while (digits < length && (isDigit(text.charAt(digits)) || text.charAt(digits) == '.')) {
                    digits++;
                }
                if (digits > position + 5 && text.startsWith(", status=", digits)) {
                    dsn = text.substring(position + 5, digits);
                    statusAt = digits + 9;
                }
            }
            Delivery found = statusAt >= 0 ? statusTail(text, queueId, recipientStart, recipientEnd, relayStart, relayEnd, dsn, statusAt, closing)
                    : null;
            if (found == null && text.startsWith(" status=", position)) {
                found = statusTail(text, queueId, recipientStart, recipientEnd, relayStart, relayEnd, null, position + 8, closing);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Delivery statusTail(String text, String queueId, int recipientStart, int recipientEnd, int relayStart, int relayEnd,
            String dsn, int statusAt, int closing) {
        for (String status : STATUSES) {
            int open = statusAt + status.length();
            if (text.startsWith(status, statusAt) && text.startsWith(" (", open) && open + 2 <= closing) {
                return new Delivery(queueId, text.substring(recipientStart, recipientEnd), text.substring(relayStart, relayEnd), dsn,
                        status, text.substring(open + 2, closing));
            }
        }
        return null;
    }

    /** {@code ^host (\S+?)\[([^\]]+)\] said: (.*?)(?: \(in reply to (.+?) command\))?$} (DOTALL), matched whole. */
    static Said said(String text) {
        if (!text.startsWith("host ")) {
            return null;
        }
        int length = text.length();
        // \S+? grows one character at a time through the non-space run; each '[' in it is a try.
        for (int bracket = 6; bracket < length && !isRegexSpace(text.charAt(bracket - 1)); bracket++) {
            if (text.charAt(bracket) != '[') {
                continue;
            }
            int ipEnd = text.indexOf(']', bracket + 1);
            if (ipEnd > bracket + 1 && text.startsWith("] said: ", ipEnd)) {
                int replyStart = ipEnd + 8;
                String reply = text.substring(replyStart);
                String words = null;
                int suffixStart = length - " command)".length();
                // The lazy reply stops at the first " (in reply to " that leaves a non-empty WORDS before the end.
                int marker = text.endsWith(" command)") ? text.indexOf(" (in reply to ", replyStart) : -1;
                if (marker >= 0 && marker + 15 <= suffixStart) {
                    reply = text.substring(replyStart, marker);
                    words = text.substring(marker + 14, suffixStart);
                }
                return new Said(text.substring(5, bracket), text.substring(bracket + 1, ipEnd), reply, words);
            }
        }
        return null;
    }

    /**
     * {@code ^([0-9A-Za-z]+|NOQUEUE): (reject|milter-reject): (\S+) from ([^\[\s]*)\[([^\]]+)\](?::\d+)?: (.*)$} (DOTALL),
     * matched whole.
     */
    static Reject reject(String text) {
        int length = text.length();
        int index = queueIdEnd(text);
        if (index == 0 || !text.startsWith(": ", index)) {
            return null;
        }
        String queueId = text.substring(0, index);
        index += 2;
        String action;
        if (text.startsWith("reject: ", index)) {
            action = "reject";
        } else if (text.startsWith("milter-reject: ", index)) {
            action = "milter-reject";
        } else {
            return null;
        }
        int stageStart = index + action.length() + 2;
        int stageEnd = stageStart;
        while (stageEnd < length && !isRegexSpace(text.charAt(stageEnd))) {
            stageEnd++;
        }
        if (stageEnd == stageStart || !text.startsWith(" from ", stageEnd)) {
            return null;
        }
        int nameStart = stageEnd + 6;
        int nameEnd = nameStart;
        char value;
        while (nameEnd < length && (value = text.charAt(nameEnd)) != '[' && !isRegexSpace(value)) {
            nameEnd++;
        }
        if (nameEnd >= length || text.charAt(nameEnd) != '[') {
            return null;
        }
        int ipEnd = text.indexOf(']', nameEnd + 1);
        if (ipEnd <= nameEnd + 1) {
            return null;
        }
        int after = ipEnd + 1;
        if (after < length && text.charAt(after) == ':') {
            int digitsEnd = after + 1;
            while (digitsEnd < length && isDigit(text.charAt(digitsEnd))) {
                digitsEnd++;
            }
            if (digitsEnd > after + 1 && text.startsWith(": ", digitsEnd)) {
                after = digitsEnd;
            }
        }
        if (!text.startsWith(": ", after)) {
            return null;
        }
        return new Reject(queueId, action, text.substring(stageStart, stageEnd), text.substring(nameStart, nameEnd),
                text.substring(nameEnd + 1, ipEnd), text.substring(after + 2));
    }

    /** Where {@code ;\s+(?=(?:from=<|to=<|proto=|helo=<))} last matches: the ';' that starts the envelope, or -1. */
    static int envelopeStart(String text) {
        for (int semicolon = text.lastIndexOf(';'); semicolon >= 0; semicolon = text.lastIndexOf(';', semicolon - 1)) {
            int index = semicolon + 1;
            while (index < text.length() && isRegexSpace(text.charAt(index))) {
                index++;
            }
            if (index > semicolon + 1 && (text.startsWith("from=<", index) || text.startsWith("to=<", index)
                    || text.startsWith("proto=", index) || text.startsWith("helo=<", index))) {
                return semicolon;
            }
        }
        return -1;
    }

    /** Group 1 of {@code (?:^|[\s,;])KEY([^>]*)>} (e.g. KEY "from=<") at its first match, or "". */
    static String envelopeValue(String text, String key) {
        for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
            char before = at == 0 ? ' ' : text.charAt(at - 1);
            if (isRegexSpace(before) || before == ',' || before == ';') {
                int end = text.indexOf('>', at + key.length());
                return end < 0 ? "" : text.substring(at + key.length(), end);
            }
        }
        return "";
    }

    /** Where the leading queue id ([0-9A-Za-z]+) ends: 0 when there is none. */
    private static int queueIdEnd(String text) {
        int index = 0;
        while (index < text.length() && isAsciiAlphanumeric(text.charAt(index))) {
            index++;
        }
        return index;
    }

    private static boolean isAsciiAlphanumeric(char value) {
        return value >= '0' && value <= '9' || value >= 'A' && value <= 'Z' || value >= 'a' && value <= 'z';
    }
}
