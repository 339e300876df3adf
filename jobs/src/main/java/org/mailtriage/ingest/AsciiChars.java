package org.mailtriage.ingest;

/**
 * Character tests of the hand-written scanners, each exactly what java.util.regex does without
 * UNICODE_CHARACTER_CLASS or UNICODE_CASE, so a scanner and the regex it replaces agree.
 */
public final class AsciiChars {
    private AsciiChars() {
    }

    /** A regex {@code \s}: space, tab, LF, VT, FF, CR. */
    public static boolean isRegexSpace(char character) {
        return character == ' ' || character == '\t' || character == '\n' || character == 0x0B || character == '\f' || character == '\r';
    }

    /** A regex {@code \d}: 0-9 only. */
    public static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    public static boolean isLetter(char character) {
        return character >= 'a' && character <= 'z' || character >= 'A' && character <= 'Z';
    }

    /** A–Z lowered, everything else as it is: how (?i) folds case. */
    public static char lower(char character) {
        return character >= 'A' && character <= 'Z' ? (char) (character + 32) : character;
    }
}
