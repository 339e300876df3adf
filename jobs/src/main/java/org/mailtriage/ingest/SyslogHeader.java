package org.mailtriage.ingest;

import static java.util.Objects.requireNonNull;

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
