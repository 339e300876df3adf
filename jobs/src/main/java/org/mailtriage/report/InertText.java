package org.mailtriage.report;

/**
 * Makes text that came from outside (bounce replies, DNS TXT, HELO names) safe to export: reports
 * end up in spreadsheets and HTML-rendering notebooks. No cell starts with a character a
 * spreadsheet reads as a formula, no angle brackets survive to form markup, control characters
 * and bidi overrides are gone, and the length is bounded.
 */
public final class InertText {
    /** Default bound for one reply text or TXT record. */
    public static final int DEFAULT_MAX_LENGTH = 500;
    /** Characters that start a formula in Excel, LibreOffice or Google Sheets (OWASP CSV injection), plus full-width forms. */
    private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";
    private static final char ELLIPSIS = '\u2026';

    private InertText() {
    }

    /** One line of inert text (control characters and line breaks become single spaces), or null for null. */
    public static String line(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        return neutralise(bound(clean(text, false).strip(), maxLength));
    }

    public static String line(String text) {
        return line(text, DEFAULT_MAX_LENGTH);
    }

    /** Inert text that keeps its line breaks (the ready-to-send summaries), or null for null. */
    public static String multiline(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        return neutralise(bound(clean(text, true).strip(), maxLength));
    }

    /** True when the text needs no change to be exported: what {@link #line} guarantees. */
    public static boolean isInert(String text) {
        return text == null || (text.indexOf('<') < 0 && text.indexOf('>') < 0
                && (text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0)
                && text.chars().noneMatch(c -> (Character.isISOControl(c) && c != '\n') || isBidiControl(c)));
    }

    private static String clean(String text, boolean keepLineBreaks) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 4096));
        boolean lastWasSpace = false;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (keepLineBreaks && (c == '\n' || (c == '\r' && next(text, index) != '\n'))) {
                // Trailing blanks before a line break are noise; \r\n and a lone \r both become \n.
                while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                out.append('\n');
                lastWasSpace = false;
                continue;
            }
            if (isBidiControl(c)) {
                continue; // an override can make "exe.txt" read as "txt.exe" or reorder a whole line
            }
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029') {
                if (!lastWasSpace) {
                    out.append(' ');
                    lastWasSpace = true;
                }
                continue;
            }
            lastWasSpace = false;
            // Lookalike single guillemets keep "<user@example.com>" readable without forming a tag.
            out.append(c == '<' ? '\u2039' : c == '>' ? '\u203A' : c);
        }
        return out.toString();
    }

    /** The bidi marks, embeddings, overrides and isolates (Unicode "Trojan Source" characters). */
    private static boolean isBidiControl(int c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static char next(String text, int index) {
        return index + 1 < text.length() ? text.charAt(index + 1) : 0;
    }

    private static String bound(String text, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2: " + maxLength);
        }
        if (text.codePointCount(0, text.length()) <= maxLength) {
            return text;
        }
        // Cut on a code point boundary so no half surrogate pair is left behind.
        int end = text.offsetByCodePoints(0, maxLength - 1);
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    private static String neutralise(String text) {
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
