package org.mailtriage.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.DnsServerProcess;

/** DNSBL checks against a real rbldnsd on loopback: several codes, TXT, IPv6, exclusions, error codes, broken zones. */
class DnsblRbldnsdTest {
    private static final String SOA = "$SOA 60 ns.zen.test. hostmaster.zen.test. 1 3600 600 86400 60\n$NS 60 ns.zen.test.\n$TTL 60\n";

    private static final String ZONES = """
            zone,kind,ipv6,enabled,codes,error_codes,removal_url,key_template,key_env,rate_per_second,test_listed,test_not_listed,notes
            zen.test,ip,true,true,127.0.0.2=SBL;127.0.0.4=XBL;127.0.0.10=PBL ISP,127.255.255.254=operator_error:public resolver,https://check.test/{subject},{key}.zen.dq.test,MAILTRIAGE_TEST_UNSET_KEY,,,,
            err.test,ip,false,true,127.0.0.2=listed,,,,,,,,
            bad.test,ip,false,true,127.0.0.2=listed,,,,,,,,
            dead.test,ip,false,true,127.0.0.2=listed,,,,,,,,
            dbl.test,domain,false,true,127.0.1.2=spam domain,127.0.1.255=operator_error:IP asked on a domain list,,,,,dbltest.example,invalid,
            other.test,ip,false,true,127.0.0.2=listed,,,,,,,,
            """;

