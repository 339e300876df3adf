package org.mailtriage.dns;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * The checks of one subject (an IP, a HELO name with the IP that used it, a sender domain), as
 * asynchronous DNS questions over a {@link DnsClient}. Checks already answered (their cache keys
 * given) are not asked again. Every DNS failure ends as {@link Outcome#UNKNOWN} with its error kind.
 */
public final class Checker {
    /** An RFC 7505 null MX as {@link DnsReply#values()} spells it. */
    private static final String NULL_MX = "0 .";

    /** PTR names beyond this many are not forward-confirmed (some hosts carry hundreds). */
    static final int MAX_PTR_NAMES = 10;

    private final DnsClient client;
    private final List<DnsblZone> zones;
    private final Map<String, String> brokenZones;
    private final Clock clock;

    /**
     * @param zones the enabled zones
     * @param brokenZones zone name → why it failed its self-test; its answers are unknown and it is not asked
     */
    public Checker(DnsClient client, List<DnsblZone> zones, Map<String, String> brokenZones, Clock clock) {
        this.client = requireNonNull(client, "client is null");
        this.zones = List.copyOf(zones);
        this.brokenZones = Map.copyOf(brokenZones);
        this.clock = requireNonNull(clock, "clock is null");
    }

    public DnsClient client() {
        return client;
    }

    /** DNSBL for every zone covering the IP, PTR, FCrDNS and the generic-name flag. */
    public CompletableFuture<List<DnsAnswer>> checkIp(String ip, Set<String> cached) {
        List<CompletableFuture<List<DnsAnswer>>> parts = new ArrayList<>();
        for (DnsblZone zone : zones) {
            if (zone.kind() == ZoneKind.IP && zone.covers(ip) && !cached.contains(DnsAnswer.cacheKey(CheckKind.DNSBL, zone.name(), null))) {
                parts.add(dnsbl(ip, SubjectKind.IP, zone, ReverseNames.reversed(ip)).thenApply(List::of));
            }
        }
        if (!(cached.contains(DnsAnswer.cacheKey(CheckKind.PTR, null, null)) && cached.contains(DnsAnswer.cacheKey(CheckKind.FCRDNS, null, null)))) {
            parts.add(ptr(ip));
        }
        return all(parts);
    }

    /** HELO syntax, FQDN, A/AAAA, and whether it points at {@code peerIp} (when known). */
    public CompletableFuture<List<DnsAnswer>> checkHelo(String helo, String peerIp, Set<String> cached) {
        HeloNames.Syntax syntax = HeloNames.check(helo);
        boolean literal = syntax.form() == HeloNames.Form.IPV4_LITERAL || syntax.form() == HeloNames.Form.IPV6_LITERAL;
        // An address literal has nothing to resolve: its syntax row says it was seen.
        boolean knownBefore = cached.contains(DnsAnswer.cacheKey(literal ? CheckKind.HELO_SYNTAX : CheckKind.HELO_RESOLVES, null, null));
        boolean matchedBefore = peerIp == null || cached.contains(DnsAnswer.cacheKey(CheckKind.HELO_MATCHES_IP, null, peerIp));
        if (knownBefore && matchedBefore) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<DnsAnswer> answers = new ArrayList<>();
        boolean valid = syntax.form() != HeloNames.Form.INVALID;
        answers.add(local(helo, SubjectKind.HELO, CheckKind.HELO_SYNTAX, null, valid ? Outcome.PASS : Outcome.FAIL,
                valid ? syntax.form().name().toLowerCase(java.util.Locale.ROOT) : "invalid: " + syntax.problem()));
        if (valid) {
            answers.add(local(helo, SubjectKind.HELO, CheckKind.HELO_FQDN, null, syntax.fullyQualified() ? Outcome.PASS : Outcome.FAIL,
                    syntax.fullyQualified() ? (syntax.literalAddress() != null ? "address literal" : "fully qualified") : syntax.problem()));
        }
        if (syntax.form() == HeloNames.Form.IPV4_LITERAL || syntax.form() == HeloNames.Form.IPV6_LITERAL) {
            if (peerIp != null) {
                boolean same = ReverseNames.sameAddress(syntax.literalAddress(), peerIp);
                answers.add(local(helo, SubjectKind.HELO, CheckKind.HELO_MATCHES_IP, peerIp, same ? Outcome.PASS : Outcome.FAIL,
                        same ? "address literal of the sending IP" : "address literal of another IP"));
            }
            return CompletableFuture.completedFuture(answers);
        }
        if (!valid || !syntax.fullyQualified()) {
            // Not a name DNS can hold (or a bare label, which no resolver should search): it cannot resolve.
            String why = !valid ? "not a valid host name: not asked" : "not fully qualified: not asked";
            answers.add(local(helo, SubjectKind.HELO, CheckKind.HELO_RESOLVES, null, Outcome.FAIL, why));
            if (peerIp != null) {
                answers.add(local(helo, SubjectKind.HELO, CheckKind.HELO_MATCHES_IP, peerIp, Outcome.FAIL, why));
            }
            return CompletableFuture.completedFuture(answers);
        }
        String name = HeloNames.normalize(helo);
        CompletableFuture<DnsReply> a = client.query(name, Type.A, null);
        CompletableFuture<DnsReply> aaaa = client.query(name, Type.AAAA, null);
        return a.thenCombine(aaaa, (v4, v6) -> {
            answers.add(addressCheck(helo, SubjectKind.HELO, CheckKind.HELO_RESOLVES, name, v4, v6));
            if (peerIp != null) {
                DnsReply relevant = ReverseNames.isIpv6(peerIp) ? v6 : v4;
                answers.add(pointsAt(helo, SubjectKind.HELO, CheckKind.HELO_MATCHES_IP, name, peerIp, relevant));
            }
            return answers;
        });
    }

    /** Existence (SOA), A/AAAA, MX, SPF and DMARC TXT of a sender domain, and the domain blocklists. */
    public CompletableFuture<List<DnsAnswer>> checkDomain(String domain, Set<String> cached) {
        String name = HeloNames.normalize(domain);
        HeloNames.Syntax syntax = HeloNames.check(name);
        if (syntax.form() != HeloNames.Form.HOST_NAME || !syntax.fullyQualified()) {
            return CompletableFuture.completedFuture(List.of(
                    local(domain, SubjectKind.DOMAIN, CheckKind.DOMAIN_A, null, Outcome.FAIL, "not a valid domain name: not asked")));
        }
        List<CompletableFuture<List<DnsAnswer>>> parts = new ArrayList<>();
        if (!cached.contains(DnsAnswer.cacheKey(CheckKind.DOMAIN_EXISTS, null, null))) {
            parts.add(client.query(name, Type.SOA, null).thenApply(reply -> List.of(exists(domain, name, reply))));
        }
        if (!cached.contains(DnsAnswer.cacheKey(CheckKind.DOMAIN_A, null, null))) {
            parts.add(client.query(name, Type.A, null).thenCombine(client.query(name, Type.AAAA, null),
                    (v4, v6) -> List.of(addressCheck(domain, SubjectKind.DOMAIN, CheckKind.DOMAIN_A, name, v4, v6))));
        }
        if (!cached.contains(DnsAnswer.cacheKey(CheckKind.DOMAIN_MX, null, null))) {
            parts.add(client.query(name, Type.MX, null).thenApply(reply -> List.of(mx(domain, name, reply))));
        }
        if (!cached.contains(DnsAnswer.cacheKey(CheckKind.SPF, null, null))) {
            parts.add(client.query(name, Type.TXT, null).thenApply(reply -> List.of(
                    presence(domain, CheckKind.SPF, name, reply, startingWith(reply, "v=spf1"), "publishes SPF", "no SPF record"))));
        }
        if (!cached.contains(DnsAnswer.cacheKey(CheckKind.DMARC, null, null))) {
            String dmarcName = "_dmarc." + name;
            parts.add(client.query(dmarcName, Type.TXT, null).thenApply(reply -> List.of(
                    presence(domain, CheckKind.DMARC, dmarcName, reply, startingWith(reply, "v=DMARC1"), "publishes DMARC", "no DMARC record"))));
        }
        for (DnsblZone zone : zones) {
            if (zone.kind() == ZoneKind.DOMAIN && !cached.contains(DnsAnswer.cacheKey(CheckKind.DNSBL, zone.name(), null))) {
                parts.add(dnsbl(domain, SubjectKind.DOMAIN, zone, name).thenApply(List::of));
            }
        }
        return all(parts);
    }

    /**
     * The cache keys of the questions a run would ask about a subject: the ones a cache hit saves.
     * (Rows computed without DNS — HELO syntax, FQDN, generic PTR names — come along with these.)
     */
    public static Set<String> questionKeys(SubjectKind kind, String subject, String peerIp, List<DnsblZone> enabledZones) {
        Set<String> keys = new LinkedHashSet<>();
        switch (kind) {
            case IP -> {
                for (DnsblZone zone : enabledZones) {
                    if (zone.kind() == ZoneKind.IP && zone.covers(subject)) {
                        keys.add(DnsAnswer.cacheKey(CheckKind.DNSBL, zone.name(), null));
                    }
                }
                keys.add(DnsAnswer.cacheKey(CheckKind.PTR, null, null));
                keys.add(DnsAnswer.cacheKey(CheckKind.FCRDNS, null, null));
            }
            case HELO -> {
                HeloNames.Form form = HeloNames.check(subject).form();
                if (form != HeloNames.Form.IPV4_LITERAL && form != HeloNames.Form.IPV6_LITERAL) {
                    keys.add(DnsAnswer.cacheKey(CheckKind.HELO_RESOLVES, null, null));
                }
                if (peerIp != null) {
                    keys.add(DnsAnswer.cacheKey(CheckKind.HELO_MATCHES_IP, null, peerIp));
                }
            }
            case DOMAIN -> {
                for (CheckKind check : List.of(CheckKind.DOMAIN_EXISTS, CheckKind.DOMAIN_A, CheckKind.DOMAIN_MX, CheckKind.SPF, CheckKind.DMARC)) {
                    keys.add(DnsAnswer.cacheKey(check, null, null));
                }
                for (DnsblZone zone : enabledZones) {
                    if (zone.kind() == ZoneKind.DOMAIN) {
                        keys.add(DnsAnswer.cacheKey(CheckKind.DNSBL, zone.name(), null));
                    }
                }
            }
            case ZONE -> {
                // Self-tests are asked afresh whenever their zone is needed.
            }
        }
        return keys;
    }

    /** The checks of a subject, by kind (IP, HELO with its sending IP, sender domain). */
    public CompletableFuture<List<DnsAnswer>> check(SubjectKind kind, String subject, String peerIp, Set<String> cached) {
        return switch (kind) {
            case IP -> ReverseNames.isIp(subject) ? checkIp(subject, cached) : CompletableFuture.completedFuture(List.of());
            case HELO -> checkHelo(subject, peerIp != null && ReverseNames.isIp(peerIp) ? peerIp : null, cached);
            case DOMAIN -> checkDomain(subject, cached);
            case ZONE -> CompletableFuture.completedFuture(List.of());
        };
    }

    /**
     * RFC 5782 self-test of a zone: its listed test point must be listed and its other test point
     * not. One row per test point; {@link #brokenZones} reads them.
     */
    public CompletableFuture<List<DnsAnswer>> selfTest(DnsblZone zone) {
        String listedPrefix = zone.kind() == ZoneKind.IP ? ReverseNames.reversed(zone.testListed()) : zone.testListed();
        String notListedPrefix = zone.kind() == ZoneKind.IP ? ReverseNames.reversed(zone.testNotListed()) : zone.testNotListed();
        CompletableFuture<DnsAnswer> listed = selfTestPoint(zone, zone.testListed(), listedPrefix, Outcome.LISTED);
        CompletableFuture<DnsAnswer> notListed = selfTestPoint(zone, zone.testNotListed(), notListedPrefix, Outcome.NOT_LISTED);
        return listed.thenCombine(notListed, List::of);
    }

    /** Zone name → why it is broken, from self-test rows: any row that did not pass. */
    public static Map<String, String> brokenZones(List<DnsAnswer> selfTestAnswers) {
        Map<String, String> broken = new HashMap<>();
        for (DnsAnswer answer : selfTestAnswers) {
            if (answer.check() == CheckKind.DNSBL_SELF_TEST && answer.outcome() != Outcome.PASS) {
                broken.merge(answer.zone(), "self-test " + answer.subject() + ": " + answer.meaning(), (a, b) -> a + "; " + b);
            }
        }
        return broken;
    }

    private CompletableFuture<DnsAnswer> selfTestPoint(DnsblZone zone, String point, String prefix, Outcome expected) {
        String shown = prefix + "." + zone.name();
        return client.query(prefix + "." + zone.zoneToAsk(), Type.A, zone.name()).thenApply(reply -> {
            DnsblVerdict verdict = DnsblVerdict.interpret(zone, reply);
            Outcome outcome;
            String meaning;
            if (verdict.outcome() == Outcome.UNKNOWN) {
                outcome = Outcome.UNKNOWN;
                meaning = "expected " + expected.label() + ", got no usable answer (" + verdict.meaning() + ")";
            } else if (verdict.outcome() == expected) {
                outcome = Outcome.PASS;
                meaning = verdict.outcome().label() + " as RFC 5782 requires";
            } else {
                outcome = Outcome.FAIL;
                meaning = "expected " + expected.label() + ", got " + verdict.outcome().label()
                        + (expected == Outcome.NOT_LISTED ? " (dead or wildcarded list)" : "");
            }
            return new DnsAnswer(point, SubjectKind.ZONE, CheckKind.DNSBL_SELF_TEST, zone.name(), null, shown, outcome,
                    verdict.returnCodes(), zone.redact(meaning), null, List.of(), verdict.errorKind(), client.describe(), clock.instant(),
                    reply.ttl() < 0 ? null : reply.ttl(), null);
        });
    }

    private CompletableFuture<DnsAnswer> dnsbl(String subject, SubjectKind kind, DnsblZone zone, String prefix) {
        String shown = prefix + "." + zone.name();
        String removal = zone.removalUrlFor(subject);
        String broken = brokenZones.get(zone.name());
        if (broken != null) {
            return CompletableFuture.completedFuture(new DnsAnswer(subject, kind, CheckKind.DNSBL, zone.name(), null, shown, Outcome.UNKNOWN,
                    List.of(), "zone failed its self-test: " + broken, null, List.of(), ErrorKind.ZONE_BROKEN, client.describe(),
                    clock.instant(), null, removal));
        }
        String asked = prefix + "." + zone.zoneToAsk();
        return client.query(asked, Type.A, zone.name()).thenCompose(reply -> {
            DnsblVerdict verdict = DnsblVerdict.interpret(zone, reply);
            Long ttl = reply.ttl() < 0 ? null : reply.ttl();
            if (verdict.outcome() != Outcome.LISTED) {
                return CompletableFuture.completedFuture(new DnsAnswer(subject, kind, CheckKind.DNSBL, zone.name(), null, shown,
                        verdict.outcome(), verdict.returnCodes(), zone.redact(verdict.meaning()), null, List.of(), verdict.errorKind(),
                        client.describe(), clock.instant(), ttl, removal));
            }
            return client.query(asked, Type.TXT, zone.name()).thenApply(txt -> new DnsAnswer(subject, kind, CheckKind.DNSBL, zone.name(),
                    null, shown, Outcome.LISTED, verdict.returnCodes(), zone.redact(verdict.meaning()),
                    txt.status() == ReplyStatus.NOERROR && !txt.records().isEmpty() ? zone.redact(String.join("; ", txt.values())) : null,
                    List.of(), null, client.describe(), clock.instant(), ttl, removal));
        });
    }

    private CompletableFuture<List<DnsAnswer>> ptr(String ip) {
        String question = ReverseNames.ptrName(ip);
        String shown = DnsReply.withoutDot(question);
        return client.query(question, Type.PTR, null).thenCompose(reply -> {
            Long ttl = reply.ttl() < 0 ? null : reply.ttl();
            ErrorKind error = reply.status().errorKind();
            if (error != null) {
                String meaning = DnsblVerdict.describe(reply);
                return CompletableFuture.completedFuture(List.of(
                        answer(ip, SubjectKind.IP, CheckKind.PTR, null, shown, Outcome.UNKNOWN, meaning, List.of(), error, ttl),
                        answer(ip, SubjectKind.IP, CheckKind.FCRDNS, null, shown, Outcome.UNKNOWN, "PTR unknown: " + meaning, List.of(), error, null)));
            }
            List<String> names = reply.values();
            if (names.isEmpty()) {
                String meaning = reply.status() == ReplyStatus.NXDOMAIN ? "no PTR record (NXDOMAIN)" : "no PTR record";
                return CompletableFuture.completedFuture(List.of(
                        answer(ip, SubjectKind.IP, CheckKind.PTR, null, shown, Outcome.FAIL, meaning, List.of(), null, ttl),
                        answer(ip, SubjectKind.IP, CheckKind.FCRDNS, null, shown, Outcome.FAIL, meaning, List.of(), null, null)));
            }
            DnsAnswer ptrAnswer = answer(ip, SubjectKind.IP, CheckKind.PTR, null, shown, Outcome.PASS,
                    names.size() + " PTR name(s)", names, null, ttl);
            List<String> generic = new ArrayList<>();
            for (String name : names) {
                String why = GenericPtr.whyGeneric(name, ip);
                if (why != null) {
                    generic.add(name + ": " + why);
                }
            }
            DnsAnswer genericAnswer = answer(ip, SubjectKind.IP, CheckKind.PTR_GENERIC, null, shown,
                    generic.isEmpty() ? Outcome.PASS : Outcome.FAIL,
                    generic.isEmpty() ? "PTR name(s) do not look generic" : "generic/dynamic-looking: " + String.join("; ", generic),
                    names, null, null);
            int type = ReverseNames.isIpv6(ip) ? Type.AAAA : Type.A;
            List<String> checked = names.subList(0, Math.min(names.size(), MAX_PTR_NAMES));
            List<CompletableFuture<DnsReply>> forward = new ArrayList<>();
            for (String name : checked) {
                forward.add(client.query(name, type, null));
            }
            return CompletableFuture.allOf(forward.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                Set<String> confirmed = new LinkedHashSet<>();
                ErrorKind forwardError = null;
                for (int i = 0; i < checked.size(); i++) {
                    DnsReply forwardReply = forward.get(i).join();
                    if (forwardReply.status().errorKind() != null) {
                        forwardError = forwardError != null ? forwardError : forwardReply.status().errorKind();
                    }
                    for (String address : forwardReply.values()) {
                        if (ReverseNames.sameAddress(address, ip)) {
                            confirmed.add(checked.get(i));
                        }
                    }
                }
                DnsAnswer fcrdns;
                if (!confirmed.isEmpty()) {
                    fcrdns = answer(ip, SubjectKind.IP, CheckKind.FCRDNS, null, shown, Outcome.PASS,
                            "forward-confirmed", List.copyOf(confirmed), null, null);
                } else if (forwardError != null) {
                    fcrdns = answer(ip, SubjectKind.IP, CheckKind.FCRDNS, null, shown, Outcome.UNKNOWN,
                            "no PTR name confirmed yet, and a forward look-up failed", List.of(), forwardError, null);
                } else {
                    fcrdns = answer(ip, SubjectKind.IP, CheckKind.FCRDNS, null, shown, Outcome.FAIL,
                            "no PTR name resolves back to the IP", List.of(), null, null);
                }
                return List.of(ptrAnswer, fcrdns, genericAnswer);
            });
        });
    }

    private DnsAnswer addressCheck(String subject, SubjectKind kind, CheckKind check, String name, DnsReply v4, DnsReply v6) {
        List<String> addresses = new ArrayList<>(v4.values());
        addresses.addAll(v6.values());
        Long ttl = minTtl(v4, v6);
        if (!addresses.isEmpty()) {
            return answer(subject, kind, check, null, name, Outcome.PASS, "resolves", addresses, null, ttl);
        }
        ErrorKind error = v4.status().errorKind() != null ? v4.status().errorKind() : v6.status().errorKind();
        if (error != null) {
            return answer(subject, kind, check, null, name, Outcome.UNKNOWN,
                    "A: " + DnsblVerdict.describe(v4) + ", AAAA: " + DnsblVerdict.describe(v6), List.of(), error, null);
        }
        return answer(subject, kind, check, null, name, Outcome.FAIL,
                v4.status() == ReplyStatus.NXDOMAIN ? "host not found (NXDOMAIN)" : "no A/AAAA records", List.of(), null, null);
    }

    private DnsAnswer pointsAt(String subject, SubjectKind kind, CheckKind check, String name, String peerIp, DnsReply reply) {
        ErrorKind error = reply.status().errorKind();
        if (error != null) {
            return new DnsAnswer(subject, kind, check, null, peerIp, name, Outcome.UNKNOWN, List.of(), DnsblVerdict.describe(reply),
                    null, List.of(), error, client.describe(), clock.instant(), null, null);
        }
        boolean matches = reply.values().stream().anyMatch(address -> ReverseNames.sameAddress(address, peerIp));
        return new DnsAnswer(subject, kind, check, null, peerIp, name, matches ? Outcome.PASS : Outcome.FAIL, List.of(),
                matches ? "points at the sending IP" : reply.values().isEmpty() ? "has no address of the sending IP's family"
                        : "points elsewhere", null, reply.values(), null, client.describe(), clock.instant(),
                reply.ttl() < 0 ? null : reply.ttl(), null);
    }

    private DnsAnswer presence(String domain, CheckKind check, String question, DnsReply reply, List<String> found,
            String passMeaning, String failMeaning) {
        ErrorKind error = reply.status().errorKind();
        if (error != null) {
            return answer(domain, SubjectKind.DOMAIN, check, null, question, Outcome.UNKNOWN, DnsblVerdict.describe(reply), List.of(), error, null);
        }
        return answer(domain, SubjectKind.DOMAIN, check, null, question, found.isEmpty() ? Outcome.FAIL : Outcome.PASS,
                found.isEmpty() ? failMeaning : passMeaning, found, null, reply.ttl() < 0 ? null : reply.ttl());
    }

    /** NXDOMAIN: the name is not in the DNS at all; NOERROR, with its SOA or without (a name below the apex): it is. */
    private DnsAnswer exists(String domain, String question, DnsReply reply) {
        ErrorKind error = reply.status().errorKind();
        if (error != null) {
            return answer(domain, SubjectKind.DOMAIN, CheckKind.DOMAIN_EXISTS, null, question, Outcome.UNKNOWN, DnsblVerdict.describe(reply),
                    List.of(), error, null);
        }
        boolean missing = reply.status() == ReplyStatus.NXDOMAIN;
        return answer(domain, SubjectKind.DOMAIN, CheckKind.DOMAIN_EXISTS, null, question, missing ? Outcome.FAIL : Outcome.PASS,
                missing ? "no such domain (NXDOMAIN): expired, deleted or mistyped" : "the domain exists", reply.values(), null,
                reply.ttl() < 0 ? null : reply.ttl());
    }

    /**
     * RFC 7505: a domain whose only MX is "0 ." (a null MX) says it accepts no mail, so receivers refuse mail from it as
     * a sender (Postfix: "550 5.7.27 Sender address rejected: Domain … does not accept mail (nullMX)"): no usable MX.
     */
    private DnsAnswer mx(String domain, String question, DnsReply reply) {
        List<String> exchanges = reply.values();
        if (reply.status().errorKind() == null && exchanges.equals(List.of(NULL_MX))) {
            return answer(domain, SubjectKind.DOMAIN, CheckKind.DOMAIN_MX, null, question, Outcome.FAIL,
                    "null MX (RFC 7505): the domain accepts no mail", exchanges, null, reply.ttl() < 0 ? null : reply.ttl());
        }
        return presence(domain, CheckKind.DOMAIN_MX, question, reply, exchanges, "has MX records", "no MX records");
    }

    private static List<String> startingWith(DnsReply reply, String prefix) {
        return reply.values().stream().filter(value -> value.regionMatches(true, 0, prefix, 0, prefix.length())).toList();
    }

    private DnsAnswer answer(String subject, SubjectKind kind, CheckKind check, String peerIp, String question, Outcome outcome,
            String meaning, List<String> answers, ErrorKind error, Long ttl) {
        return new DnsAnswer(subject, kind, check, null, peerIp, question, outcome, List.of(), meaning, null, answers, error,
                client.describe(), clock.instant(), ttl, null);
    }

    private DnsAnswer local(String subject, SubjectKind kind, CheckKind check, String peerIp, Outcome outcome, String meaning) {
        return new DnsAnswer(subject, kind, check, null, peerIp, null, outcome, List.of(), meaning, null, List.of(), null,
                client.describe(), clock.instant(), null, null);
    }

    private static Long minTtl(DnsReply first, DnsReply second) {
        long ttl = first.ttl() < 0 ? second.ttl() : second.ttl() < 0 ? first.ttl() : Math.min(first.ttl(), second.ttl());
        return ttl < 0 ? null : ttl;
    }

    private static CompletableFuture<List<DnsAnswer>> all(List<CompletableFuture<List<DnsAnswer>>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<DnsAnswer> answers = new ArrayList<>();
            for (CompletableFuture<List<DnsAnswer>> part : parts) {
                answers.addAll(part.join());
            }
            return answers;
        });
    }
}
