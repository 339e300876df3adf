package org.mailtriage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailtriage.dns.CheckKind;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.ErrorKind;
import org.mailtriage.dns.Outcome;
import org.mailtriage.dns.SubjectKind;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Remedy;

class RemediationPlannerTest {
    private static final RemediationPlanner PLANNER = new RemediationPlanner(RemovalUrls.loadDefault());
    private static final Instant T1 = Instant.parse("2026-11-26T01:12:12Z");
    private static final Instant T2 = Instant.parse("2026-11-26T03:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-26T22:10:00Z");
    private static final Instant ASKED = Instant.parse("2026-11-27T01:00:00Z");

    @Test
    void blocklistedOurServerGetsCriticalDelistingWithEvidence() {
        ServerFacts facts = ours("192.0.2.10", List.of(
                group(GuideRule.BLOCKLISTED, "zen.spamhaus.org", 4, 4,
                        sample("e3", T3, "example.org", 550, "550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org"),
                        sample("e1", T1, "example.net", 554, "554 5.7.1 blocked using zen.spamhaus.org <x@example.net>"),
                        sample("e2", T2, "example.net", 554, "=HYPERLINK(\"http://example.invalid\")"),
                        sample("e4", T3, "example.edu", 554, "554 5.7.1 again")),
                group(GuideRule.BLOCKLISTED, "outlook S3150", 1, 1,
                        sample("e5", T2, "mail.example", 550, "550 5.7.1 part of their network is on our block list (S3150)"))),
                List.of(dnsbl("192.0.2.10", "zen.spamhaus.org", Outcome.LISTED, List.of("127.0.0.2"), "SBL",
                        "<b>Listed</b> see https://check.spamhaus.org/sbl/query/SBL1", null)));

        ServerReport report = PLANNER.plan(facts, PreviousReport.NONE);
        ServerRemediation row = report.remediation();

        assertThat(row.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(row.severityScore()).isEqualTo(405);
        assertThat(row.newSincePrevious()).isTrue();
        assertThat(row.newListings()).containsExactly("outlook s3150", "zen.spamhaus.org");
        assertThat(row.actions()).singleElement().satisfies(action -> {
            assertThat(action.remedy()).isEqualTo(Remedy.REQUEST_DELISTING);
            assertThat(action.guideSection()).isEqualTo(GuideRule.BLOCKLISTED.section());
            assertThat(action.evidenceEventIds()).containsExactly("e1", "e2", "e5", "e3", "e4");
            assertThat(action.evidenceDns()).singleElement().asString().startsWith("zen.spamhaus.org listed 127.0.0.2 (SBL)");
            assertThat(action.detail()).contains("5 bounces").contains("lists named: outlook S3150, zen.spamhaus.org")
                    .contains("listed on zen.spamhaus.org (SBL)");
        });
        assertThat(row.dnsblListings()).singleElement().satisfies(listing -> {
            assertThat(listing.txt()).isEqualTo("\u2039b\u203AListed\u2039/b\u203A see https://check.spamhaus.org/sbl/query/SBL1");
            assertThat(listing.removalUrl()).isEqualTo("https://check.spamhaus.org/sbl/query/SBL1");
        });

        assertThat(report.delistingRequests()).extracting(DelistingRequest::list).containsExactly("outlook s3150", "zen.spamhaus.org");
        DelistingRequest zen = report.delistingRequests().get(1);
        assertThat(zen.listSource()).isEqualTo("bounce_and_dns");
        assertThat(zen.removalUrlSource()).isEqualTo("dns_txt");
        assertThat(zen.bounceCount()).isEqualTo(4);
        assertThat(zen.firstBounce()).isEqualTo(T1);
        assertThat(zen.lastBounce()).isEqualTo(T3);
        assertThat(zen.sampleBounces()).extracting(Sample::eventId).containsExactly("e1", "e2", "e3");
        assertThat(zen.sampleBounces().get(1).replyText()).isEqualTo("'=HYPERLINK(\"http://example.invalid\")");
        assertThat(zen.sampleBounces().get(0).replyText()).contains("\u2039x@example.net\u203A");
        assertThat(zen.summary())
                .startsWith("Subject: Removal request for 192.0.2.10 from zen.spamhaus.org")
                .contains("we operate the mail server 192.0.2.10 (out1.example.com).")
                .contains("answered 127.0.0.2 (SBL)")
                .contains("4 deliveries were refused with a reply naming zen.spamhaus.org, from 2026-11-26 01:12:12 UTC to 2026-11-26 22:10:00 UTC")
                .contains("- 2026-11-26 01:12:12 UTC, to example.net: \"554 5.7.1 blocked using zen.spamhaus.org \u2039x@example.net\u203A\"")
                .contains("Look-up / removal page: https://check.spamhaus.org/sbl/query/SBL1")
                .doesNotContain("<").doesNotContain(">");
        assertThat(InertText.isInert(zen.summary())).isTrue();
        DelistingRequest outlook = report.delistingRequests().get(0);
        assertThat(outlook.listSource()).isEqualTo("bounce");
        assertThat(outlook.listOutcome()).isNull();
        assertThat(outlook.removalUrl()).isEqualTo("https://sender.office.com/");
        assertThat(outlook.removalUrlSource()).isEqualTo("known_list");
        assertThat(outlook.summary()).contains("we have not yet looked the IP up there ourselves");
    }

    @Test
    void listedWithNoBounceYetIsReportedAsHigh() {
        ServerFacts facts = ours("192.0.2.21", List.of(),
                List.of(new DnsAnswer("192.0.2.21", SubjectKind.IP, CheckKind.DNSBL, "bl.spamcop.net", null, null, Outcome.LISTED,
                                List.of("127.0.0.2"), "listed", null, List.of(), null, null, ASKED, null,
                                "https://example.org/remove?ip=192.0.2.21"),
                        dnsbl("192.0.2.21", "b.barracudacentral.org", Outcome.NOT_LISTED, List.of(), null, null, null)));
        ServerReport report = PLANNER.plan(facts, PreviousReport.NONE);
        assertThat(report.remediation().severity()).isEqualTo(Severity.HIGH);
        assertThat(report.remediation().dnsblZonesChecked()).isEqualTo(2);
        assertThat(report.remediation().actions()).singleElement().satisfies(action -> {
            assertThat(action.guideRule()).isEqualTo(GuideRule.BLOCKLISTED);
            assertThat(action.evidenceEventIds()).isEmpty();
            assertThat(action.firstSeen()).isNull();
        });
        assertThat(report.delistingRequests()).singleElement().satisfies(request -> {
            assertThat(request.listSource()).isEqualTo("dns");
            assertThat(request.bounceCount()).isZero();
            assertThat(request.removalUrl()).isEqualTo("https://example.org/remove?ip=192.0.2.21");
            assertThat(request.removalUrlSource()).isEqualTo("zone_data");
            assertThat(request.summary()).doesNotContain("refused").contains("answered 127.0.0.2 (listed)");
        });
    }

    @Test
    void unknownAnswersAreShownButNeverFindings() {
        ServerFacts facts = ours("192.0.2.30", List.of(), List.of(
                dnsbl("192.0.2.30", "zen.spamhaus.org", Outcome.UNKNOWN, List.of("127.255.255.254"), "query via public resolver", null,
                        ErrorKind.OPERATOR_ERROR),
                answer("192.0.2.30", SubjectKind.IP, CheckKind.PTR, Outcome.UNKNOWN, List.of(), ErrorKind.TIMEOUT)));
        ServerReport report = PLANNER.plan(facts, PreviousReport.NONE);
        ServerRemediation row = report.remediation();
        assertThat(row.actions()).isEmpty();
        assertThat(row.severity()).isEqualTo(Severity.NONE);
        assertThat(row.newSincePrevious()).isFalse();
        assertThat(row.ptrState()).isEqualTo("unknown");
        assertThat(row.dnsblListings()).singleElement().satisfies(listing -> {
            assertThat(listing.outcome()).isEqualTo("unknown");
            assertThat(listing.errorKind()).isEqualTo("operator_error");
            assertThat(listing.removalUrl()).isNull();
        });
        assertThat(report.delistingRequests()).isEmpty();
    }

    @Test
    void dnsChecksMapToTheGuideRows() {
        ServerFacts facts = new ServerFacts(ServerRole.OUR_SERVER, "2001:db8:10::25", "out3.example.com", List.of("out3"), List.of("out3"),
                T1, T2, 3, 2, List.of(new Count("blocked", 3)), List.of(new Count("helo_not_fqdn", 3)), List.of(new Count("example.edu", 3)), 1,
                List.of(group(GuideRule.HELO_NOT_FQDN, null, 3, 2, sample("h1", T1, "example.edu", 504, "504 5.5.2 need fully-qualified hostname"))),
                List.of(answer("2001:db8:10::25", SubjectKind.IP, CheckKind.PTR, Outcome.FAIL, List.of(), null),
                        dnsbl("2001:db8:10::25", "zen.spamhaus.org", Outcome.LISTED, List.of("127.0.0.11"), "PBL (Spamhaus)", null, null)),
                List.of(answer("out3", SubjectKind.HELO, CheckKind.HELO_SYNTAX, Outcome.PASS, List.of(), null),
                        answer("out3", SubjectKind.HELO, CheckKind.HELO_FQDN, Outcome.FAIL, List.of(), null),
                        answer("out3", SubjectKind.HELO, CheckKind.HELO_RESOLVES, Outcome.FAIL, List.of(), null),
                        new DnsAnswer("out3", SubjectKind.HELO, CheckKind.HELO_MATCHES_IP, null, "192.0.2.99", null, Outcome.FAIL, List.of(), null,
                                null, List.of(), null, null, ASKED, null, null),
                        new DnsAnswer("out3", SubjectKind.HELO, CheckKind.HELO_MATCHES_IP, null, "2001:db8:10::25", null, Outcome.PASS, List.of(),
                                null, null, List.of(), null, null, ASKED, null, null)));
        ServerRemediation row = PLANNER.plan(facts, PreviousReport.NONE).remediation();
        assertThat(row.actions()).extracting(Action::guideRule, Action::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(GuideRule.HELO_NOT_FQDN, Severity.CRITICAL),
                org.assertj.core.groups.Tuple.tuple(GuideRule.NO_PTR, Severity.MEDIUM),
                org.assertj.core.groups.Tuple.tuple(GuideRule.HELO_HOST_NOT_FOUND, Severity.MEDIUM),
                org.assertj.core.groups.Tuple.tuple(GuideRule.DYNAMIC_IP, Severity.MEDIUM));
        assertThat(row.ptrState()).isEqualTo("missing");
        assertThat(row.heloState()).isEqualTo("not_fqdn");
        assertThat(row.actions().get(0).detail()).contains("2 bounces, 1 deferral").contains("HELO out3 is not fully qualified");
        assertThat(row.actions().get(2).evidenceDns()).as("another server's helo_matches_ip answer is not this one's")
                .noneMatch(evidence -> evidence.contains("helo_matches_ip"));
        assertThat(row.actions().get(3).detail()).contains("listed on zen.spamhaus.org (PBL (Spamhaus))");
    }

    @Test
    void remoteClientsAreLowAndPtrOkWhenForwardConfirmed() {
        ServerFacts facts = new ServerFacts(ServerRole.REMOTE_CLIENT, "203.0.113.5", null, List.of("mail.example.com"), List.of("mx1"),
                T1, T1, 1, 0, List.of(new Count("requireptr", 1)), List.of(new Count("no_ptr", 1)), List.of(new Count("example.com", 1)), 1,
                List.of(group(GuideRule.NO_PTR, null, 1, 0, sample("r1", T1, "example.com", 450, "450 4.7.1 cannot find your hostname"))),
                List.of(answer("203.0.113.5", SubjectKind.IP, CheckKind.PTR, Outcome.PASS, List.of("mail.example.com"), null),
                        answer("203.0.113.5", SubjectKind.IP, CheckKind.FCRDNS, Outcome.PASS, List.of(), null)),
                List.of());
        ServerRemediation row = PLANNER.plan(facts, PreviousReport.NONE).remediation();
        assertThat(row.severity()).isEqualTo(Severity.LOW);
        assertThat(row.ptrState()).isEqualTo("ok");
        assertThat(row.ptrNames()).containsExactly("mail.example.com");
        assertThat(row.ptrForwardConfirmed()).isTrue();
        assertThat(row.heloState()).isEqualTo("not_checked");
        assertThat(row.actions()).singleElement().extracting(Action::remedy).isEqualTo(Remedy.SET_PTR);
    }

    @Test
    void newSincePreviousComparesRemediesAndListings() {
        ServerFacts facts = ours("192.0.2.10", List.of(group(GuideRule.BLOCKLISTED, "zen.spamhaus.org", 1, 1,
                sample("e1", T1, "example.net", 554, "554 blocked using zen.spamhaus.org"))), List.of());
        PreviousReport same = previous("our_server 192.0.2.10", Set.of("request_delisting"), Set.of("zen.spamhaus.org"));
        PreviousReport otherList = previous("our_server 192.0.2.10", Set.of("request_delisting"), Set.of("bl.spamcop.net"));
        PreviousReport otherServer = previous("our_server 192.0.2.99", Set.of("request_delisting"), Set.of("zen.spamhaus.org"));
        assertThat(PLANNER.plan(facts, same).remediation().newSincePrevious()).isFalse();
        assertThat(PLANNER.plan(facts, same).remediation().newListings()).isEmpty();
        assertThat(PLANNER.plan(facts, otherList).remediation().newSincePrevious()).isTrue();
        assertThat(PLANNER.plan(facts, otherList).remediation().newListings()).containsExactly("zen.spamhaus.org");
        assertThat(PLANNER.plan(facts, otherServer).remediation().newSincePrevious()).isTrue();
    }

    @Test
    void unnamedBlocklistBouncesGetTheirOwnRequest() {
        ServerFacts facts = ours("192.0.2.10", List.of(group(GuideRule.BLOCKLISTED, null, 2, 2,
                sample("u1", T1, "example.net", 554, "554 5.7.1 Service unavailable; in the RBL"),
                sample("u2", T2, "example.net", 554, "554 5.7.1 Service unavailable; in the RBL"))), List.of());
        DelistingRequest request = PLANNER.plan(facts, PreviousReport.NONE).delistingRequests().get(0);
        assertThat(request.list()).isEqualTo(RemediationPlanner.UNNAMED_LIST);
        assertThat(request.removalUrl()).isNull();
        assertThat(request.summary()).startsWith("Subject: Removal request for 192.0.2.10\n")
                .contains("the replies do not name the list").contains("guide step 2");
    }

    private static PreviousReport previous(String key, Set<String> remedies, Set<String> listings) {
        return new PreviousReport(LocalDate.parse("2026-11-25"), Map.of(key, new PreviousReport.Server(remedies, listings)));
    }

    private static ServerFacts ours(String ip, List<RuleGroup> groups, List<DnsAnswer> ipAnswers) {
        long failures = groups.stream().mapToLong(RuleGroup::failures).sum();
        long bounces = groups.stream().mapToLong(RuleGroup::bounces).sum();
        return new ServerFacts(ServerRole.OUR_SERVER, ip, "out1.example.com", List.of("out1.example.com"), List.of("out1"),
                groups.isEmpty() ? null : T1, groups.isEmpty() ? null : T3, failures, bounces, List.of(), List.of(), List.of(), 0, groups,
                ipAnswers, List.of());
    }

    private static RuleGroup group(GuideRule rule, String list, long failures, long bounces, Sample... samples) {
        List<Sample> sorted = List.of(samples).stream().sorted().toList();
        return new RuleGroup(rule, list, failures, bounces, sorted.get(0).time(), sorted.get(sorted.size() - 1).time(), sorted);
    }

    private static Sample sample(String id, Instant time, String domain, int code, String text) {
        return new Sample(id, time, domain, code, text, code >= 500);
    }

    private static DnsAnswer dnsbl(String ip, String zone, Outcome outcome, List<String> codes, String meaning, String txt, ErrorKind error) {
        return new DnsAnswer(ip, SubjectKind.IP, CheckKind.DNSBL, zone, null, null, outcome, codes, meaning, txt, codes, error, null, ASKED, null,
                null);
    }

    private static DnsAnswer answer(String subject, SubjectKind kind, CheckKind check, Outcome outcome, List<String> answers, ErrorKind error) {
        return new DnsAnswer(subject, kind, check, null, null, null, outcome, List.of(), null, null, answers, error, null, ASKED, null, null);
    }
}
