package org.mailtriage.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.model.GuideRule;

/**
 * One report date's events, aggregated per server (role, IP) and per failure_summary group, in one pass. Tasks
 * each fold their share of the events ({@link #add}) and the driver merges the parts ({@link #merge}): no shuffle,
 * and memory bounded by servers × their distinct domains (samples: the earliest few per rule group).
 */
public final class DayAggregate implements Serializable {
    /** Strings in Spark's order (UTF-8 bytes, i.e. code points), so ties break as the SQL's did. */
    public static final Comparator<String> CODE_POINT_ORDER = (Comparator<String> & Serializable) (left, right) -> {
        int leftIndex = 0;
        int rightIndex = 0;
        while (leftIndex < left.length() && rightIndex < right.length()) {
            int leftPoint = left.codePointAt(leftIndex);
            int rightPoint = right.codePointAt(rightIndex);
            if (leftPoint != rightPoint) {
                return Integer.compare(leftPoint, rightPoint);
            }
            leftIndex += Character.charCount(leftPoint);
            rightIndex += Character.charCount(rightPoint);
        }
        return Integer.compare(left.length() - leftIndex, right.length() - rightIndex);
    };

    private final int samplesPerGroup;
    private final Map<ServerKey, Server> servers = new HashMap<>();
    private final Map<SummaryKey, SummaryGroup> summary = new HashMap<>();
    private long events;

    public DayAggregate(int samplesPerGroup) {
        this.samplesPerGroup = samplesPerGroup;
    }

    /** A server as the report keys it. */
    public record ServerKey(ServerRole role, String ip) implements Serializable {
    }

    /** A failure_summary group: direction, reason, guide rule, receiving domain (already made inert), reply code. */
    public record SummaryKey(String direction, String reason, String guideRule, String receivingDomain, Integer replyCode)
            implements Serializable {
        /** Ascending, nulls first: the order the table's one file is written in. */
        public static final Comparator<SummaryKey> ORDER = Comparator.comparing(SummaryKey::direction, Comparator.nullsFirst(CODE_POINT_ORDER))
                .thenComparing(SummaryKey::reason, Comparator.nullsFirst(CODE_POINT_ORDER))
                .thenComparing(SummaryKey::guideRule, Comparator.nullsFirst(CODE_POINT_ORDER))
                .thenComparing(SummaryKey::receivingDomain, Comparator.nullsFirst(CODE_POINT_ORDER))
                .thenComparing(SummaryKey::replyCode, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    /** The counts of one failure_summary group. */
    public static final class SummaryGroup implements Serializable {
        private long failures;
        private long bounces;
        private final Set<String> ips = new java.util.HashSet<>();
        private Instant firstSeen;
        private Instant lastSeen;

        public long failures() {
            return failures;
        }

        public long bounces() {
            return bounces;
        }

        public long deferrals() {
            return failures - bounces;
        }

        public long distinctIps() {
            return ips.size();
        }

        public Instant firstSeen() {
            return firstSeen;
        }

        public Instant lastSeen() {
            return lastSeen;
        }

        private void merge(SummaryGroup other) {
            failures += other.failures;
            bounces += other.bounces;
            ips.addAll(other.ips);
            firstSeen = min(firstSeen, other.firstSeen);
            lastSeen = max(lastSeen, other.lastSeen);
        }
    }

    /** Adds one event of the day. {@code receivingDomain} is the recipient domain as failure_summary exports it (inert). */
    public void add(ReportEvent event, String receivingDomain) {
        events++;
        boolean permanent = event.permanent();
        SummaryGroup group = summary.computeIfAbsent(new SummaryKey(event.direction(), event.reason(), event.guideRule(), receivingDomain,
                event.replyCode()), key -> new SummaryGroup());
        group.failures++;
        group.bounces += permanent ? 1 : 0;
        if (event.ip() != null) {
            group.ips.add(event.ip());
        }
        group.firstSeen = min(group.firstSeen, event.eventTime());
        group.lastSeen = max(group.lastSeen, event.eventTime());
        if (event.ip() != null) {
            servers.computeIfAbsent(new ServerKey(event.role(), event.ip()), key -> new Server()).add(event, permanent, samplesPerGroup);
        }
    }

    /** Folds another part into this one and returns this. */
    public DayAggregate merge(DayAggregate other) {
        events += other.events;
        other.summary.forEach((key, group) -> summary.merge(key, group, (mine, theirs) -> {
            mine.merge(theirs);
            return mine;
        }));
        other.servers.forEach((key, server) -> servers.merge(key, server, (mine, theirs) -> {
            mine.merge(theirs, samplesPerGroup);
            return mine;
        }));
        return this;
    }

    public long events() {
        return events;
    }

    public Map<SummaryKey, SummaryGroup> summary() {
        return summary;
    }

    /** The failure_summary rows, in the order the table's one file is written in. */
    public List<FailureSummary> summaryRows() {
        return summary.entrySet().stream().sorted(Map.Entry.comparingByKey(SummaryKey.ORDER)).map(entry -> {
            SummaryKey key = entry.getKey();
            SummaryGroup group = entry.getValue();
            return new FailureSummary(key.direction(), key.reason(), key.guideRule(), key.receivingDomain(), key.replyCode(),
                    group.failures(), group.bounces(), group.deferrals(), group.distinctIps(), group.firstSeen(), group.lastSeen());
        }).toList();
    }

    public Set<ServerKey> servers() {
        return servers.keySet();
    }

    /** The day's HELO names of a server as the report keeps them: sorted, at most {@code limit}. */
    public List<String> heloNames(ServerKey key, int limit) {
        Server server = servers.get(key);
        return server == null ? List.of() : server.heloNames.stream().limit(limit).toList();
    }

    /**
     * The facts of a server: its aggregated events (none for a server only DNS knows), plus the DNS answers given.
     *
     * @param topDomains receiving domains kept, most failures first
     */
    public ServerFacts facts(ServerKey key, String serverName, int heloLimit, int topDomains, List<DnsAnswer> ipAnswers,
            List<DnsAnswer> heloAnswers) {
        Server server = servers.get(key);
        if (server == null) {
            return new ServerFacts(key.role(), key.ip(), serverName, List.of(), List.of(), null, null, 0, 0, List.of(), List.of(), List.of(),
                    0, List.of(), ipAnswers, heloAnswers);
        }
        List<RuleGroup> groups = new ArrayList<>();
        server.ruleGroups.forEach((ruleKey, group) -> groups.add(new RuleGroup(GuideRule.fromLabel(ruleKey.guideRule()), ruleKey.blocklist(),
                group.failures, group.bounces, group.firstSeen, group.lastSeen, new ArrayList<>(group.samples))));
        groups.sort(Comparator.comparing((RuleGroup group) -> group.guideRule().label())
                .thenComparing(RuleGroup::blocklist, Comparator.nullsFirst(CODE_POINT_ORDER)));
        List<Count> domains = server.domains.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(CODE_POINT_ORDER)))
                .limit(topDomains).map(entry -> new Count(entry.getKey(), entry.getValue())).toList();
        return new ServerFacts(key.role(), key.ip(), serverName, server.heloNames.stream().limit(heloLimit).toList(),
                List.copyOf(server.reportingHosts), server.firstSeen, server.lastSeen, server.failures, server.bounces,
                counts(server.reasons), counts(server.guideRules), domains, server.domains.size(), groups, ipAnswers, heloAnswers);
    }

