package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mailtriage.dns.CheckKind;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.Outcome;
import org.mailtriage.model.GuideRule;

/**
 * Facts about one server → what to fix, in the guide's terms. Every action comes from a guide rule
 * (so it names its section and remedy) and carries its evidence: the failure events that showed it
 * and the DNS answers that confirm it. Unknown DNS answers are shown, never turned into findings.
 * Plain Java: the Spark job only feeds it.
 */
public final class RemediationPlanner implements Serializable {
    /** The list of a blocklist refusal whose reply does not say which list. */
    public static final String UNNAMED_LIST = "unnamed";
    public static final int MAX_EVIDENCE_EVENTS = 10;
    public static final int MAX_TOP_DOMAINS = 5;
    private static final int MAX_TXT = 300;

    private final RemovalUrls removalUrls;

    public RemediationPlanner(RemovalUrls removalUrls) {
        this.removalUrls = requireNonNull(removalUrls, "removalUrls is null");
    }

    public ServerReport plan(ServerFacts facts, PreviousReport previous) {
        Map<GuideRule, ActionBuilder> actions = new EnumMap<>(GuideRule.class);
        for (RuleGroup group : facts.ruleGroups()) {
            actions.computeIfAbsent(group.guideRule(), ActionBuilder::new).addEvents(group);
        }
        List<DnsAnswer> blocklistAnswers = facts.ipAnswers().stream().filter(RemediationPlanner::isBlocklist).toList();
        for (DnsAnswer answer : blocklistAnswers) {
            if (answer.outcome() == Outcome.LISTED) {
                GuideRule rule = isPolicyBlock(answer) ? GuideRule.DYNAMIC_IP : GuideRule.BLOCKLISTED;
                actions.computeIfAbsent(rule, ActionBuilder::new).addFinding(answer);
            } else if (answer.zone() != null && namedInBounces(facts).contains(answer.zone().toLowerCase(Locale.ROOT))) {
                // The list a receiver named was not (or not definitely) listing the IP when asked: say so beside the bounces.
                actions.computeIfAbsent(GuideRule.BLOCKLISTED, ActionBuilder::new).addContext(answer);
            }
        }
        PtrFindings ptr = ptrFindings(facts.ipAnswers());
        for (DnsAnswer answer : ptr.failures()) {
            actions.computeIfAbsent(answer.check() == CheckKind.PTR_GENERIC ? GuideRule.DYNAMIC_IP : GuideRule.NO_PTR,
                    ActionBuilder::new).addFinding(answer);
        }
        String heloState = heloState(facts.heloAnswers());
        for (DnsAnswer answer : facts.heloAnswers()) {
            GuideRule rule = heloRule(answer.check());
            if (rule != null && answer.outcome() == Outcome.FAIL) {
                actions.computeIfAbsent(rule, ActionBuilder::new).addFinding(answer);
            }
        }

        List<Action> built = new ArrayList<>();
        Severity severity = Severity.NONE;
        long actionFailures = 0;
        for (ActionBuilder builder : actions.values()) {
            Action action = builder.build(facts.role());
            built.add(action);
            severity = severity.max(action.severity());
            actionFailures += action.failures();
        }
        built.sort((left, right) -> right.severity().compareTo(left.severity()) != 0
                ? right.severity().compareTo(left.severity()) : left.guideRule().compareTo(right.guideRule()));

        Set<String> listings = currentListings(facts);
        PreviousReport.Server before = previous.find(facts.key());
        List<String> newListings = new ArrayList<>();
        for (String listing : listings) {
            if (before == null || !before.listings().contains(listing)) {
                newListings.add(listing);
            }
        }
        boolean newRemedy = before == null
                ? !built.isEmpty()
                : built.stream().anyMatch(action -> !before.remedies().contains(action.remedy().label()));
        boolean newSincePrevious = !built.isEmpty() && (newRemedy || !newListings.isEmpty());

        List<ServerRemediation.Listing> shownListings = new ArrayList<>();
        Set<String> zonesChecked = new TreeSet<>();
        for (DnsAnswer answer : blocklistAnswers) {
            String zone = answer.zone() == null ? answer.check().label() : answer.zone();
            zonesChecked.add(zone);
            if (answer.outcome() == Outcome.LISTED || answer.outcome() == Outcome.UNKNOWN) {
                RemovalUrls.Found url = answer.outcome() == Outcome.LISTED
                        ? removalUrls.find(zone, facts.ip(), answer.removalUrl(), answer.txt(), List.of()) : null;
                shownListings.add(new ServerRemediation.Listing(InertText.line(zone), answer.outcome().label(), inert(answer.returnCodes()),
                        InertText.line(answer.meaning()), InertText.line(answer.txt(), MAX_TXT),
                        answer.errorKind() == null ? null : answer.errorKind().label(),
                        url == null ? null : InertText.line(url.url()), answer.askedAt()));
            }
        }
        shownListings.sort((left, right) -> left.zone().compareTo(right.zone()));

        ServerRemediation remediation = new ServerRemediation(facts.role(), facts.ip(), InertText.line(facts.serverName()), severity,
                severity.score(actionFailures), newSincePrevious, previous.date(), inert(newListings), inert(facts.heloNames()),
                inert(facts.reportingHosts()), facts.firstSeen(), facts.lastSeen(), facts.failures(), facts.bounces(),
                inertCounts(facts.failuresByReason(), Integer.MAX_VALUE), inertCounts(facts.failuresByGuideRule(), Integer.MAX_VALUE),
                inertCounts(facts.receivingDomains(), MAX_TOP_DOMAINS), facts.distinctReceivingDomains(), inert(new ArrayList<>(namedInBounces(facts))),
                shownListings, zonesChecked.size(), ptr.state(), inert(ptr.names()), ptr.forwardConfirmed(), ptr.looksDynamic(),
                heloState, built);
        return new ServerReport(remediation, delistingRequests(facts, blocklistAnswers));
    }

