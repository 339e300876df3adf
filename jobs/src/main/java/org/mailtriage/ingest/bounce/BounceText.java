package org.mailtriage.ingest.bounce;

import static org.mailtriage.ingest.AsciiChars.isDigit;
import static org.mailtriage.ingest.AsciiChars.isRegexSpace;
import static org.mailtriage.ingest.AsciiChars.lower;

import java.util.ArrayList;
import java.util.List;

/**
 * Text helpers of the bounce parser as plain loops. They run on every line of every email, where
 * {@code String.replaceAll} and {@code split} with a regex compiled on each call took a third of
 * the parse. Each one does exactly what the regex it replaces did.
 */
public final class BounceText {
    private BounceText() {
    }

    /** {@code text.split("\r?\n")}: trailing empty lines dropped. */
    static String[] lines(String text) {
        List<String> lines = split(text);
        if (lines.size() == 1) {
            // No line break: split gives the text itself, even when it is empty.
            return new String[] {text};
        }
        int size = lines.size();
        while (size > 0 && lines.get(size - 1).isEmpty()) {
            size--;
        }
        return lines.subList(0, size).toArray(new String[0]);
    }

    /** {@code text.split("\r?\n", -1)}: every line, trailing empty ones too. */
    static String[] allLines(String text) {
        return split(text).toArray(new String[0]);
    }

    private static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
            int end = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            lines.add(text.substring(start, end));
            start = newline + 1;
        }
        if (lines.isEmpty()) {
            return List.of(text);
        }
        lines.add(text.substring(start));
        return lines;
    }

    /** {@code text.replaceAll("\\s+", " ")}; the same string when nothing changes. */
    static String collapseSpaces(String text) {
        int length = text.length();
        int index = 0;
        while (index < length) {
            char character = text.charAt(index);
            if (isRegexSpace(character) && (character != ' ' || index + 1 < length && isRegexSpace(text.charAt(index + 1)))) {
                break;
            }
            index++;
        }
        if (index == length) {
            return text;
        }
        StringBuilder collapsed = new StringBuilder(length);
        collapsed.append(text, 0, index);
        while (index < length) {
            char character = text.charAt(index);
            if (isRegexSpace(character)) {
                collapsed.append(' ');
                while (index < length && isRegexSpace(text.charAt(index))) {
                    index++;
                }
            } else {
                collapsed.append(character);
                index++;
            }
        }
        return collapsed.toString();
    }

    /**
     * {@code text.replaceAll("(?i)" + Pattern.quote(literal), replacement)} for a replacement without
     * '$' or '\': left to right, not overlapping, case folded in ASCII only (as a regex without UNICODE_CASE).
     */
    public static String replaceIgnoringAsciiCase(String text, String literal, String replacement) {
        int length = literal.length();
        if (length == 0) {
            throw new IllegalArgumentException("empty literal");
        }
        StringBuilder replaced = null;
        int copiedUpTo = 0;
        int index = 0;
        while (index + length <= text.length()) {
            if (regionEqualsIgnoringAsciiCase(text, index, literal)) {
                if (replaced == null) {
                    replaced = new StringBuilder(text.length());
                }
                replaced.append(text, copiedUpTo, index).append(replacement);
                index += length;
                copiedUpTo = index;
            } else {
                index++;
            }
        }
        if (replaced == null) {
            return text;
        }
        return replaced.append(text, copiedUpTo, text.length()).toString();
    }

    private static boolean regionEqualsIgnoringAsciiCase(String text, int offset, String literal) {
        for (int index = 0; index < literal.length(); index++) {
            char left = text.charAt(offset + index);
            char right = literal.charAt(index);
            if (left != right && lower(left) != lower(right)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a digit is followed by '.' and a digit somewhere: true of every text holding a dotted IPv4 address. */
    static boolean hasDigitDotDigit(String text) {
        for (int index = text.indexOf('.', 1); index > 0 && index + 1 < text.length(); index = text.indexOf('.', index + 1)) {
            if (isDigit(text.charAt(index - 1)) && isDigit(text.charAt(index + 1))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text.replaceAll("[^\\p{L}]", "").length()}: how many chars of the text belong to letters. */
    static int letterChars(String text) {
        int count = 0;
        for (int index = 0; index < text.length(); ) {
            int codePoint = text.codePointAt(index);
            int chars = Character.charCount(codePoint);
            if (Character.isLetter(codePoint)) {
                count += chars;
            }
            index += chars;
        }
        return count;
    }
}
