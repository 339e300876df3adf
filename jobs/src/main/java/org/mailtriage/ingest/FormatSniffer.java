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

    private FormatSniffer() {
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
        return SourceFormat.UNKNOWN;
    }
}
