package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.ingest.AsciiChars.isDigit;
import static org.mailtriage.ingest.AsciiChars.isRegexSpace;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a syslog line before the message: time, host, program, pid. Reads RFC 3164
 * ("Nov  6 03:14:15", no year: the year comes from a reference date, so a log read in January
 * puts its December lines in the previous year), RFC 3339 / ISO 8601 with a zone, journald's
 * short-iso ("+0100" zones), and RFC 5424 ("&lt;22&gt;1 2026-…").
 *
 * @param program the process name, e.g. "postfix/smtp", "postfix-out/smtp", "postfix/submission/smtpd"
 * @param pid null when the line has none
 */
public record SyslogHeader(Instant time, String host, String program, String pid, String message) {
    private static final Pattern RFC3164 = Pattern.compile(
            "^(?:<[^>]{1,32}>\\s*)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?\\s+");
    private static final Pattern ISO = Pattern.compile(
            "^(?:<\\d{1,3}>1\\s+)?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\s+");
    /** host program[pid]: message — or RFC 5424's "host app procid msgid sd message". */
    private static final Pattern REST = Pattern.compile("^(\\S+)\\s+([^\\s\\[:]+)(?:\\[(\\d+)\\])?:\\s?(.*)$", Pattern.DOTALL);
    private static final Pattern REST_5424 = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+(?:-|\\[.*?\\])\\s?(.*)$", Pattern.DOTALL);
    private static final DateTimeFormatter ISO_WITH_OPTIONAL_ZONE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();
    /** FreeBSD syslogd -v writes the facility and level between the time and the host: "&lt;mail.notice&gt;". */
    private static final Pattern PRIORITY_TAG = Pattern.compile("^<[A-Za-z0-9_]+\\.[A-Za-z0-9_]+>\\s+");
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    public SyslogHeader {
        requireNonNull(time, "time is null");
        requireNonNull(host, "host is null");
        requireNonNull(program, "program is null");
        requireNonNull(message, "message is null");
    }

    /**
     * Parses the header, or returns null when the line does not start with a syslog header.
     *
     * @param referenceDate the date the log was written up to (rotation date, file time): decides the year of RFC 3164 lines
     * @param zone the servers' zone, for timestamps that carry none
     */
    public static SyslogHeader parse(String line, LocalDate referenceDate, ZoneId zone) {
        SyslogHeader plain = plainRfc3164(line, referenceDate, zone);
        return plain != null ? plain : parseAnyForm(line, referenceDate, zone);
    }

    /**
     * The common form "Nov  6 03:14:15 host program[pid]: message" read by hand, with exactly the result
     * of the regular expressions; null for anything else (then the expressions decide).
     */
    private static SyslogHeader plainRfc3164(String line, LocalDate referenceDate, ZoneId zone) {
        int length = line.length();
        if (length < 16) {
            return null;
        }
        int month = MONTHS.indexOf(line.substring(0, 3));
        if (month < 0 || month % 3 != 0) {
            return null;
        }
        int index = skipSpaces(line, 3);
        if (index == 3) {
            return null;
        }
        int dayStart = index;
        index = skipDigits(line, index);
        int dayDigits = index - dayStart;
        int afterDay = skipSpaces(line, index);
        if (dayDigits < 1 || dayDigits > 2 || afterDay == index) {
            return null;
        }
        int hourStart = afterDay;
        index = skipDigits(line, hourStart);
        if (index - hourStart < 1 || index - hourStart > 2 || index + 6 > length || line.charAt(index) != ':'
                || !isDigit(line.charAt(index + 1)) || !isDigit(line.charAt(index + 2)) || line.charAt(index + 3) != ':'
                || !isDigit(line.charAt(index + 4)) || !isDigit(line.charAt(index + 5))) {
            return null;
        }
        int minuteStart = index + 1;
        int secondStart = index + 4;
        index += 6;
        int nanos = 0;
        if (index < length && line.charAt(index) == '.') {
            int fractionEnd = skipDigits(line, index + 1);
            int digits = fractionEnd - index - 1;
            if (digits < 1 || digits > 9) {
                return null;
            }
            nanos = Integer.parseInt((line.substring(index + 1, fractionEnd) + "000000000").substring(0, 9));
            index = fractionEnd;
        }
        int restStart = skipSpaces(line, index);
        if (restStart == index || restStart >= length || line.charAt(restStart) == '<') {
            return null;
        }
        // host: the non-space run; program: up to whitespace, '[' or ':'; then "[pid]" or not, ':' and one optional space.
        int hostEnd = restStart;
        while (hostEnd < length && !isRegexSpace(line.charAt(hostEnd))) {
            hostEnd++;
        }
        int programStart = skipSpaces(line, hostEnd);
        if (programStart == hostEnd || programStart >= length) {
            return null;
        }
        int programEnd = programStart;
        char value;
        while (programEnd < length && !isRegexSpace(value = line.charAt(programEnd)) && value != '[' && value != ':') {
            programEnd++;
        }
        if (programEnd == programStart || programEnd >= length) {
            return null;
        }
        String pid = null;
        index = programEnd;
        if (line.charAt(index) == '[') {
            int pidEnd = skipDigits(line, index + 1);
            if (pidEnd == index + 1 || pidEnd >= length || line.charAt(pidEnd) != ']') {
                return null;
            }
            pid = line.substring(index + 1, pidEnd);
            index = pidEnd + 1;
        }
        if (index >= length || line.charAt(index) != ':') {
            return null;
        }
        index++;
        if (index < length && isRegexSpace(line.charAt(index))) {
            index++;
        }
        Instant time = resolveYear(month / 3 + 1, parseInt(line, dayStart, dayStart + dayDigits), parseInt(line, hourStart, minuteStart - 1),
                parseInt(line, minuteStart, minuteStart + 2), parseInt(line, secondStart, secondStart + 2), nanos, referenceDate, zone);
        if (time == null) {
            return null;
        }
        return new SyslogHeader(time, line.substring(restStart, hostEnd), line.substring(programStart, programEnd), pid,
                line.substring(index));
    }

