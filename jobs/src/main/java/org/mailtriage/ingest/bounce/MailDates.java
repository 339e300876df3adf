package org.mailtriage.ingest.bounce;

import static org.mailtriage.ingest.AsciiChars.isDigit;
import static org.mailtriage.ingest.AsciiChars.isLetter;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dates of bounce headers and DSN fields ("Thu, 26 Nov 2026 10:00:00 +0000 (UTC)"). Almost all are
 * written exactly so, and reading them by hand is several times cheaper than a DateTimeFormatter;
 * anything else goes to the formatters, which decide as before.
 */
final class MailDates {
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s*\\([^)]*\\)\\s*$");
    private static final Pattern WEEKDAY = Pattern.compile("^[A-Za-z]{3},\\s*");
    private static final DateTimeFormatter DATE_WITHOUT_WEEKDAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm[:ss] Z", Locale.ENGLISH);
    private static final List<String> WEEKDAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private MailDates() {
    }

    /** The instant, or null when the value is not a date either formatter reads. */
    static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String cleaned = clean(value);
        Instant common = parseCommonForm(cleaned);
        return common != null ? common : parseWithFormatters(cleaned);
    }

    static String clean(String value) {
        return BounceText.collapseSpaces(value.indexOf('(') < 0 ? value : TRAILING_COMMENT.matcher(value).replaceAll("")).strip();
    }

    /** RFC 1123 first; then without the weekday, which also reads dates whose weekday is wrong. */
    static Instant parseWithFormatters(String cleaned) {
        try {
            return ZonedDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(WEEKDAY.matcher(cleaned).replaceFirst(""), DATE_WITHOUT_WEEKDAY).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /**
     * "[Www, ]D Mmm YYYY HH:MM[:SS] ±HHMM|GMT" with valid fields, else null. The weekday is not checked:
     * the formatters read a wrong one too (the second drops it), to the same instant.
     */
    static Instant parseCommonForm(String text) {
        int position = 0;
        boolean weekday = text.length() > 5 && text.charAt(3) == ',' && text.charAt(4) == ' '
                && isLetter(text.charAt(0)) && isLetter(text.charAt(1)) && isLetter(text.charAt(2));
        if (weekday) {
            position = 5;
        }
        int dayDigits = position + 1 < text.length() && isDigit(text.charAt(position + 1)) ? 2 : 1;
        int day = number(text, position, dayDigits);
        position += dayDigits;
        if (day < 1 || !at(text, position, ' ') || position + 4 > text.length()) {
            return null;
        }
        int month = MONTHS.indexOf(text.substring(position + 1, position + 4)) + 1;
        position += 4;
        int year = at(text, position, ' ') ? number(text, position + 1, 4) : -1;
        position += 5;
        int hour = at(text, position, ' ') ? number(text, position + 1, 2) : -1;
        position += 3;
        int minute = at(text, position, ':') ? number(text, position + 1, 2) : -1;
        position += 3;
        int second = 0;
        if (at(text, position, ':')) {
            second = number(text, position + 1, 2);
            position += 3;
        }
        if (month < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || !at(text, position, ' ')) {
            return null;
        }
        if (position + 4 == text.length() && text.startsWith("GMT", position + 1)) {
            try {
                LocalDateTime time = LocalDateTime.of(year, month, day, hour, minute, second);
                // The second formatter does not read "GMT": a wrong weekday is theirs to refuse.
                boolean weekdayRight = !weekday || text.startsWith(WEEKDAYS.get(time.getDayOfWeek().getValue() - 1));
                return weekdayRight ? time.toInstant(ZoneOffset.UTC) : null;
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (position + 6 != text.length()) {
            return null;
        }
        char sign = text.charAt(position + 1);
        int offsetHours = number(text, position + 2, 2);
        int offsetMinutes = number(text, position + 4, 2);
        if (sign != '+' && sign != '-' || offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
            return null;
        }
        try {
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign == '-' ? -offsetHours : offsetHours, sign == '-' ? -offsetMinutes : offsetMinutes);
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(offset);
        } catch (DateTimeException e) {
            // 31 November and the like: the formatters decide.
            return null;
        }
    }

    private static boolean at(String text, int position, char expected) {
        return position < text.length() && text.charAt(position) == expected;
    }

    /** The decimal number of exactly {@code digits} digits at position, or -1. */
    private static int number(String text, int position, int digits) {
        if (position < 0 || position + digits > text.length()) {
            return -1;
        }
        int value = 0;
        for (int index = position; index < position + digits; index++) {
            char character = text.charAt(index);
            if (!isDigit(character)) {
                return -1;
            }
            value = value * 10 + character - '0';
        }
        return value;
    }
}