    /** Spamhaus PBL says "this range should not send mail directly": the guide's dynamic-IP case (§5.5), not a delisting. */
    private static boolean isPolicyBlock(DnsAnswer answer) {
        return answer.meaning() != null && answer.meaning().toUpperCase(Locale.ROOT).contains("PBL");
    }

    /** A zone's answer about the IP: its own look-up or the zone's self-test (the report saw both as "dnsbl…"). */
    private static boolean isBlocklist(DnsAnswer answer) {
        return answer.check() == CheckKind.DNSBL || answer.check() == CheckKind.DNSBL_SELF_TEST;
    }

    /** "zen.spamhaus.org listed 127.0.0.2 (SBL) at 2026-11-27T01:00:00Z": the form evidence lists take. */
    static String evidence(DnsAnswer answer) {
        StringBuilder text = new StringBuilder();
        text.append(answer.zone() != null ? answer.zone() + " " : answer.check().label() + " " + answer.subject() + " ")
                .append(answer.outcome().label());
        if (!answer.returnCodes().isEmpty()) {
            text.append(' ').append(String.join(",", answer.returnCodes()));
        } else if (!answer.answers().isEmpty()) {
            text.append(' ').append(String.join(",", answer.answers()));
        }
        if (answer.meaning() != null && !answer.meaning().isBlank()) {
            text.append(" (").append(answer.meaning()).append(')');
        }
        if (answer.errorKind() != null) {
            text.append(" [").append(answer.errorKind().label()).append(']');
        }
        text.append(" at ").append(answer.askedAt());
        return InertText.line(text.toString());
    }