    @TempDir
    static Path directory;
    private static DnsServerProcess rbldnsd;
    private static UdpResolver resolver;
    private static ZoneList zones;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> datasets = new LinkedHashMap<>();
        datasets.put("zen.test:ip4set#sbl", SOA + """
                :127.0.0.2:SBL listing, see https://sbl.test/$
                127.0.0.2
                192.0.2.10
                198.51.100.0/24
                !198.51.100.25
                :127.0.0.4:XBL: infected host $
                192.0.2.11
                """);
        datasets.put("zen.test:ip4set#pbl", ":127.0.0.10:PBL: end-user range $\n192.0.2.10\n");
        datasets.put("zen.test:ip6trie", ":127.0.0.2:IPv6 listing $\n2001:db8:bad::/48\n");
        datasets.put("err.test:generic", """
                2.0.0.127 A 127.0.0.2
                7.2.0.192 A 127.255.255.254
                8.2.0.192 A 127.0.0.2
                8.2.0.192 A 127.255.255.255
                """);
        datasets.put("bad.test:generic", """
                2.0.0.127 A 127.0.0.2
                5.2.0.192 A 192.0.2.99
                6.2.0.192 A 127.0.0.1
                """);
        datasets.put("dead.test:ip4set", ":127.0.0.2:everything $\n127.0.0.0/8\n192.0.2.0/24\n");
        datasets.put("dbl.test:dnset", """
                :127.0.1.2:spam domain $
                dbltest.example
                .spam.example
                spam.example
                :127.0.1.255:IP queried
                10.2.0.192
                """);
        rbldnsd = DnsServerProcess.rbldnsd(directory.resolve("rbldnsd"), datasets);
        resolver = new UdpResolver(rbldnsd.address(), ResolverSettings.DEFAULT.withTimeout(Duration.ofMillis(500), 1, Duration.ofMillis(50)));
        zones = ZoneList.read(new StringReader(ZONES), "test zones");
    }

    @AfterAll
    static void stop() {
        if (resolver != null) {
            resolver.close();
        }
        if (rbldnsd != null) {
            rbldnsd.close();
        }
    }

    @Test
    void listingsExclusionsAndErrors() {
        Checker checker = checkerAfterSelfTest();
        assertDnsbl(checker, "192.0.2.10", "zen.test", Outcome.LISTED, null, List.of("127.0.0.2", "127.0.0.10"));
        assertDnsbl(checker, "192.0.2.11", "zen.test", Outcome.LISTED, null, List.of("127.0.0.4"));
        assertDnsbl(checker, "198.51.100.5", "zen.test", Outcome.LISTED, null, List.of("127.0.0.2"));
        assertDnsbl(checker, "198.51.100.25", "zen.test", Outcome.NOT_LISTED, null, List.of());
        assertDnsbl(checker, "192.0.2.99", "zen.test", Outcome.NOT_LISTED, null, List.of());
        assertDnsbl(checker, "2001:db8:bad::7", "zen.test", Outcome.LISTED, null, List.of("127.0.0.2"));
        assertDnsbl(checker, "2001:db8:900d::7", "zen.test", Outcome.NOT_LISTED, null, List.of());
        assertDnsbl(checker, "192.0.2.7", "err.test", Outcome.UNKNOWN, ErrorKind.OPERATOR_ERROR, List.of("127.255.255.254"));
        assertDnsbl(checker, "192.0.2.8", "err.test", Outcome.UNKNOWN, ErrorKind.OPERATOR_ERROR, List.of("127.0.0.2", "127.255.255.255"));
        assertDnsbl(checker, "192.0.2.5", "bad.test", Outcome.UNKNOWN, ErrorKind.BAD_ANSWER, List.of("192.0.2.99"));
        assertDnsbl(checker, "192.0.2.6", "bad.test", Outcome.UNKNOWN, ErrorKind.BAD_ANSWER, List.of("127.0.0.1"));
        assertDnsbl(checker, "192.0.2.99", "dead.test", Outcome.UNKNOWN, ErrorKind.ZONE_BROKEN, List.of());
        assertDnsbl(checker, "192.0.2.99", "other.test", Outcome.UNKNOWN, ErrorKind.ZONE_BROKEN, List.of());
    }

    @Test
    void meaningsTxtAndRemovalUrlOfAListing() {
        DnsAnswer answer = dnsbl(checkerAfterSelfTest(), "192.0.2.10", "zen.test");
        assertThat(answer.meaning()).isEqualTo("SBL; PBL ISP");
        assertThat(answer.txt()).contains("https://sbl.test/192.0.2.10").contains("PBL: end-user range 192.0.2.10");
        assertThat(answer.removalUrl()).isEqualTo("https://check.test/192.0.2.10");
        assertThat(answer.question()).isEqualTo("10.2.0.192.zen.test");
        assertThat(answer.ttl()).isEqualTo(60L);
        assertThat(answer.resolver()).isEqualTo(rbldnsd.hostPort());
    }

    @Test
    void selfTestMarksDeadAndRefusingZonesBroken() {
        Map<String, String> broken = Checker.brokenZones(selfTests());
        assertThat(broken).containsOnlyKeys("dead.test", "other.test");
        assertThat(broken.get("dead.test")).contains("127.0.0.1").contains("dead or wildcarded");
        assertThat(broken.get("other.test")).contains("refused");
    }

    @Test
    void refusedIsUnknownNotClean() {
        Checker checker = new Checker(resolver, zones.enabled(), Map.of(), Clock.systemUTC());
        assertDnsbl(checker, "192.0.2.99", "other.test", Outcome.UNKNOWN, ErrorKind.REFUSED, List.of());
    }

    @Test
    void domainZones() {
        Checker checker = checkerAfterSelfTest();
        assertThat(domainDnsbl(checker, "spam.example")).extracting(DnsAnswer::outcome, DnsAnswer::meaning)
                .containsExactly(Outcome.LISTED, "spam domain");
        assertThat(domainDnsbl(checker, "www.spam.example").outcome()).isEqualTo(Outcome.LISTED);
        assertThat(domainDnsbl(checker, "clean.example").outcome()).isEqualTo(Outcome.NOT_LISTED);
        // An IP asked on a domain list: the list's own error code, never a listing.
        DnsReply reply = resolver.query("10.2.0.192.dbl.test", org.xbill.DNS.Type.A, null).join();
        DnsblVerdict verdict = DnsblVerdict.interpret(zone("dbl.test"), reply);
        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(verdict.errorKind()).isEqualTo(ErrorKind.OPERATOR_ERROR);
    }

    @Test
    void ipv4OnlyZonesAreNotAskedAboutIpv6() {
        List<DnsAnswer> answers = checkerAfterSelfTest().checkIp("2001:db8:bad::7", Set.of()).join();
        assertThat(answers).filteredOn(answer -> answer.check() == CheckKind.DNSBL).extracting(DnsAnswer::zone)
                .containsExactly("zen.test");
    }

    private static List<DnsAnswer> selfTests() {
        List<DnsAnswer> answers = new ArrayList<>();
        for (DnsblZone zone : zones.enabled()) {
            answers.addAll(new Checker(resolver, zones.enabled(), Map.of(), Clock.systemUTC()).selfTest(zone).join());
        }
        return answers;
    }

    private static Checker checkerAfterSelfTest() {
        return new Checker(resolver, zones.enabled(), Checker.brokenZones(selfTests()), Clock.systemUTC());
    }

    private static DnsblZone zone(String name) {
        return zones.all().stream().filter(zone -> zone.name().equals(name)).findFirst().orElseThrow();
    }

    private static DnsAnswer dnsbl(Checker checker, String ip, String zone) {
        return checker.checkIp(ip, Set.of()).join().stream()
                .filter(answer -> answer.check() == CheckKind.DNSBL && zone.equals(answer.zone())).findFirst().orElseThrow();
    }

    private static DnsAnswer domainDnsbl(Checker checker, String domain) {
        return checker.checkDomain(domain, Set.of()).join().stream()
                .filter(answer -> answer.check() == CheckKind.DNSBL && "dbl.test".equals(answer.zone())).findFirst().orElseThrow();
    }

    private static void assertDnsbl(Checker checker, String ip, String zone, Outcome outcome, ErrorKind error, List<String> codes) {
        DnsAnswer answer = dnsbl(checker, ip, zone);
        assertThat(answer.outcome()).as("%s on %s", ip, zone).isEqualTo(outcome);
        assertThat(answer.errorKind()).as("error kind of %s on %s", ip, zone).isEqualTo(error);
        assertThat(answer.returnCodes()).as("codes of %s on %s", ip, zone).containsExactlyInAnyOrderElementsOf(codes);
    }
}
