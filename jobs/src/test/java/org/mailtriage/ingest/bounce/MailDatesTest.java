package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read common date form must give exactly what the formatters give, and leave every other form to them. */
class MailDatesTest {
    private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "mon", "THU", "Xyz"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "nov", "Foo"};

    @Test
    void commonFormReadsAsTheFormattersRead() {
        Random random = new Random(20261128);
        int readByHand = 0;
        int readByFormatters = 0;
        for (int index = 0; index < 200_000; index++) {
            String text = randomDate(random);
            Instant expected = MailDates.parseWithFormatters(MailDates.clean(text));
            Instant common = MailDates.parseCommonForm(MailDates.clean(text));
            if (common != null) {
                assertThat(common).as(text).isEqualTo(expected);
                readByHand++;
            } else if (expected != null) {
                readByFormatters++;
            }
            assertThat(MailDates.parse(text)).as(text).isEqualTo(expected);
        }
        // Both paths must be taken, or the comparison proves nothing.
        assertThat(readByHand).isGreaterThan(50_000);
        assertThat(readByFormatters).isGreaterThan(1_000);
    }

    @Test
    void usualHeaderDates() {
        assertThat(MailDates.parse("Thu, 26 Nov 2026 10:00:00 +0000 (UTC)")).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(MailDates.parse("Thu,  26 Nov 2026 10:00 -0130")).isEqualTo(Instant.parse("2026-11-26T11:30:00Z"));
        assertThat(MailDates.parse("6 Nov 2026 10:00:05 +0100")).isEqualTo(Instant.parse("2026-11-06T09:00:05Z"));
        // A wrong weekday is read past, as the formatters do.
        assertThat(MailDates.parse("Mon, 26 Nov 2026 10:00:00 +0000")).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(MailDates.parse("Thu, 26 Nov 2026 10:00:00 GMT")).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(MailDates.parse("yesterday")).isNull();
        assertThat(MailDates.parse(" ")).isNull();
        assertThat(MailDates.parse(null)).isNull();
    }

    private static String randomDate(Random random) {
        LocalDateTime time = LocalDateTime.of(1990 + random.nextInt(50), 1, 1, 0, 0).plusSeconds(random.nextInt(Integer.MAX_VALUE));
        String weekday = random.nextInt(3) == 0 ? WEEKDAYS[random.nextInt(WEEKDAYS.length)]
                : time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        String month = random.nextInt(10) == 0 ? MONTHS[random.nextInt(MONTHS.length)]
                : time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        int day = random.nextInt(20) == 0 ? 28 + random.nextInt(5) : time.getDayOfMonth();
        int hour = random.nextInt(20) == 0 ? 20 + random.nextInt(6) : time.getHour();
        int offsetMinutes = random.nextInt(20) == 0 ? random.nextInt(2400) - 1200 : (random.nextInt(27) - 12) * 60 + 30 * random.nextInt(2);
        String offset = String.format(Locale.ROOT, "%s%02d%02d", offsetMinutes < 0 ? "-" : "+", Math.abs(offsetMinutes) / 60,
                Math.abs(offsetMinutes) % 60);
        if (random.nextInt(30) == 0) {
            offset = random.nextBoolean() ? "GMT" : "UT";
        }
        StringBuilder text = new StringBuilder();
        if (random.nextInt(4) != 0) {
            text.append(weekday).append(random.nextInt(10) == 0 ? ",  " : ", ");
        }
        text.append(random.nextInt(5) == 0 ? String.format(Locale.ROOT, "%02d", day) : Integer.toString(day));
        text.append(' ').append(month).append(' ').append(time.getYear());
        text.append(String.format(Locale.ROOT, " %02d:%02d", hour, time.getMinute()));
        if (random.nextInt(5) != 0) {
            text.append(String.format(Locale.ROOT, ":%02d", random.nextInt(30) == 0 ? 60 : time.getSecond()));
        }
        text.append(' ').append(offset);
        if (random.nextInt(5) == 0) {
            text.append(" (").append(ZoneOffset.UTC).append(')');
        }
        if (random.nextInt(40) == 0) {
            text.insert(random.nextInt(text.length()), random.nextBoolean() ? "x" : " ");
        }
        return text.toString();
    }
}
