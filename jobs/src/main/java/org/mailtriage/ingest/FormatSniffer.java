package org.mailtriage.ingest;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Guesses a file's format from its first bytes (already decompressed). Looks at whole lines,
 * and needs a few of them to agree, so one stray line does not decide.
 */
public final class FormatSniffer {
    private static final Pattern POSTFIX = Pattern.compile(
            "^(?:<[^>]{1,32}>\\s*)?(?:[A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}\\S*)\\s+\\S+\\s+[^\\s\\[:]*postfix[^\\s\\[:]*/[a-z]+(?:\\[\\d+\\])?:");

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
        int postfixLines = 0;
        int lines = 0;
        for (String line : text.split("\n", 200)) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            if (POSTFIX.matcher(line).find()) {
                postfixLines++;
            }
        }
        if (postfixLines > 0 && (postfixLines >= 3 || postfixLines * 4 >= lines)) {
            return SourceFormat.POSTFIX;
        }
        return sniffEmail(text);
    }
}
