package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.Direction;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.SourceFormat;
import org.mailtriage.testing.ProjectFiles;

/**
 * The MTA samples in data-samples/logs/: sniffed as their format, read whole with every line counted, and
 * yielding exactly the events of their case-file lines (the surrounding traffic yields none), with the
 * guide's rows in the directions the format has them.
 */
class MtaSampleLogsTest {
    private static final Set<String> ALL_GUIDE_ROWS = Set.of("blocklisted", "no_ptr", "helo_host_not_found", "helo_not_fqdn",
            "helo_invalid_name", "dynamic_ip");

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("exim-mainlog-20261126", SourceFormat.EXIM, "exim.cases", ALL_GUIDE_ROWS, ALL_GUIDE_ROWS),
                Arguments.of("exim-syslog-20261126", SourceFormat.EXIM, "exim.cases", Set.of(), Set.of()),
                // Sendmail has no HELO checks of its own: its inbound rows are the DNSBL and require_rdns ones.
                Arguments.of("sendmail-maillog-20261126", SourceFormat.SENDMAIL, "sendmail.cases", ALL_GUIDE_ROWS,
                        Set.of("blocklisted", "dynamic_ip", "no_ptr")),
                // OpenSMTPD's failed-command lines do not name the client, so no inbound guide row can be told apart.
                Arguments.of("opensmtpd-20261126.log", SourceFormat.OPENSMTPD, "opensmtpd.cases", ALL_GUIDE_ROWS, Set.of()),
                // Exchange's connection filtering tracks block-list rejects only; PTR and HELO checks are not in its logs.
                Arguments.of("exchange/MSGTRK2026112601-1.LOG", SourceFormat.EXCHANGE, "exchange-2013.cases", ALL_GUIDE_ROWS,
                        Set.of("blocklisted")),
                Arguments.of("exchange/MSGTRK20261126-1.LOG", SourceFormat.EXCHANGE, "exchange-2010.cases", Set.of("blocklisted"),
                        Set.of("dynamic_ip")),
                // Courier logs no PTR or HELO check of its own; its inbound rows are block-list ones.
                Arguments.of("courier-maillog-20261126", SourceFormat.COURIER, "courier.cases", ALL_GUIDE_ROWS,
                        Set.of("blocklisted", "dynamic_ip")),
                // qmail-smtpd logs no rejects: outbound only.
                Arguments.of("qmail/current", SourceFormat.QMAIL, "qmail.cases", ALL_GUIDE_ROWS, Set.of()),
                Arguments.of("qmail-maillog-20261126", SourceFormat.QMAIL, "qmail.cases", Set.of(), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsReadWholeAndYieldsItsCaseEvents(String name, SourceFormat format, String caseFile, Set<String> outboundRows,
            Set<String> inboundRows) throws IOException {
        Path path = ProjectFiles.resolve("data-samples/logs/" + name);
        byte[] bytes = Files.readAllBytes(path);
        assertThat(FormatSniffer.sniff(bytes, Math.min(bytes.length, 64 * 1024))).isEqualTo(format);

        List<DeliveryEvent> events = new ArrayList<>();
        List<QuarantineRecord> quarantined = new ArrayList<>();
        InputCounts counts = null;
        for (Iterator<IngestItem> items = reader(format, name, new ByteArrayInputStream(bytes)); items.hasNext(); ) {
            IngestItem item = items.next();
            if (item.event() != null) {
                events.add(item.event());
            } else if (item.quarantine() != null) {
                quarantined.add(item.quarantine());
            } else {
                counts = item.counts();
            }
        }
        assertThat(counts).isNotNull();
        assertThat(counts.balanced()).isTrue();
        assertThat(counts.linesRead()).isEqualTo(physicalLines(bytes));
        assertThat(quarantined).isEmpty();
        assertThat(counts.events()).isEqualTo(events.size());

        // Exim and qmail samples come in two files each: lines with their own time first, and syslog-wrapped ones.
        boolean syslogOnly = name.startsWith("exim-syslog") || name.startsWith("qmail-maillog");
        boolean nativeOnly = name.startsWith("exim-mainlog") || name.startsWith("qmail/");
        long expectedEvents = ParserCases.read(caseFile).stream()
                .filter(ParserCases.Case::inSample)
                .filter(testCase -> !syslogOnly || !ownTime(testCase.line()))
                .filter(testCase -> !nativeOnly || ownTime(testCase.line()))
                .map(testCase -> testCase.expected().get("result"))
                .filter(result -> result.startsWith("events "))
                .mapToLong(result -> Long.parseLong(result.substring("events ".length())))
                .sum();
        assertThat(events).hasSize((int) expectedEvents);
        assertThat(events).allSatisfy(event -> assertThat(event.sourceFormat()).isEqualTo(format));
        assertThat(guideRows(events, Direction.OUTBOUND)).containsAll(outboundRows);
        assertThat(guideRows(events, Direction.INBOUND)).containsAll(inboundRows);
    }

    static Iterator<IngestItem> reader(SourceFormat format, String name, InputStream in) {
        EventClassifier classifier = new ClassifyStage(Classifier.withDefaultRules());
        ServerDirectory servers = MtaParserCasesTest.servers();
        LocalDate reference = LocalDate.of(2026, 11, 26);
        if (format == SourceFormat.EXCHANGE) {
            return new ExchangeTrackingReader(in, name, new ExchangeTrackingParser(servers), classifier, reference, ZoneOffset.UTC);
        }
        LineParser parser = switch (format) {
            case EXIM -> new EximParser(servers);
            case SENDMAIL -> new SendmailParser(servers);
            case OPENSMTPD -> new OpenSmtpdParser(servers);
            case COURIER -> new CourierParser(servers);
            case QMAIL -> new QmailParser(servers);
            default -> throw new IllegalArgumentException(format.label());
        };
        return new LogChunkReader(in, 0, Long.MAX_VALUE, name, format, parser, classifier, reference, ZoneOffset.UTC);
    }

    /** Exim's "2026-11-26 …" and multilog's "@4000…" lines, as opposed to syslog-wrapped ones. */
    private static boolean ownTime(String line) {
        return Character.isDigit(line.charAt(0)) || line.startsWith("@");
    }

    private static Set<String> guideRows(List<DeliveryEvent> events, Direction direction) {
        Set<String> rows = new TreeSet<>();
        events.stream().filter(event -> event.direction() == direction && event.guideRule() != null)
                .forEach(event -> rows.add(event.guideRule()));
        return rows;
    }

    private static long physicalLines(byte[] bytes) {
        long lines = 0;
        for (byte value : bytes) {
            if (value == '\n') {
                lines++;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? lines + 1 : lines;
    }
}
