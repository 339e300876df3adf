package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogHeaderTest {
    private static final LocalDate NOVEMBER = LocalDate.of(2026, 11, 27);

    @Test
    void readsRfc3164WithTheDayPaddedAnyWay() {
        assertTime("Nov  6 03:14:15 mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-06T03:14:15Z");
        assertTime("Nov 06 03:14:15 mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-06T03:14:15Z");
        assertTime("Nov 6 03:14:15 mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-06T03:14:15Z");
        assertTime("Nov 26 03:14:15.250 mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-26T03:14:15.250Z");
    }

    @Test
    void theYearComesFromTheReferenceDateAcrossNewYear() {
        LocalDate newYear = LocalDate.of(2026, 1, 1);
        assertTime("Dec 31 23:59:59 mx1 postfix/smtp[1]: x", newYear, "2025-12-31T23:59:59Z");
        assertTime("Jan  1 00:00:01 mx1 postfix/smtp[1]: x", newYear, "2026-01-01T00:00:01Z");
        // One day of slack for zones: the reference day's tomorrow is still this year.
        assertTime("Nov 28 00:30:00 mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-28T00:30:00Z");
        assertTime("Nov 29 00:30:00 mx1 postfix/smtp[1]: x", NOVEMBER, "2025-11-29T00:30:00Z");
        // February 29th belongs to the last leap year.
        assertTime("Feb 29 12:00:00 mx1 postfix/smtp[1]: x", NOVEMBER, "2024-02-29T12:00:00Z");
    }

    @Test
    void readsIsoRfc3339AndJournaldShortIso() {
        assertTime("2026-11-26T03:14:15.123456+01:00 mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-26T02:14:15.123456Z");
        assertTime("2026-11-26T03:14:15Z mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-26T03:14:15Z");
        assertTime("2026-11-26T03:14:15+0100 mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-26T02:14:15Z");
        assertTime("2026-11-26T03:14:15.5-0500 mx1 postfix/smtp[1]: x", NOVEMBER, "2026-11-26T08:14:15.500Z");
    }

    @Test
    void aTimeWithoutZoneIsInTheConfiguredZone() {
        SyslogHeader header = SyslogHeader.parse("Nov 26 03:14:15 mx1 postfix/smtp[1]: x", NOVEMBER, ZoneId.of("Europe/Berlin"));
        assertThat(header.time()).isEqualTo(Instant.parse("2026-11-26T02:14:15Z"));
    }

    @Test
    void splitsHostProgramPidAndMessage() {
        SyslogHeader header = SyslogHeader.parse("Nov 26 03:14:15 mx1 postfix/submission/smtpd[4242]: NOQUEUE: reject: x", NOVEMBER, ZoneOffset.UTC);
        assertThat(header.host()).isEqualTo("mx1");
        assertThat(header.program()).isEqualTo("postfix/submission/smtpd");
        assertThat(header.component()).isEqualTo("smtpd");
        assertThat(header.pid()).isEqualTo("4242");
        assertThat(header.message()).isEqualTo("NOQUEUE: reject: x");
    }

    @Test
    void readsRfc5424() {
        SyslogHeader header = SyslogHeader.parse("<22>1 2026-11-26T03:14:15.003Z mx1 postfix/smtp 4242 - - 4Q8: to=<a@example.net>",
                NOVEMBER, ZoneOffset.UTC);
        assertThat(header.time()).isEqualTo(Instant.parse("2026-11-26T03:14:15.003Z"));
        assertThat(header.program()).isEqualTo("postfix/smtp");
        assertThat(header.pid()).isEqualTo("4242");
        assertThat(header.message()).isEqualTo("4Q8: to=<a@example.net>");
    }

    @Test
    void rejectsLinesWithoutAHeader() {
        assertThat(SyslogHeader.parse("status=bounced", NOVEMBER, ZoneOffset.UTC)).isNull();
        assertThat(SyslogHeader.parse("Foo 26 03:14:15 mx1 postfix/smtp[1]: x", NOVEMBER, ZoneOffset.UTC)).isNull();
        assertThat(SyslogHeader.parse("2026-13-45T03:14:15Z mx1 postfix/smtp[1]: x", NOVEMBER, ZoneOffset.UTC)).isNull();
    }

    private static void assertTime(String line, LocalDate reference, String expected) {
        SyslogHeader header = SyslogHeader.parse(line, reference, ZoneOffset.UTC);
        assertThat(header).as(line).isNotNull();
        assertThat(header.time()).as(line).isEqualTo(Instant.parse(expected));
    }
}
