package org.mailtriage.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.DnsServerProcess;
import org.mailtriage.testing.FaultyDnsProxy.Fault;
import org.mailtriage.testing.FaultyDnsProxy;

/**
 * The built-in IP zones asked about 2000 IPs through a proxy in front of a real rbldnsd that loses,
 * delays, swallows, truncates and refuses: the run ends within a bound set by the resolver's
 * settings, and every answer is either what rbldnsd says with no faults or unknown — never wrong.
 */
class DnsFaultLoadTest {
    private static final String LOSSY = "zen.spamhaus.org";
    private static final String SLOW = "bl.spamcop.net";
    private static final String SILENT = "b.barracudacentral.org";
    private static final String TRUNCATING = "psbl.surriel.com";
    private static final String ERRING = "dnsbl-1.uceprotect.net";
    private static final double LOSS_RATE = 0.10;
    private static final Duration LATENCY = Duration.ofSeconds(1);
    private static final ResolverSettings SETTINGS = new ResolverSettings(1000, 4000, Duration.ofMillis(1500), 2,
            Duration.ofMillis(100), Map.of());

    @TempDir
    Path directory;

    /** 768 IPv4 (all of 192.0.2/24, 198.51.100/24, 203.0.113/24) and 1232 IPv6 addresses in 2001:db8::/32. */
    private static List<String> ips() {
        List<String> ips = new ArrayList<>();
        for (String net : List.of("192.0.2.", "198.51.100.", "203.0.113.")) {
            for (int host = 0; host < 256; host++) {
                ips.add(net + host);
            }
        }
        for (int i = 0; ips.size() < 2000; i++) {
            ips.add((i / 256 == 0 ? "2001:db8::" : "2001:db8:" + Integer.toHexString(i / 256) + "::") + Integer.toHexString(i % 256 + 1));
        }
        return ips;
    }

    /** Which IPs each zone lists: a different fifth per zone, so listed and not-listed answers are mixed everywhere. */
    private static boolean listed(int ipIndex, int zoneIndex) {
        return (ipIndex * 7 + zoneIndex * 3) % 5 == 0;
    }

    /** uceprotect's fault by IP: a third SERVFAIL, a third REFUSED, a third passed through. */
    private static Fault erringFault(String name) {
        int sum = 0;
        for (char c : name.toCharArray()) {
            sum += c;
        }
        return switch (sum % 3) {
            case 0 -> Fault.SERVFAIL;
            case 1 -> Fault.REFUSED;
            default -> Fault.NONE;
        };
    }

    private static Fault faultOf(String name) {
        if (name.endsWith("." + LOSSY)) {
            return Fault.LOSS;
        }
        if (name.endsWith("." + SLOW)) {
            return Fault.DELAY;
        }
        if (name.endsWith("." + SILENT)) {
            return Fault.SILENT;
        }
        if (name.endsWith("." + TRUNCATING)) {
            return Fault.TRUNCATE;
        }
        if (name.endsWith("." + ERRING)) {
            return erringFault(name);
        }
        return Fault.NONE;
    }