    private static Set<String> namedInBounces(ServerFacts facts) {
        Set<String> named = new TreeSet<>();
        for (RuleGroup group : facts.ruleGroups()) {
            if (group.guideRule() == GuideRule.BLOCKLISTED && group.blocklist() != null) {
                named.add(group.blocklist().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    /** Lists the server is on today: named in blocklist refusals or answering "listed". */
    private static Set<String> currentListings(ServerFacts facts) {
        Set<String> listings = new TreeSet<>(namedInBounces(facts));
        for (DnsAnswer answer : facts.ipAnswers()) {
            if (isBlocklist(answer) && answer.outcome() == Outcome.LISTED && answer.zone() != null) {
                listings.add(answer.zone().toLowerCase(Locale.ROOT));
            }
        }
        return listings;
    }

    private List<DelistingRequest> delistingRequests(ServerFacts facts, List<DnsAnswer> blocklistAnswers) {
        Map<String, List<RuleGroup>> bouncesByList = new TreeMap<>();
        for (RuleGroup group : facts.ruleGroups()) {
            if (group.guideRule() == GuideRule.BLOCKLISTED) {
                String list = group.blocklist() == null ? UNNAMED_LIST : group.blocklist().toLowerCase(Locale.ROOT);
                bouncesByList.computeIfAbsent(list, key -> new ArrayList<>()).add(group);
            }
        }
        Map<String, DnsAnswer> answerByZone = new LinkedHashMap<>();
        for (DnsAnswer answer : blocklistAnswers) {
            if (answer.zone() != null) {
                answerByZone.put(answer.zone().toLowerCase(Locale.ROOT), answer);
            }
        }
        Set<String> lists = new TreeSet<>(bouncesByList.keySet());
        answerByZone.forEach((zone, answer) -> {
            if (answer.outcome() == Outcome.LISTED) {
                lists.add(zone);
            }
        });
        List<DelistingRequest> requests = new ArrayList<>();
        for (String list : lists) {
            List<RuleGroup> groups = bouncesByList.getOrDefault(list, List.of());
            DnsAnswer answer = answerByZone.get(list);
            List<Sample> samples = groups.stream().flatMap(group -> group.samples().stream()).sorted().toList();
            long count = groups.stream().mapToLong(RuleGroup::failures).sum();
            Instant first = groups.stream().map(RuleGroup::firstSeen).min(Instant::compareTo).orElse(null);
            Instant last = groups.stream().map(RuleGroup::lastSeen).max(Instant::compareTo).orElse(null);
            String source = groups.isEmpty() ? "dns" : answer != null && answer.outcome() == Outcome.LISTED ? "bounce_and_dns" : "bounce";
            RemovalUrls.Found url = list.equals(UNNAMED_LIST) ? null
                    : removalUrls.find(list, facts.ip(), answer == null ? null : answer.removalUrl(), answer == null ? null : answer.txt(),
                            samples.stream().map(Sample::replyText).toList());
            List<Sample> shown = samples.stream().limit(DelistingRequest.MAX_SAMPLES)
                    .map(sample -> new Sample(sample.eventId(), sample.time(), InertText.line(sample.receivingDomain()), sample.replyCode(),
                            InertText.line(sample.replyText()), sample.permanent()))
                    .toList();
            DelistingRequest draft = new DelistingRequest(facts.role(), facts.ip(), InertText.line(facts.serverName()), InertText.line(list),
                    source, url == null ? null : InertText.line(url.url()), url == null ? null : url.source(),
                    answer == null ? null : answer.outcome(), answer == null ? List.of() : inert(answer.returnCodes()),
                    answer == null ? null : InertText.line(answer.meaning()), answer == null ? null : InertText.line(answer.txt(), MAX_TXT),
                    answer == null ? null : answer.askedAt(), first, last, count, shown,
                    samples.stream().limit(MAX_EVIDENCE_EVENTS).map(Sample::eventId).toList(), "");
            requests.add(withSummary(draft));
        }
        return requests;
    }

    private static DelistingRequest withSummary(DelistingRequest draft) {
        return new DelistingRequest(draft.role(), draft.ip(), draft.serverName(), draft.list(), draft.listSource(), draft.removalUrl(),
                draft.removalUrlSource(), draft.listOutcome(), draft.returnCodes(), draft.meaning(), draft.txt(), draft.checkedAt(),
                draft.firstBounce(), draft.lastBounce(), draft.bounceCount(), draft.sampleBounces(), draft.evidenceEventIds(),
                DelistingLetter.compose(draft));
    }

    /** PTR state from the ptr, fcrdns and ptr_generic answers about the IP. */
    record PtrFindings(String state, List<String> names, Boolean forwardConfirmed, Boolean looksDynamic, List<DnsAnswer> failures) {
    }

    static PtrFindings ptrFindings(List<DnsAnswer> ipAnswers) {
        DnsAnswer ptr = find(ipAnswers, CheckKind.PTR);
        DnsAnswer fcrdns = find(ipAnswers, CheckKind.FCRDNS);
        DnsAnswer dynamic = find(ipAnswers, CheckKind.PTR_GENERIC);
        List<DnsAnswer> failures = new ArrayList<>();
        for (DnsAnswer answer : new DnsAnswer[] {ptr, fcrdns, dynamic}) {
            if (answer != null && answer.outcome() == Outcome.FAIL) {
                failures.add(answer);
            }
        }
        String state;
        if (ptr == null && fcrdns == null && dynamic == null) {
            state = "not_checked";
        } else if (is(ptr, Outcome.FAIL)) {
            state = "missing";
        } else if (is(fcrdns, Outcome.FAIL)) {
            state = "not_forward_confirmed";
        } else if (is(dynamic, Outcome.FAIL)) {
            state = "looks_dynamic";
        } else if (is(ptr, Outcome.UNKNOWN) || is(fcrdns, Outcome.UNKNOWN) || is(dynamic, Outcome.UNKNOWN)) {
            state = "unknown";
        } else {
            state = "ok";
        }
        List<String> names = ptr == null || ptr.outcome() != Outcome.PASS ? List.of() : ptr.answers();
        return new PtrFindings(state, names, passFail(fcrdns), dynamic == null || is(dynamic, Outcome.UNKNOWN) ? null
                : dynamic.outcome() == Outcome.FAIL, failures);
    }

    /** The worst HELO finding over all the server's HELO names. */
    static String heloState(List<DnsAnswer> heloAnswers) {
        if (heloAnswers.stream().noneMatch(answer -> heloRule(answer.check()) != null)) {
            return "not_checked";
        }
        Map<CheckKind, String> order = new LinkedHashMap<>();
        order.put(CheckKind.HELO_SYNTAX, "invalid_syntax");
        order.put(CheckKind.HELO_FQDN, "not_fqdn");
        order.put(CheckKind.HELO_RESOLVES, "does_not_resolve");
        order.put(CheckKind.HELO_MATCHES_IP, "does_not_match_ip");
        for (Map.Entry<CheckKind, String> check : order.entrySet()) {
            for (DnsAnswer answer : heloAnswers) {
                if (answer.check() == check.getKey() && answer.outcome() == Outcome.FAIL) {
                    return check.getValue();
                }
            }
        }
        return heloAnswers.stream().anyMatch(answer -> heloRule(answer.check()) != null && answer.outcome() == Outcome.UNKNOWN)
                ? "unknown" : "ok";
    }

    /** The guide rule a failed HELO check points to; null for a check about something else. */
    static GuideRule heloRule(CheckKind check) {
        return switch (check) {
            case HELO_SYNTAX -> GuideRule.HELO_INVALID_NAME;
            case HELO_FQDN -> GuideRule.HELO_NOT_FQDN;
            case HELO_RESOLVES, HELO_MATCHES_IP -> GuideRule.HELO_HOST_NOT_FOUND;
            case DNSBL, DNSBL_SELF_TEST, PTR, FCRDNS, PTR_GENERIC, DOMAIN_EXISTS, DOMAIN_A, DOMAIN_MX, SPF, DMARC -> null;
        };
    }

    private static DnsAnswer find(List<DnsAnswer> answers, CheckKind check) {
        return answers.stream().filter(answer -> answer.check() == check).findFirst().orElse(null);
    }

    private static boolean is(DnsAnswer answer, Outcome outcome) {
        return answer != null && answer.outcome() == outcome;
    }

    private static Boolean passFail(DnsAnswer answer) {
        if (answer == null || answer.outcome() == Outcome.UNKNOWN) {
            return null;
        }
        return answer.outcome() == Outcome.PASS;
    }

    private static List<String> inert(List<String> values) {
        return values.stream().map(InertText::line).toList();
    }

    private static List<Count> inertCounts(List<Count> counts, int limit) {
        return counts.stream().limit(limit).map(count -> new Count(InertText.line(count.name()), count.count())).toList();
    }

    /** Collects one action's events and DNS answers. */
    private static final class ActionBuilder {
        private final GuideRule rule;
        private final List<RuleGroup> groups = new ArrayList<>();
        private final List<DnsAnswer> findings = new ArrayList<>();
        private final List<DnsAnswer> context = new ArrayList<>();

        ActionBuilder(GuideRule rule) {
            this.rule = rule;
        }

        void addEvents(RuleGroup group) {
            groups.add(group);
        }

        void addFinding(DnsAnswer answer) {
            findings.add(answer);
        }

        void addContext(DnsAnswer answer) {
            context.add(answer);
        }

        Action build(ServerRole role) {
            long failures = groups.stream().mapToLong(RuleGroup::failures).sum();
            long bounces = groups.stream().mapToLong(RuleGroup::bounces).sum();
            Instant first = groups.stream().map(RuleGroup::firstSeen).min(Instant::compareTo).orElse(null);
            Instant last = groups.stream().map(RuleGroup::lastSeen).max(Instant::compareTo).orElse(null);
            Severity severity;
            if (role == ServerRole.REMOTE_CLIENT) {
                severity = Severity.LOW;
            } else if (bounces > 0) {
                severity = Severity.CRITICAL;
            } else if (failures > 0 || rule == GuideRule.BLOCKLISTED) {
                severity = Severity.HIGH;
            } else {
                severity = Severity.MEDIUM;
            }
            List<String> eventIds = groups.stream().flatMap(group -> group.samples().stream()).sorted()
                    .limit(MAX_EVIDENCE_EVENTS).map(Sample::eventId).toList();
            List<String> dns = new ArrayList<>();
            findings.forEach(answer -> dns.add(evidence(answer)));
            context.forEach(answer -> dns.add(evidence(answer)));
            return new Action(rule, severity, detail(failures, bounces, first, last), failures, first, last, eventIds, dns);
        }

        private String detail(long failures, long bounces, Instant first, Instant last) {
            StringBuilder text = new StringBuilder();
            if (failures > 0) {
                text.append(bounces).append(bounces == 1 ? " bounce" : " bounces");
                long deferrals = failures - bounces;
                if (deferrals > 0) {
                    text.append(", ").append(deferrals).append(deferrals == 1 ? " deferral" : " deferrals");
                }
                text.append(" from ").append(first).append(" to ").append(last);
                Set<String> named = new TreeSet<>();
                groups.forEach(group -> {
                    if (group.blocklist() != null) {
                        named.add(group.blocklist());
                    }
                });
                if (!named.isEmpty()) {
                    text.append("; lists named: ").append(String.join(", ", named));
                }
            }
            for (DnsAnswer answer : findings) {
                text.append(text.length() == 0 ? "" : "; ").append(findingText(answer));
            }
            for (DnsAnswer answer : context) {
                text.append(text.length() == 0 ? "" : "; ").append(answer.zone()).append(" answered ").append(answer.outcome().label())
                        .append(answer.errorKind() == null ? "" : " (" + answer.errorKind().label() + ")").append(" when checked at ")
                        .append(answer.askedAt());
            }
            return InertText.line(text.toString(), 1000);
        }

        private static String findingText(DnsAnswer answer) {
            if (isBlocklist(answer)) {
                return "listed on " + answer.zone() + (answer.meaning() == null ? "" : " (" + answer.meaning() + ")") + " at " + answer.askedAt();
            }
            return switch (answer.check()) {
                case PTR -> "no PTR record for " + answer.subject();
                case FCRDNS -> "PTR name does not resolve back to " + answer.subject();
                case PTR_GENERIC -> "PTR name looks dynamic" + (answer.answers().isEmpty() ? "" : ": " + String.join(", ", answer.answers()));
                case HELO_SYNTAX -> "HELO " + answer.subject() + " is not a valid host name";
                case HELO_FQDN -> "HELO " + answer.subject() + " is not fully qualified";
                case HELO_RESOLVES -> "HELO " + answer.subject() + " does not resolve";
                case HELO_MATCHES_IP -> "HELO " + answer.subject() + " does not resolve to the sending IP";
                case DNSBL, DNSBL_SELF_TEST, DOMAIN_EXISTS, DOMAIN_A, DOMAIN_MX, SPF, DMARC -> answer.check().label() + " " + answer.outcome().label();
            };
        }
    }
}
