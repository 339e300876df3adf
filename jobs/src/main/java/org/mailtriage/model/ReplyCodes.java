package org.mailtriage.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads reply codes out of SMTP reply text, and joins multi-line replies
 * ("550-5.7.1 first 550 5.7.1 second") into one.
 */
public final class ReplyCodes {
    private static final Pattern LEADING_CODE =
            Pattern.compile("^\\s*(?:#\\s*)?([245]\\d\\d)(?:[ -]|$)\\s*(?:\\(?([245]\\.\\d{1,3}\\.\\d{1,3})\\)?(?:\\s|$|[,;:]))?");
    private static final Pattern LEADING_STATUS = Pattern.compile("^\\s*#?\\s*\\(?([245]\\.\\d{1,3}\\.\\d{1,3})\\)?(?:\\s|$|[,;:])");
    /** A continuation of a multi-line reply inside the text: "550-5.7.1 " or "550 5.7.1 " repeated. */
    private static final Pattern CONTINUATION = Pattern.compile("\\s+([245]\\d\\d)[ -](?:([245]\\.\\d{1,3}\\.\\d{1,3})\\s+)?");
    private static final Pattern WHOLE_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern ANY_STATUS = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]*\\d)");

    private ReplyCodes() {
    }

    public static Reply split(String reply, SmtpStage stage) {
        String text = reply == null ? "" : reply.strip();
        Integer code = null;
        String status = null;
        Matcher leading = LEADING_CODE.matcher(text);
        if (leading.find()) {
            code = Integer.valueOf(leading.group(1));
            status = leading.group(2);
            text = text.substring(leading.end()).strip();
        } else {
            Matcher statusOnly = LEADING_STATUS.matcher(text);
            if (statusOnly.find()) {
                status = statusOnly.group(1);
                text = text.substring(statusOnly.end()).strip();
            }
        }
        if (code != null) {
            text = joinContinuations(text, code, status);
        }
        if (status == null) {
            Matcher inside = ANY_STATUS.matcher(text);
            if (inside.find() && (code == null || inside.group(1).charAt(0) == Integer.toString(code).charAt(0))) {
                status = inside.group(1);
            }
        }
        return new Reply(code, status, stage, text);
    }

    /** Removes the repeated "550-5.7.1" / "550 5.7.1" prefixes that Postfix keeps when it flattens a multi-line reply. */
    public static String joinContinuations(String text, int code, String status) {
        String codeText = Integer.toString(code);
        if (!text.contains(codeText)) {
            return text;
        }
        Matcher matcher = CONTINUATION.matcher(text);
        StringBuilder joined = new StringBuilder(text.length());
        int last = 0;
        while (matcher.find()) {
            boolean sameCode = matcher.group(1).equals(codeText);
            boolean sameStatus = matcher.group(2) == null || status == null || matcher.group(2).equals(status);
            if (sameCode && sameStatus) {
                joined.append(text, last, matcher.start()).append(' ');
                last = matcher.end();
            }
        }
        if (last == 0) {
            return text;
        }
        joined.append(text, last, text.length());
        return joined.toString().strip();
    }

    /** True when the class digit of the status agrees with the reply code, or either is missing. */
    public static boolean statusMatchesCode(Integer code, String status) {
        return code == null || status == null || status.charAt(0) == Integer.toString(code).charAt(0);
    }

    /** The text if it is an RFC 3463 enhanced status code (class.subject.detail), else null. */
    public static String enhancedStatusOrNull(String text) {
        return text != null && WHOLE_STATUS.matcher(text).matches() ? text : null;
    }
}
