package org.mailtriage.ingest;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.mailtriage.model.SourceFormat;

/**
 * Guesses a file's format from its first bytes (already decompressed). Looks at whole lines,
 * and needs a few of them to agree, so one stray line does not decide. Exchange tracking logs are
 * recognised by their header instead.
 */
public final class FormatSniffer {
    /** A syslog line up to the program name: RFC 3164 or ISO time, optional BSD priority tag, host. */
    private static final String SYSLOG = "^(?:<[^>]{1,32}>\\s*)?(?:[A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}\\S*)"
            + "\\s+(?:<[a-z0-9_]+\\.[a-z0-9_]+>\\s+)?\\S+\\s+";
    private static final Pattern POSTFIX = Pattern.compile(SYSLOG + "[^\\s\\[:]*postfix[^\\s\\[:]*/[a-z]+(?:\\[\\d+\\])?:");
    private static final Pattern EXIM = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?(?: [+-]\\d{4})?(?: \\[\\d+\\])? "
                    + "(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} |H=|SMTP connection|Start queue run|End queue run|exim |rejected |no host name found)"
                    + "|" + SYSLOG + "exim\\d?(?:\\[\\d+\\])?:");
    private static final Pattern SENDMAIL = Pattern.compile(SYSLOG + "(?:sm-mta|sendmail|sm-msp-queue|sm-acceptingconnections)(?:\\[\\d+\\])?:");
    private static final Pattern OPENSMTPD = Pattern.compile(SYSLOG + "smtpd(?:\\[\\d+\\])?: [0-9a-f]{16} (?:smtp|mta|mda) ");
    private static final Pattern COURIER = Pattern.compile(SYSLOG + "courier(?:esmtp|esmtpd|local|tcpd|d)(?:\\[\\d+\\])?:");
    /** multilog's TAI64N label, or splogger's Unix time behind a syslog header. */
    private static final Pattern QMAIL = Pattern.compile(
            "^@4000[0-9a-f]{20} (?:new msg|info msg|starting delivery|delivery \\d+|end msg|status: |bounce msg|triple bounce)"
                    + "|" + SYSLOG + "qmail(?:\\[\\d+\\])?: \\d{9,11}\\.\\d+ ");
    private static final Pattern EXCHANGE_HEADER = Pattern.compile("^#(?:Software: Microsoft Exchange|Log-type: Message Tracking Log|Fields: date-time,)",
            Pattern.CASE_INSENSITIVE);
    private static final Map<SourceFormat, Pattern> LINE_FORMATS = linePatterns();

    /** An mbox separator: "From " sender and a date with a time ("From MAILER-DAEMON Thu Sep 18 17:54:04 2008"). */
    private static final Pattern MBOX_FROM_LINE = Pattern.compile("^From \\S+.*\\d{1,2}:\\d{2}");
    private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]+:[ \t]?.*");
    private static final Pattern MAIL_HEADER = Pattern.compile(
            "(?im)^(?:received|return-path|from|to|subject|date|message-id|mime-version|content-type|delivered-to|x-original-to|auto-submitted|reply-to):");

    private FormatSniffer() {
    }

    /** An mbox starts with a "From " line; an email starts with header fields among which are mail headers. */
    static SourceFormat sniffEmail(String text) {
        String start = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = start.split("\r\n|\r|\n", 40);
        if (lines.length == 0 || lines[0].isEmpty()) {
            return SourceFormat.UNKNOWN;
        }
        boolean mbox = MBOX_FROM_LINE.matcher(lines[0]).find();
        int headers = 0;
        int mailHeaders = 0;
        for (int index = mbox ? 1 : 0; index < lines.length; index++) {
            String line = lines[index];
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            if (!HEADER_LINE.matcher(line).matches()) {
                break;
            }
            headers++;
            if (MAIL_HEADER.matcher(line).find()) {
                mailHeaders++;
            }
        }
        if (mailHeaders >= 2 || (mailHeaders >= 1 && headers >= 3)) {
            return mbox ? SourceFormat.MBOX : SourceFormat.EML;
        }
        return SourceFormat.UNKNOWN;
    }

    /** The format of a file starting with {@code head}; UNKNOWN when nothing matches. */
    public static SourceFormat sniff(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<SourceFormat, Integer> votes = new EnumMap<>(SourceFormat.class);
        int lines = 0;
        for (String line : text.split("\n", 200)) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            if (EXCHANGE_HEADER.matcher(line).find()) {
                return SourceFormat.EXCHANGE;
            }
            for (Map.Entry<SourceFormat, Pattern> format : LINE_FORMATS.entrySet()) {
                if (format.getValue().matcher(line).find()) {
                    votes.merge(format.getKey(), 1, Integer::sum);
                    break;
                }
            }
        }
        SourceFormat best = SourceFormat.UNKNOWN;
        int bestVotes = 0;
        for (Map.Entry<SourceFormat, Integer> vote : votes.entrySet()) {
            if (vote.getValue() > bestVotes) {
                best = vote.getKey();
                bestVotes = vote.getValue();
            }
        }
        if (bestVotes > 0 && (bestVotes >= 3 || bestVotes * 4 >= lines)) {
            return best;
        }
        return sniffEmail(text);
    }

    private static Map<SourceFormat, Pattern> linePatterns() {
        Map<SourceFormat, Pattern> patterns = new EnumMap<>(SourceFormat.class);
        patterns.put(SourceFormat.POSTFIX, POSTFIX);
        patterns.put(SourceFormat.EXIM, EXIM);
        patterns.put(SourceFormat.SENDMAIL, SENDMAIL);
        patterns.put(SourceFormat.OPENSMTPD, OPENSMTPD);
        patterns.put(SourceFormat.COURIER, COURIER);
        patterns.put(SourceFormat.QMAIL, QMAIL);
        return patterns;
    }
}
