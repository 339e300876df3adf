package org.mailtriage.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every entry of the built-in zones.csv — every zone, every return code, every error code — is
 * asked through a fixture that lists a subject under each code, and must come back with the
 * meaning the file gives it.
 */
class DefaultZonesTest {
    private static final ZoneList ZONES = ZoneList.builtIn();

    @Test
    void noRetiredListsAndTheExpectedOnes() {
        List<String> names = ZONES.all().stream().map(DnsblZone::name).toList();
        assertThat(names).noneMatch(name -> name.contains("sorbs") || name.contains("abuseat") || name.contains("anti-spam.org.cn"));
        assertThat(names).contains("zen.spamhaus.org", "dbl.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org",
                "psbl.surriel.com", "bl.mailspike.net", "all.s5h.net");
        assertThat(ZONES.enabled()).extracting(DnsblZone::name).doesNotContain("dnsbl-3.uceprotect.net");
    }

    @Test
    void everyCodeOfEveryZoneMeansWhatTheFileSays() {
        StringBuilder fixture = new StringBuilder("$TTL 60\n");
        List<Expected> expected = new ArrayList<>();
        int subject = 1;
        for (DnsblZone zone : ZONES.all()) {
            Map<String, String> allCodes = new java.util.LinkedHashMap<>(zone.codes());
            if (allCodes.containsKey("*")) {
                allCodes.put("127.0.0.77", allCodes.remove("*"));
            }
            for (Map.Entry<String, String> code : allCodes.entrySet()) {
                String name = subjectName(zone, subject++);
                fixture.append(prefix(zone, name)).append('.').append(zone.name()).append(". A ").append(code.getKey()).append('\n');
                fixture.append(prefix(zone, name)).append('.').append(zone.name()).append(". TXT \"why ").append(name).append("\"\n");
                expected.add(new Expected(zone, name, Outcome.LISTED, code.getValue(), null));
            }
            for (Map.Entry<String, DnsblZone.ErrorCode> code : zone.errorCodes().entrySet()) {
                String name = subjectName(zone, subject++);
                fixture.append(prefix(zone, name)).append('.').append(zone.name()).append(". A ").append(code.getKey()).append('\n');
                expected.add(new Expected(zone, name, Outcome.UNKNOWN, code.getValue().meaning(), code.getValue().kind()));
            }
            String clean = subjectName(zone, subject++);
            expected.add(new Expected(zone, clean, Outcome.NOT_LISTED, null, null));
            fixture.append(prefix(zone, zone.testListed())).append('.').append(zone.name()).append(". A ")
                    .append(zone.kind() == ZoneKind.IP ? "127.0.0.2" : zone.codes().keySet().iterator().next()).append('\n');
        }
        FixtureResolver resolver = FixtureResolver.fromText(fixture.toString(), "every-code");
        Checker plain = new Checker(resolver, ZONES.all(), Map.of(), Clock.systemUTC());
        List<DnsAnswer> selfTests = new ArrayList<>();
        for (DnsblZone zone : ZONES.all()) {
            selfTests.addAll(plain.selfTest(zone).join());
        }
        assertThat(Checker.brokenZones(selfTests)).isEmpty();
        for (Expected each : expected) {
            Checker checker = new Checker(resolver, List.of(each.zone()), Map.of(), Clock.systemUTC());
            List<DnsAnswer> answers = each.zone().kind() == ZoneKind.IP ? checker.checkIp(each.subject(), Set.of()).join()
                    : checker.checkDomain(each.subject(), Set.of()).join();
            DnsAnswer answer = answers.stream().filter(row -> row.check() == CheckKind.DNSBL).findFirst().orElseThrow();
            assertThat(answer.outcome()).as("%s on %s", each.subject(), each.zone().name()).isEqualTo(each.outcome());
            assertThat(answer.meaning()).as("meaning of %s on %s", each.subject(), each.zone().name()).isEqualTo(each.meaning());
            assertThat(answer.errorKind()).as("error of %s on %s", each.subject(), each.zone().name()).isEqualTo(each.error());
            if (each.outcome() == Outcome.LISTED) {
                assertThat(answer.txt()).isEqualTo("why " + each.subject());
                assertThat(answer.removalUrl()).as("removal URL of %s", each.zone().name()).isNotBlank().doesNotContain("{subject}");
            }
        }
        assertThat(expected).extracting(each -> each.zone().name()).containsAll(ZONES.all().stream().map(DnsblZone::name).toList());
    }