    private static SyslogHeader parseAnyForm(String line, LocalDate referenceDate, ZoneId zone) {
        Instant time;
        int restStart;
        boolean rfc5424 = line.startsWith("<") && line.length() > 5 && line.indexOf(">1 ") > 0 && line.indexOf(">1 ") < 6;
        Matcher iso = ISO.matcher(line);
        if (iso.find()) {
            time = parseIso(iso.group(1).replace(',', '.'), zone);
            if (time == null) {
                return null;
            }
            restStart = iso.end();
        } else {
            Matcher bsd = RFC3164.matcher(line);
            if (!bsd.find()) {
                return null;
            }
            time = resolveYear(bsd, referenceDate, zone);
            if (time == null) {
                return null;
            }
            restStart = bsd.end();
        }
        String rest = line.substring(restStart);
        Matcher priority = PRIORITY_TAG.matcher(rest);
        if (priority.find()) {
            rest = rest.substring(priority.end());
        }
        if (rfc5424) {
            Matcher structured = REST_5424.matcher(rest);
            if (structured.matches()) {
                String pid = "-".equals(structured.group(3)) ? null : structured.group(3);
                return new SyslogHeader(time, structured.group(1), structured.group(2), pid, structured.group(4));
            }
        }
        Matcher tail = REST.matcher(rest);
        if (!tail.matches()) {
            return null;
        }
        return new SyslogHeader(time, tail.group(1), tail.group(2), tail.group(3), tail.group(4));
    }

    /** The last path element of the program name: "postfix/submission/smtpd" → "smtpd". */
    public String component() {
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }

    private static int skipSpaces(String line, int from) {
        int index = from;
        while (index < line.length() && isRegexSpace(line.charAt(index))) {
            index++;
        }
        return index;
    }

    private static int skipDigits(String line, int from) {
        int index = from;
        while (index < line.length() && isDigit(line.charAt(index))) {
            index++;
        }
        return index;
    }

    private static int parseInt(String line, int from, int to) {
        int value = 0;
        for (int index = from; index < to; index++) {
            value = value * 10 + (line.charAt(index) - '0');
        }
        return value;
    }

    private static Instant parseIso(String text, ZoneId zone) {
        try {
            var parsed = ISO_WITH_OPTIONAL_ZONE.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime offsetDateTime) {
                return offsetDateTime.toInstant();
            }
            return ((LocalDateTime) parsed).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant resolveYear(Matcher bsd, LocalDate referenceDate, ZoneId zone) {
        int month = MONTHS.indexOf(bsd.group(1)) / 3 + 1;
        int day = Integer.parseInt(bsd.group(2));
        int hour = Integer.parseInt(bsd.group(3));
        int minute = Integer.parseInt(bsd.group(4));
        int second = Integer.parseInt(bsd.group(5));
        int nanos = 0;
        if (bsd.group(6) != null) {
            String fraction = (bsd.group(6) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(fraction);
        }
        return resolveYear(month, day, hour, minute, second, nanos, referenceDate, zone);
    }

    private static Instant resolveYear(int month, int day, int hour, int minute, int second, int nanos, LocalDate referenceDate, ZoneId zone) {
        // A line is never from after the reference date (one day of slack for zones):
        // "Dec 31" read with a reference of Jan 2 belongs to the previous year.
        int year = referenceDate.getYear();
        for (int attempt = 0; attempt < 8; attempt++, year--) {
            try {
                LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
                if (local.toLocalDate().isAfter(referenceDate.plusDays(1))) {
                    continue;
                }
                return local.atZone(zone).toInstant();
            } catch (DateTimeException e) {
                // Feb 29 in a non-leap year: try the year before.
            }
        }
        return null;
    }
}
