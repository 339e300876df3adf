package org.mailtriage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailtriage.dns.CheckKind;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.Outcome;
import org.mailtriage.dns.SubjectKind;
import org.mailtriage.model.GuideRule;

class ReportSummaryTest {
    private static final RemediationPlanner PLANNER = new RemediationPlanner(RemovalUrls.loadDefault());
    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    private static final Instant T1 = Instant.parse("2026-11-26T01:12:12Z");
    private static final Instant ASKED = Instant.parse("2026-11-27T01:00:00Z");

    @Test
    void namesServersListsAndFixesMostUrgentFirst() {
        List<String> lines = summarise(reports(), null, true, 0);
        assertThat(lines).containsExactly(
                "Report 2026-11-26: 3 of our servers need a fix, most urgent first:",
                "  192.0.2.20 (out2.example.com): critical",
                "    needs a PTR record: 6 refusals since 2026-11-26 01:12 UTC [§5.1, critical]",
                "  192.0.2.10 (out1.example.com): critical, newly listed",
                "    needs delisting from zen.spamhaus.org (SBL): 5 refusals since 2026-11-26 01:12 UTC [§5.6 /",
                "        opening bounce, critical]",
                "  192.0.2.21 (out2.example.com): high, newly listed",
                "    needs delisting from bl.spamcop.net (listed): DNS shows it; nothing refused yet [§5.6 / opening",
                "        bounce, high]",
                "New listings since the previous report (no earlier report): 192.0.2.10 on zen.spamhaus.org;",
                "    192.0.2.21 on bl.spamcop.net.");
    }

    @Test
    void namesAtMostTheGivenNumberOfServersAndCountsTheRest() {
        List<String> lines = summarise(reports(), null, true, 0, 1);
        assertThat(lines).contains("  192.0.2.20 (out2.example.com): critical",
                "  and 2 more servers \u2014 see server_remediation (role our_server, report_date 2026-11-26)");
        assertThat(String.join("\n", lines)).doesNotContain("192.0.2.10 (out1.example.com)");
        // The new listings are all named: they are what a scheduler alerts on.
        assertThat(String.join(" ", lines)).contains("192.0.2.10 on zen.spamhaus.org", "192.0.2.21 on bl.spamcop.net");
    }

    @Test
    void wrapsLongLinesAtSpacesWithAHangingIndent() {
        assertThat(ReportSummary.wrap(List.of("  " + "word ".repeat(30).strip(), "x".repeat(25)), 20)).allSatisfy(line ->
                assertThat(line.length()).isLessThanOrEqualTo(20)).startsWith("  word word word", "      word word word")
                .endsWith("xxxxxxxxxxxxxxxxxxxx", "    xxxxx");
    }

    @Test
    void jsonListsEveryServerWithItsFixesAndLists() {
        List<ServerRemediation> servers = new ArrayList<>();
        List<DelistingRequest> delistings = new ArrayList<>();
        for (ServerReport report : reports()) {
            servers.add(report.remediation());
            delistings.addAll(report.delistingRequests());
        }
        servers.sort((left, right) -> Integer.compare(right.severityScore(), left.severityScore()));
        Map<String, Object> json = ReportSummary.json(DAY, servers, delistings, 2, null, true);
        assertThat(json).containsEntry("report_date", "2026-11-26").containsEntry("new_listing", true)
                .containsEntry("remote_clients_with_actions", 2L);
        List<?> toFix = (List<?>) json.get("our_servers_to_fix");
        assertThat(toFix).hasSize(3);
        assertThat(toFix.stream().map(server -> (Object) ((Map<?, ?>) server).get("ip")).toList()).containsExactly("192.0.2.20", "192.0.2.10", "192.0.2.21");
        Map<?, ?> listed = (Map<?, ?>) toFix.get(1);
        Map<?, ?> fix = (Map<?, ?>) ((List<?>) listed.get("fixes")).get(0);
        assertThat(fix.get("remedy")).isEqualTo("request_delisting");
        assertThat(fix.get("failures")).isEqualTo(5L);
        assertThat(((Map<?, ?>) ((List<?>) fix.get("lists")).get(0)).get("list")).isEqualTo("zen.spamhaus.org");
    }