    @Test
    void faultsMakeAnswersUnknownNeverWrongWithinTheBound() throws Exception {
        List<DnsblZone> zones = ZoneList.builtIn().enabled().stream().filter(zone -> zone.kind() == ZoneKind.IP)
                .map(DnsFaultLoadTest::withoutKey).toList();
        List<String> ips = ips();
        try (DnsServerProcess rbldnsd = DnsServerProcess.rbldnsd(directory.resolve("rbldnsd"), datasets(zones, ips))) {
            Map<String, DnsAnswer> truth;
            try (UdpResolver direct = new UdpResolver(rbldnsd.address(), SETTINGS)) {
                truth = dnsblAnswers(direct, zones, ips);
            }
            assertGroundTruthIsTheZoneData(truth, zones, ips);

            try (FaultyDnsProxy proxy = FaultyDnsProxy.in(rbldnsd.address(), DnsFaultLoadTest::faultOf, LOSS_RATE, LATENCY, 20261128);
                    UdpResolver resolver = new UdpResolver(proxy.address(), SETTINGS)) {
                long started = System.nanoTime();
                Map<String, DnsAnswer> faulted = dnsblAnswers(resolver, zones, ips);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

                // (a) Bound. Each question holds a window slot for at most (retries+1)·timeout, so all Q questions
                // need at most Q·(retries+1)·timeout/window of full-window time, plus Q/rate of pacing, plus the
                // longest chain of one subject: an A question and its TXT follow-up, each up to
                // (retries+1)·timeout + backoff·(2^retries − 1), and a TCP re-ask after a truncated answer (2·timeout).
                long questions = resolver.questionsAsked();
                double timeout = SETTINGS.timeout().toMillis() / 1000.0;
                int attempts = SETTINGS.retries() + 1;
                double perQuestion = attempts * timeout + SETTINGS.backoff().toMillis() / 1000.0 * ((1 << SETTINGS.retries()) - 1);
                double boundSeconds = questions * attempts * timeout / SETTINGS.window() + questions / SETTINGS.ratePerSecond()
                        + 2 * perQuestion + 2 * timeout;
                System.out.printf("DnsFaultLoadTest: %d IPs x %d zones = %d DNSBL answers, %d questions, %d packets to the proxy, "
                        + "%d dropped on purpose; elapsed %.1f s, bound %.1f s (asserted < 2 x bound)%n",
                        ips.size(), zones.size(), faulted.size(), questions, proxy.questions(), proxy.dropped(),
                        elapsed.toMillis() / 1000.0, boundSeconds);
                assertThat(elapsed.toMillis() / 1000.0).isLessThan(2 * boundSeconds);

                // (b) Never wrong: every answer is the fault-free one or unknown.
                assertThat(faulted.keySet()).isEqualTo(truth.keySet());
                faulted.forEach((key, answer) -> {
                    DnsAnswer expected = truth.get(key);
                    if (answer.outcome() != Outcome.UNKNOWN) {
                        assertThat(answer.outcome()).as(key).isEqualTo(expected.outcome());
                        assertThat(answer.returnCodes()).as(key).containsExactlyInAnyOrderElementsOf(expected.returnCodes());
                    } else {
                        assertThat(answer.errorKind()).as(key).isNotNull();
                    }
                });
                Map<String, List<DnsAnswer>> byZone = new LinkedHashMap<>();
                faulted.values().forEach(answer -> byZone.computeIfAbsent(answer.zone(), zone -> new ArrayList<>()).add(answer));
                assertThat(byZone.get(SILENT)).isNotEmpty().allSatisfy(answer -> assertUnknown(answer, ErrorKind.TIMEOUT));
                assertThat(byZone.get(TRUNCATING)).isNotEmpty().allSatisfy(answer -> assertUnknown(answer, ErrorKind.NETWORK));
                assertThat(byZone.get(ERRING)).isNotEmpty().allSatisfy(answer -> {
                    switch (erringFault(answer.question())) {
                        case SERVFAIL -> assertUnknown(answer, ErrorKind.SERVFAIL);
                        case REFUSED -> assertUnknown(answer, ErrorKind.REFUSED);
                        default -> assertThat(answer.outcome()).as(answer.question()).isNotEqualTo(Outcome.UNKNOWN);
                    }
                });

                // (c) Most answers survive 10 % loss each way (and 1 s latency) thanks to the retries.
                double lossyResolved = resolvedShare(byZone.get(LOSSY));
                double slowResolved = resolvedShare(byZone.get(SLOW));
                System.out.printf("DnsFaultLoadTest: resolved with %.0f %% loss each way: %.2f %% of %d; with %d ms latency: %.2f %% of %d; "
                        + "untouched zones: %.2f %%%n", LOSS_RATE * 100, lossyResolved * 100, byZone.get(LOSSY).size(), LATENCY.toMillis(),
                        slowResolved * 100, byZone.get(SLOW).size(), resolvedShare(untouched(byZone)) * 100);
                assertThat(lossyResolved).isGreaterThan(0.9);
                assertThat(slowResolved).isGreaterThan(0.9);
                assertThat(resolvedShare(untouched(byZone))).isGreaterThan(0.99);
            }
        }
    }

    private static List<DnsAnswer> untouched(Map<String, List<DnsAnswer>> byZone) {
        List<DnsAnswer> answers = new ArrayList<>();
        byZone.forEach((zone, list) -> {
            if (!Set.of(LOSSY, SLOW, SILENT, TRUNCATING, ERRING).contains(zone)) {
                answers.addAll(list);
            }
        });
        assertThat(answers).isNotEmpty();
        return answers;
    }

    private static double resolvedShare(List<DnsAnswer> answers) {
        return answers.stream().filter(answer -> answer.outcome() != Outcome.UNKNOWN).count() / (double) answers.size();
    }

    private static void assertUnknown(DnsAnswer answer, ErrorKind error) {
        assertThat(answer.outcome()).as(answer.question()).isEqualTo(Outcome.UNKNOWN);
        assertThat(answer.errorKind()).as(answer.question()).isEqualTo(error);
    }