    @Test
    void theDqsKeyShapesTheQuestionButNeverTheRow() {
        DnsblZone zen = ZONES.all().get(0);
        assertThat(zen.keyEnvironment()).isEqualTo("SPAMHAUS_DQS_KEY");
        assertThat(zen.keyTemplate()).isEqualTo("{key}.zen.dq.spamhaus.net");
        assertThat(zen.zoneToAsk(variable -> variable.equals("SPAMHAUS_DQS_KEY") ? " k3y " : null)).isEqualTo("k3y.zen.dq.spamhaus.net");
        assertThat(zen.zoneToAsk(variable -> null)).isEqualTo("zen.spamhaus.org");
        assertThat(zen.zoneToAsk(variable -> "")).isEqualTo("zen.spamhaus.org");
        assertThat(ZONES.all().get(2).zoneToAsk(variable -> "k3y")).isEqualTo("bl.spamcop.net");
    }

    @Test
    void theDqsKeyIsRedactedFromWhatComesBack() {
        DnsblZone zen = ZONES.all().get(0);
        java.util.function.UnaryOperator<String> key = variable -> variable.equals("SPAMHAUS_DQS_KEY") ? " Abcdefghijklmnopqrstuvwxyz01 " : null;
        assertThat(zen.redact("TCP retry: timed out asking 2.0.0.127.abcdefghijklmnopqrstuvwxyz01.ZEN.dq.spamhaus.net", key))
                .isEqualTo("TCP retry: timed out asking 2.0.0.127.<DQS key>.ZEN.dq.spamhaus.net");
        assertThat(zen.redact("ABCDEFGHIJKLMNOPQRSTUVWXYZ01 twice abcdefghijklmnopqrstuvwxyz01", key)).isEqualTo("<DQS key> twice <DQS key>");
        assertThat(zen.redact("no key here", key)).isEqualTo("no key here");
        assertThat(zen.redact(null, key)).isNull();
        assertThat(zen.redact("abcdefghijklmnopqrstuvwxyz01", variable -> null)).isEqualTo("abcdefghijklmnopqrstuvwxyz01");
        assertThat(ZONES.all().get(2).redact("abcdefghijklmnopqrstuvwxyz01", key)).isEqualTo("abcdefghijklmnopqrstuvwxyz01");
    }

    @Test
    void badZoneFilesAreRejectedWithTheLine() {
        String header = "zone,kind,ipv6,enabled,codes,error_codes,removal_url,key_template,key_env,rate_per_second,test_listed,test_not_listed,notes\n";
        assertBad(header + "x.test,ip,true,true,,,,,,,,,\n", "line 2: zone x.test has no codes");
        assertBad(header + "x.test,host,true,true,127.0.0.2=a,,,,,,,,\n", "line 2: zone kind must be ip or domain, not 'host'");
        assertBad(header + "x.test,ip,maybe,true,127.0.0.2=a,,,,,,,,\n", "line 2: ipv6 must be true or false, not 'maybe'");
        assertBad(header + "x.test,ip,true,true,10.0.0.2=a,,,,,,,,\n", "line 2: return code must be an address in 127.0.0.0/8: 10.0.0.2");
        assertBad(header + "x.test,ip,true,true,127.0.0.2=a,127.255.255.1=oops,,,,,,,\n", "line 2: error code 127.255.255.1 needs kind:meaning");
        assertBad(header + "x.test,ip,true,true,127.0.0.2=a,,,{key}.x,,,,,\n", "line 2: key_template (with {key}) and key_env go together");
        assertBad(header + "x.test,ip,true,true,127.0.0.2=a,,,,,,,,\nX.test,ip,true,true,127.0.0.2=a,,,,,,,,\n", "line 3: zone listed twice: x.test");
    }

    private static void assertBad(String csv, String message) {
        assertThatThrownBy(() -> ZoneList.read(new StringReader(csv), "zones.csv")).hasMessage("zones.csv " + message);
    }

    private static String subjectName(DnsblZone zone, int number) {
        return zone.kind() == ZoneKind.IP ? "192.0.2." + number : "d" + number + ".example";
    }

    private static String prefix(DnsblZone zone, String subject) {
        return zone.kind() == ZoneKind.IP ? ReverseNames.reversed(subject) : subject;
    }

    private record Expected(DnsblZone zone, String subject, Outcome outcome, String meaning, ErrorKind error) {
    }
}
