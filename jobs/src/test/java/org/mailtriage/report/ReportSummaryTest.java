package org.mailtriage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailtriage.classify.GuideRule;

class ReportSummaryTest {
    private static final RemediationPlanner PLANNER = new RemediationPlanner(RemovalUrls.loadDefault());
    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    private static final Instant T1 = Instant.parse("2026-11-26T01:12:12Z");
    private static final Instant ASKED = Instant.parse("2026-11-27T01:00:00Z");

    @Test
    void namesServersListsAndFixesMostUrgentFirst() {
        List<ServerReport> reports = List.of(
                PLANNER.plan(server("192.0.2.10", "out1.example.com", List.of(group(GuideRule.BLOCKLISTED, "zen.spamhaus.org", 5, "b1"))),
                        PreviousReport.NONE),
                PLANNER.plan(withDns(server("192.0.2.21", "out2.example.com", List.of()),
                        new DnsAnswer("192.0.2.21", "ip", DnsChecks.DNSBL, "bl.spamcop.net", "listed", List.of("127.0.0.2"), "listed", null,
                                List.of(), null, ASKED, null, null)), PreviousReport.NONE),
                PLANNER.plan(server("192.0.2.20", "out2.example.com", List.of(group(GuideRule.NO_PTR, null, 6, "p1"))), PreviousReport.NONE));
        List<String> lines = summarise(reports, null, true, 0);
        assertThat(lines.get(0)).isEqualTo("2 servers need delisting: 192.0.2.10 (out1.example.com) from zen.spamhaus.org (SBL) since"
                + " 2026-11-26 01:12 UTC, 5 refusals [§5.6 / opening bounce, critical]; 192.0.2.21 (out2.example.com) from bl.spamcop.net"
                + " (listed) (DNS shows it; nothing refused yet) [§5.6 / opening bounce, high]");
        assertThat(lines.get(1)).isEqualTo("1 needs a PTR record: 192.0.2.20 (out2.example.com) since 2026-11-26 01:12 UTC, 6 refusals [§5.1, critical]");
        assertThat(lines.get(2)).isEqualTo("New listings since the previous report (no earlier report): 192.0.2.10 on zen.spamhaus.org;"
                + " 192.0.2.21 on bl.spamcop.net.");
        assertThat(lines).hasSize(3);
    }

    @Test
    void saysSoWhenNothingNeedsFixingAndWhenDnsWasMissing() {
        List<String> lines = summarise(List.of(), LocalDate.parse("2026-11-25"), false, 2);
        assertThat(lines).containsExactly(
                "Report 2026-11-26: none of our servers needs a fix.",
                "New listings since the previous report (2026-11-25): none.",
                "2 remote servers refused by ours for a guide reason (their fix; see server_remediation, role remote_client).",
                "No DNS answers (dns_answers) were available: this report shows what the bounces say only.");
    }

    private static List<String> summarise(List<ServerReport> reports, LocalDate previous, boolean dns, long remote) {
        List<ServerRemediation> servers = new ArrayList<>();
        List<DelistingRequest> delistings = new ArrayList<>();
        for (ServerReport report : reports) {
            servers.add(report.remediation());
            delistings.addAll(report.delistingRequests());
        }
        servers.sort((left, right) -> Integer.compare(right.severityScore(), left.severityScore()));
        return ReportSummary.lines(DAY, servers, delistings, remote, previous, dns);
    }

    private static ServerFacts server(String ip, String name, List<RuleGroup> groups) {
        List<DnsAnswer> answers = groups.stream().anyMatch(group -> group.guideRule() == GuideRule.BLOCKLISTED)
                ? List.of(new DnsAnswer(ip, "ip", DnsChecks.DNSBL, "zen.spamhaus.org", "listed", List.of("127.0.0.2"), "SBL", null, List.of(),
                        null, ASKED, null, null))
                : List.of();
        long failures = groups.stream().mapToLong(RuleGroup::failures).sum();
        return new ServerFacts(ServerRole.OUR_SERVER, ip, name, List.of(name), List.of(name), groups.isEmpty() ? null : T1,
                groups.isEmpty() ? null : T1, failures, failures, List.of(), List.of(), List.of(), groups, answers, List.of());
    }

    private static ServerFacts withDns(ServerFacts facts, DnsAnswer answer) {
        return new ServerFacts(facts.role(), facts.ip(), facts.serverName(), facts.heloNames(), facts.reportingHosts(), facts.firstSeen(),
                facts.lastSeen(), facts.failures(), facts.bounces(), facts.failuresByReason(), facts.failuresByGuideRule(),
                facts.receivingDomains(), facts.ruleGroups(), List.of(answer), facts.heloAnswers());
    }

    private static RuleGroup group(GuideRule rule, String list, long count, String eventId) {
        return new RuleGroup(rule, list, count, count, T1, T1, List.of(new Sample(eventId, T1, "example.net", 550, "550 5.7.1 refused", true)));
    }
}