    @Test
    void saysSoWhenNothingNeedsFixingAndWhenDnsWasMissing() {
        List<String> lines = summarise(List.of(), LocalDate.parse("2026-11-25"), false, 2);
        assertThat(lines).containsExactly(
                "Report 2026-11-26: none of our servers needs a fix.",
                "New listings since the previous report (2026-11-25): none.",
                "2 remote servers refused by ours for a guide reason (their fix; see server_remediation, role",
                "    remote_client).",
                "No DNS answers (dns_answers) were available: this report shows what the bounces say only.");
    }

    private static List<ServerReport> reports() {
        return List.of(
                PLANNER.plan(server("192.0.2.10", "out1.example.com", List.of(group(GuideRule.BLOCKLISTED, "zen.spamhaus.org", 5, "b1"))),
                        PreviousReport.NONE),
                PLANNER.plan(withDns(server("192.0.2.21", "out2.example.com", List.of()),
                        new DnsAnswer("192.0.2.21", SubjectKind.IP, CheckKind.DNSBL, "bl.spamcop.net", null, null, Outcome.LISTED,
                                List.of("127.0.0.2"), "listed", null, List.of(), null, null, ASKED, null, null)), PreviousReport.NONE),
                PLANNER.plan(server("192.0.2.20", "out2.example.com", List.of(group(GuideRule.NO_PTR, null, 6, "p1"))), PreviousReport.NONE));
    }

    private static List<String> summarise(List<ServerReport> reports, LocalDate previous, boolean dns, long remote) {
        return summarise(reports, previous, dns, remote, ReportSummary.DEFAULT_MAX_SERVERS);
    }

    private static List<String> summarise(List<ServerReport> reports, LocalDate previous, boolean dns, long remote, int maxServers) {
        List<ServerRemediation> servers = new ArrayList<>();
        List<DelistingRequest> delistings = new ArrayList<>();
        for (ServerReport report : reports) {
            servers.add(report.remediation());
            delistings.addAll(report.delistingRequests());
        }
        servers.sort((left, right) -> Integer.compare(right.severityScore(), left.severityScore()));
        return ReportSummary.lines(DAY, servers, delistings, remote, previous, dns, maxServers);
    }

    private static ServerFacts server(String ip, String name, List<RuleGroup> groups) {
        List<DnsAnswer> answers = groups.stream().anyMatch(group -> group.guideRule() == GuideRule.BLOCKLISTED)
                ? List.of(new DnsAnswer(ip, SubjectKind.IP, CheckKind.DNSBL, "zen.spamhaus.org", null, null, Outcome.LISTED, List.of("127.0.0.2"),
                        "SBL", null, List.of(), null, null, ASKED, null, null))
                : List.of();
        long failures = groups.stream().mapToLong(RuleGroup::failures).sum();
        return new ServerFacts(ServerRole.OUR_SERVER, ip, name, List.of(name), List.of(name), groups.isEmpty() ? null : T1,
                groups.isEmpty() ? null : T1, failures, failures, List.of(), List.of(), List.of(), 0, groups, answers, List.of());
    }

    private static ServerFacts withDns(ServerFacts facts, DnsAnswer answer) {
        return new ServerFacts(facts.role(), facts.ip(), facts.serverName(), facts.heloNames(), facts.reportingHosts(), facts.firstSeen(),
                facts.lastSeen(), facts.failures(), facts.bounces(), facts.failuresByReason(), facts.failuresByGuideRule(),
                facts.receivingDomains(), facts.distinctReceivingDomains(), facts.ruleGroups(), List.of(answer), facts.heloAnswers());
    }

    private static RuleGroup group(GuideRule rule, String list, long count, String eventId) {
        return new RuleGroup(rule, list, count, count, T1, T1, List.of(new Sample(eventId, T1, "example.net", 550, "550 5.7.1 refused", true)));
    }
}
