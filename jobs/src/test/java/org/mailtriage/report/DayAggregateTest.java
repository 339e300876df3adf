package org.mailtriage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's per-server fold: parts folded in tasks and merged on the driver equal one fold of everything. */
class DayAggregateTest {
    private static final Instant DAY = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void mergedPartsEqualOneFold() {
        List<ReportEvent> events = events(5_000, 7);
        DayAggregate whole = new DayAggregate(10);
        events.forEach(event -> whole.add(event, event.recipientDomain()));
        DayAggregate merged = new DayAggregate(10);
        for (int part = 0; part < 4; part++) {
            DayAggregate folded = new DayAggregate(10);
            for (int index = part; index < events.size(); index += 4) {
                folded.add(events.get(index), events.get(index).recipientDomain());
            }
            merged.merge(folded);
        }
        assertThat(merged.events()).isEqualTo(whole.events()).isEqualTo(5_000);
        assertThat(merged.servers()).isEqualTo(whole.servers());
        for (DayAggregate.ServerKey key : whole.servers()) {
            assertThat(merged.facts(key, null, 20, 10, List.of(), List.of())).isEqualTo(whole.facts(key, null, 20, 10, List.of(), List.of()));
        }
        assertThat(merged.summary().keySet()).isEqualTo(whole.summary().keySet());
        whole.summary().forEach((key, group) -> {
            DayAggregate.SummaryGroup other = merged.summary().get(key);
            assertThat(List.of(other.failures(), other.bounces(), other.distinctIps())).isEqualTo(List.of(group.failures(), group.bounces(),
                    group.distinctIps()));
            assertThat(List.of(other.firstSeen(), other.lastSeen())).isEqualTo(List.of(group.firstSeen(), group.lastSeen()));
        });
    }

    @Test
    void samplesAreTheEarliestEventsOfEachRuleGroupAndCountsBalance() {
        List<ReportEvent> events = events(3_000, 11);
        DayAggregate day = new DayAggregate(3);
        events.forEach(event -> day.add(event, event.recipientDomain()));
        for (DayAggregate.ServerKey key : day.servers()) {
            ServerFacts facts = day.facts(key, null, 20, 10, List.of(), List.of());
            List<ReportEvent> mine = events.stream().filter(event -> event.role() == key.role() && key.ip().equals(event.ip())).toList();
            assertThat(facts.failures()).isEqualTo(mine.size());
            assertThat(facts.bounces()).isEqualTo(mine.stream().filter(ReportEvent::permanent).count());
            assertThat(facts.failuresByReason().stream().mapToLong(Count::count).sum()).isEqualTo(mine.size());
            for (RuleGroup group : facts.ruleGroups()) {
                List<Sample> expected = mine.stream()
                        .filter(event -> group.guideRule().label().equals(event.guideRule()) && java.util.Objects.equals(group.blocklist(), event.blocklist()))
                        .map(event -> new Sample(event.eventId(), event.eventTime(), event.recipientDomain(), event.replyCode(), event.replyText(),
                                event.permanent()))
                        .sorted().limit(3).toList();
                assertThat(group.samples()).isEqualTo(expected);
            }
        }
    }

    @Test
    void domainsKeepTheMostFailuresAndTiesBreakByName() {
        DayAggregate day = new DayAggregate(10);
        String[] domains = {"b.example", "a.example", "c.example", "a.example", "d.example", "b.example"};
        for (int index = 0; index < domains.length; index++) {
            day.add(event("id" + index, index, "outbound", "192.0.2.1", null, domains[index], 550, "blocked", null, null), domains[index]);
        }
        ServerFacts facts = day.facts(new DayAggregate.ServerKey(ServerRole.OUR_SERVER, "192.0.2.1"), "out1", 20, 3, List.of(), List.of());
        assertThat(facts.receivingDomains()).containsExactly(new Count("a.example", 2), new Count("b.example", 2), new Count("c.example", 1));
        assertThat(facts.distinctReceivingDomains()).isEqualTo(4);
        assertThat(facts.serverName()).isEqualTo("out1");
    }

    @Test
    void inboundEventsAreAboutTheRemoteClientAndEventsWithoutAnIpOnlyCountInTheSummary() {
        DayAggregate day = new DayAggregate(10);
        day.add(event("in", 1, "inbound", "192.0.2.30", "203.0.113.5", "example.com", 554, "blocked", "blocklisted", "zen.spamhaus.org"), "example.com");
        day.add(event("noip", 2, "outbound", null, null, "example.com", 450, "blocked", null, null), "example.com");
        assertThat(day.servers()).containsExactly(new DayAggregate.ServerKey(ServerRole.REMOTE_CLIENT, "203.0.113.5"));
        assertThat(day.events()).isEqualTo(2);
        assertThat(day.summary().values().stream().mapToLong(DayAggregate.SummaryGroup::failures).sum()).isEqualTo(2);
        assertThat(day.summary().values().stream().mapToLong(DayAggregate.SummaryGroup::deferrals).sum()).isEqualTo(1);
    }

    private static List<ReportEvent> events(int count, long seed) {
        Random random = new Random(seed);
        String[] rules = {null, "blocklisted", "no_ptr", "helo_not_fqdn"};
        String[] lists = {null, "zen.spamhaus.org", "bl.spamcop.net"};
        List<ReportEvent> events = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String rule = rules[random.nextInt(rules.length)];
            events.add(event("e" + random.nextInt(1_000_000), random.nextInt(86_400), random.nextBoolean() ? "outbound" : "inbound",
                    random.nextInt(10) == 0 ? null : "192.0.2." + random.nextInt(8), random.nextInt(3) == 0 ? null : "203.0.113." + random.nextInt(20),
                    random.nextInt(8) == 0 ? null : "d" + random.nextInt(30) + ".example", random.nextInt(5) == 0 ? null : 400 + random.nextInt(200),
                    random.nextBoolean() ? "blocked" : "userunknown", rule, rule == null ? null : lists[random.nextInt(lists.length)]));
        }
        return events;
    }

    private static ReportEvent event(String id, int second, String direction, String sendingIp, String remoteIp, String domain, Integer code,
            String reason, String rule, String list) {
        return new ReportEvent(id, DAY.plusSeconds(second), direction, code == null ? "bounced" : "deferred", "mx" + (second % 3), remoteIp,
                sendingIp, "helo" + (second % 25) + ".example", domain, code, "reply " + id, reason, rule, list);
    }
}