    private static List<Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(entry -> new Count(entry.getKey(), entry.getValue())).toList();
    }

    private record RuleKey(String guideRule, String blocklist) implements Serializable {
    }

    /** One server's events, folded. */
    private static final class Server implements Serializable {
        private final TreeSet<String> heloNames = new TreeSet<>(CODE_POINT_ORDER);
        private final TreeSet<String> reportingHosts = new TreeSet<>(CODE_POINT_ORDER);
        private Instant firstSeen;
        private Instant lastSeen;
        private long failures;
        private long bounces;
        private final Map<String, Long> reasons = new HashMap<>();
        private final Map<String, Long> guideRules = new HashMap<>();
        private final Map<String, Long> domains = new HashMap<>();
        private final Map<RuleKey, Group> ruleGroups = new HashMap<>();

        void add(ReportEvent event, boolean permanent, int samplesPerGroup) {
            if (event.heloName() != null) {
                heloNames.add(event.heloName());
            }
            if (event.reportingHost() != null) {
                reportingHosts.add(event.reportingHost());
            }
            firstSeen = min(firstSeen, event.eventTime());
            lastSeen = max(lastSeen, event.eventTime());
            failures++;
            bounces += permanent ? 1 : 0;
            if (event.reason() != null) {
                reasons.merge(event.reason(), 1L, Long::sum);
            }
            if (event.recipientDomain() != null) {
                domains.merge(event.recipientDomain(), 1L, Long::sum);
            }
            if (event.guideRule() != null) {
                guideRules.merge(event.guideRule(), 1L, Long::sum);
                Group group = ruleGroups.computeIfAbsent(new RuleKey(event.guideRule(), event.blocklist()), key -> new Group());
                group.failures++;
                group.bounces += permanent ? 1 : 0;
                group.firstSeen = min(group.firstSeen, event.eventTime());
                group.lastSeen = max(group.lastSeen, event.eventTime());
                group.offer(new Sample(event.eventId(), event.eventTime(), event.recipientDomain(), event.replyCode(), event.replyText(),
                        permanent), samplesPerGroup);
            }
        }

        void merge(Server other, int samplesPerGroup) {
            heloNames.addAll(other.heloNames);
            reportingHosts.addAll(other.reportingHosts);
            firstSeen = min(firstSeen, other.firstSeen);
            lastSeen = max(lastSeen, other.lastSeen);
            failures += other.failures;
            bounces += other.bounces;
            other.reasons.forEach((name, count) -> reasons.merge(name, count, Long::sum));
            other.guideRules.forEach((name, count) -> guideRules.merge(name, count, Long::sum));
            other.domains.forEach((name, count) -> domains.merge(name, count, Long::sum));
            other.ruleGroups.forEach((key, group) -> ruleGroups.merge(key, group, (mine, theirs) -> {
                mine.failures += theirs.failures;
                mine.bounces += theirs.bounces;
                mine.firstSeen = min(mine.firstSeen, theirs.firstSeen);
                mine.lastSeen = max(mine.lastSeen, theirs.lastSeen);
                theirs.samples.forEach(sample -> mine.offer(sample, samplesPerGroup));
                return mine;
            }));
        }
    }

    /** A rule group's counts and its earliest events (by time, then event id). */
    private static final class Group implements Serializable {
        private long failures;
        private long bounces;
        private Instant firstSeen;
        private Instant lastSeen;
        /** The latest of the kept samples on top, so a new earlier one replaces it. */
        private final PriorityQueue<Sample> samples = new PriorityQueue<>(Comparator.reverseOrder());

        void offer(Sample sample, int limit) {
            if (samples.size() < limit) {
                samples.add(sample);
            } else if (sample.compareTo(samples.peek()) < 0) {
                samples.poll();
                samples.add(sample);
            }
        }
    }

    private static Instant min(Instant left, Instant right) {
        return left == null ? right : right == null || !right.isBefore(left) ? left : right;
    }

    private static Instant max(Instant left, Instant right) {
        return left == null ? right : right == null || !right.isAfter(left) ? left : right;
    }
}