    /** (ip|zone) → the DNSBL answer; PTR is left out (marked cached), rbldnsd serves only the lists. */
    private static Map<String, DnsAnswer> dnsblAnswers(DnsClient client, List<DnsblZone> zones, List<String> ips) throws Exception {
        Checker checker = new Checker(client, zones, Map.of(), Clock.systemUTC());
        Set<String> ptrKnown = Set.of(DnsAnswer.cacheKey(CheckKind.PTR, null, null), DnsAnswer.cacheKey(CheckKind.FCRDNS, null, null));
        List<CompletableFuture<List<DnsAnswer>>> futures = new ArrayList<>();
        for (String ip : ips) {
            futures.add(checker.checkIp(ip, ptrKnown));
        }
        Map<String, DnsAnswer> answers = new HashMap<>();
        for (CompletableFuture<List<DnsAnswer>> future : futures) {
            // A generous stop for a hung future; the run's real bound is asserted above.
            for (DnsAnswer answer : future.get(120, TimeUnit.SECONDS)) {
                assertThat(answer.check()).isEqualTo(CheckKind.DNSBL);
                assertThat(answers.put(answer.subject() + "|" + answer.zone(), answer)).isNull();
            }
        }
        return answers;
    }

    private static void assertGroundTruthIsTheZoneData(Map<String, DnsAnswer> truth, List<DnsblZone> zones, List<String> ips) {
        int expected = 0;
        for (int i = 0; i < ips.size(); i++) {
            for (int z = 0; z < zones.size(); z++) {
                DnsblZone zone = zones.get(z);
                if (!zone.covers(ips.get(i))) {
                    continue;
                }
                expected++;
                DnsAnswer answer = truth.get(ips.get(i) + "|" + zone.name());
                assertThat(answer).as("%s on %s", ips.get(i), zone.name()).isNotNull();
                assertThat(answer.outcome()).as("%s on %s", ips.get(i), zone.name())
                        .isEqualTo(listed(i, z) ? Outcome.LISTED : Outcome.NOT_LISTED);
                if (listed(i, z)) {
                    assertThat(answer.txt()).as("TXT of %s on %s", ips.get(i), zone.name()).contains(ips.get(i));
                }
            }
        }
        assertThat(truth).hasSize(expected);
    }

    /** One rbldnsd dataset per zone and address family; zen lists with two codes (SBL, and PBL for some). */
    private static Map<String, String> datasets(List<DnsblZone> zones, List<String> ips) {
        Map<String, String> datasets = new LinkedHashMap<>();
        for (int z = 0; z < zones.size(); z++) {
            DnsblZone zone = zones.get(z);
            StringBuilder v4 = new StringBuilder("$SOA 60 ns.example.test. hostmaster.example.test. 1 3600 600 86400 60\n$TTL 60\n")
                    .append(":127.0.0.2:Listed by ").append(zone.name()).append(", see https://lookup.example.test/$\n");
            StringBuilder v6 = new StringBuilder(":127.0.0.2:Listed by ").append(zone.name()).append(" $\n");
            StringBuilder pbl = new StringBuilder(":127.0.0.10:PBL $\n");
            for (int i = 0; i < ips.size(); i++) {
                if (!listed(i, z)) {
                    continue;
                }
                String ip = ips.get(i);
                (ReverseNames.isIpv6(ip) ? v6 : v4).append(ip).append('\n');
                if (zone.name().equals(LOSSY) && i % 2 == 0 && !ReverseNames.isIpv6(ip)) {
                    pbl.append(ip).append('\n');
                }
            }
            datasets.put(zone.name() + ":ip4set#" + z, v4.toString());
            if (zone.ipv6()) {
                datasets.put(zone.name() + ":ip6trie#" + z, v6.toString());
            }
            if (zone.name().equals(LOSSY)) {
                datasets.put(zone.name() + ":ip4set#pbl", pbl.toString());
            }
        }
        return datasets;
    }

    /** The zone asked under its public name whatever SPAMHAUS_DQS_KEY holds here: rbldnsd serves the public names. */
    private static DnsblZone withoutKey(DnsblZone zone) {
        return new DnsblZone(zone.name(), zone.kind(), zone.ipv6(), zone.enabled(), zone.codes(), zone.errorCodes(), zone.removalUrl(),
                null, null, zone.ratePerSecond(), zone.testListed(), zone.testNotListed());
    }
}
