package org.mailtriage.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.DnsServerProcess;

/** PTR/FCrDNS, HELO and sender-domain checks against a real nsd on loopback. */
class HostChecksNsdTest {
    private static final String SOA = "$TTL 300\n@ SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 300\n@ NS ns.example.test.\n";

    @TempDir
    static Path directory;
    private static DnsServerProcess nsd;
    private static UdpResolver resolver;
    private static Checker checker;

    @BeforeAll
    static void start() {
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("2.0.192.in-addr.arpa", SOA + """
                10 PTR out1.example.test.
                21 PTR out2.example.test.
                30 PTR old-name.example.test.
                30 PTR mx1.example.test.
                44 PTR dsl-192-0-2-44.dyn.example.test.
                45 PTR gone.example.test.
                """);
        zones.put("0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa", SOA + "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 PTR out3.example.test.\n");
        zones.put("example.test", SOA + """
                ns A 192.0.2.53
                out1 A 192.0.2.10
                out2 A 192.0.2.20
                mx1 A 192.0.2.30
                old-name A 192.0.2.31
                dsl-192-0-2-44.dyn A 192.0.2.44
                out3 AAAA 2001:db8:10::25
                @ A 192.0.2.80
                @ MX 10 mx1.example.test.
                @ TXT "v=spf1 ip4:192.0.2.0/24 -all"
                _dmarc TXT "v=DMARC1; p=reject"
                bare MX 10 mx1.example.test.
                nomail A 192.0.2.81
                nomail MX 0 .
                bare TXT "some-verification=abc"
                big MX 10 mx1.example.test.
                big TXT "v=spf1 ip4:192.0.2.1 ip4:192.0.2.2 ip4:192.0.2.3 ip4:192.0.2.4 ip4:192.0.2.5 ip4:192.0.2.6 ip4:192.0.2.7 ip4:192.0.2.8 ip4:192.0.2.9 -all"
                big TXT "padding-1=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                big TXT "padding-2=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                big TXT "padding-3=cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
                """);
        nsd = DnsServerProcess.nsd(directory.resolve("nsd"), zones);
        resolver = new UdpResolver(nsd.address(), ResolverSettings.DEFAULT.withTimeout(Duration.ofMillis(500), 1, Duration.ofMillis(50)));
        checker = new Checker(resolver, List.of(), Map.of(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (resolver != null) {
            resolver.close();
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    @Test
    void ptrAndForwardConfirmation() {
        assertIp("192.0.2.10", Outcome.PASS, Outcome.PASS, Outcome.PASS, List.of("out1.example.test"));
        assertIp("192.0.2.21", Outcome.PASS, Outcome.FAIL, Outcome.PASS, List.of());
        assertIp("192.0.2.30", Outcome.PASS, Outcome.PASS, Outcome.PASS, List.of("mx1.example.test"));
        assertIp("192.0.2.44", Outcome.PASS, Outcome.PASS, Outcome.FAIL, List.of("dsl-192-0-2-44.dyn.example.test"));
        assertIp("192.0.2.45", Outcome.PASS, Outcome.FAIL, Outcome.PASS, List.of());
        assertIp("192.0.2.99", Outcome.FAIL, Outcome.FAIL, null, List.of());
        assertIp("2001:db8:10::25", Outcome.PASS, Outcome.PASS, Outcome.PASS, List.of("out3.example.test"));
    }

    @Test
    void ptrNamesAreReportedEvenWhenNoneConfirms() {
        DnsAnswer ptr = find(checker.checkIp("192.0.2.30", Set.of()).join(), CheckKind.PTR);
        assertThat(ptr.answers()).containsExactlyInAnyOrder("old-name.example.test", "mx1.example.test");
        assertThat(ptr.question()).isEqualTo("30.2.0.192.in-addr.arpa");
    }

    @Test
    void heloChecks() {
        assertHelo("out1.example.test", "192.0.2.10", Outcome.PASS, Outcome.PASS, Outcome.PASS, Outcome.PASS);
        assertHelo("out1.example.test", "192.0.2.11", Outcome.PASS, Outcome.PASS, Outcome.PASS, Outcome.FAIL);
        assertHelo("OUT3.example.test.", "2001:db8:10::25", Outcome.PASS, Outcome.PASS, Outcome.PASS, Outcome.PASS);
        assertHelo("nonexistent.example.test", "192.0.2.10", Outcome.PASS, Outcome.PASS, Outcome.FAIL, Outcome.FAIL);
        assertHelo("out3", "2001:db8:10::25", Outcome.PASS, Outcome.FAIL, Outcome.FAIL, Outcome.FAIL);
        assertHelo("[192.0.2.10]", "192.0.2.10", Outcome.PASS, Outcome.PASS, null, Outcome.PASS);
        assertHelo("[IPv6:2001:db8:bad::7]", "2001:db8:bad::7", Outcome.PASS, Outcome.PASS, null, Outcome.PASS);
        assertHelo("[192.0.2.10]", "192.0.2.20", Outcome.PASS, Outcome.PASS, null, Outcome.FAIL);
        assertHelo("邮件服务器", "203.0.113.31", Outcome.FAIL, null, Outcome.FAIL, Outcome.FAIL);
    }

    @Test
    void senderDomainChecks() {
        assertDomain("example.test", Outcome.PASS, Outcome.PASS, Outcome.PASS, Outcome.PASS);
        assertDomain("bare.example.test", Outcome.FAIL, Outcome.PASS, Outcome.FAIL, Outcome.FAIL);
        assertDomain("missing.example.test", Outcome.FAIL, Outcome.FAIL, Outcome.FAIL, Outcome.FAIL);
        // RFC 7505 null MX: an MX record, but one that says the domain accepts no mail.
        assertDomain("nomail.example.test", Outcome.PASS, Outcome.FAIL, Outcome.FAIL, Outcome.FAIL);
        assertThat(find(checker.checkDomain("nomail.example.test", Set.of()).join(), CheckKind.DOMAIN_MX).meaning()).contains("null MX");
        // Existence: the apex (its SOA), a name below it with records but no SOA, and a name not in the DNS at all.
        assertThat(find(checker.checkDomain("example.test", Set.of()).join(), CheckKind.DOMAIN_EXISTS).outcome()).isEqualTo(Outcome.PASS);
        assertThat(find(checker.checkDomain("bare.example.test", Set.of()).join(), CheckKind.DOMAIN_EXISTS).outcome()).isEqualTo(Outcome.PASS);
        DnsAnswer missing = find(checker.checkDomain("missing.example.test", Set.of()).join(), CheckKind.DOMAIN_EXISTS);
        assertThat(missing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(missing.meaning()).contains("NXDOMAIN");
        DnsAnswer spf = find(checker.checkDomain("example.test", Set.of()).join(), CheckKind.SPF);
        assertThat(spf.answers()).containsExactly("v=spf1 ip4:192.0.2.0/24 -all");
    }

    @Test
    void truncatedAnswersAreAskedAgainOverTcp() {
        DnsReply reply = resolver.query("big.example.test", org.xbill.DNS.Type.TXT, null).join();
        assertThat(reply.status()).isEqualTo(ReplyStatus.NOERROR);
        assertThat(reply.values()).hasSize(4).anyMatch(value -> value.startsWith("v=spf1"));
        assertThat(find(checker.checkDomain("big.example.test", Set.of()).join(), CheckKind.SPF).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void cachedChecksAreNotAskedAgain() {
        long before = resolver.questionsAsked();
        Set<String> cached = Set.of(DnsAnswer.cacheKey(CheckKind.PTR, null, null), DnsAnswer.cacheKey(CheckKind.FCRDNS, null, null));
        assertThat(checker.checkIp("192.0.2.10", cached).join()).isEmpty();
        assertThat(resolver.questionsAsked()).isEqualTo(before);
    }

    private static void assertIp(String ip, Outcome ptr, Outcome fcrdns, Outcome generic, List<String> confirmed) {
        List<DnsAnswer> answers = checker.checkIp(ip, Set.of()).join();
        assertThat(find(answers, CheckKind.PTR).outcome()).as("PTR of %s", ip).isEqualTo(ptr);
        DnsAnswer forward = find(answers, CheckKind.FCRDNS);
        assertThat(forward.outcome()).as("FCrDNS of %s", ip).isEqualTo(fcrdns);
        assertThat(forward.answers()).as("confirmed names of %s", ip).containsExactlyElementsOf(confirmed);
        DnsAnswer genericAnswer = answers.stream().filter(answer -> answer.check() == CheckKind.PTR_GENERIC).findFirst().orElse(null);
        assertThat(genericAnswer == null ? null : genericAnswer.outcome()).as("generic flag of %s", ip).isEqualTo(generic);
    }

    private static void assertHelo(String helo, String ip, Outcome syntax, Outcome fqdn, Outcome resolves, Outcome matches) {
        List<DnsAnswer> answers = checker.checkHelo(helo, ip, Set.of()).join();
        assertThat(outcomeOf(answers, CheckKind.HELO_SYNTAX)).as("syntax of %s", helo).isEqualTo(syntax);
        assertThat(outcomeOf(answers, CheckKind.HELO_FQDN)).as("FQDN of %s", helo).isEqualTo(fqdn);
        assertThat(outcomeOf(answers, CheckKind.HELO_RESOLVES)).as("%s resolves", helo).isEqualTo(resolves);
        assertThat(outcomeOf(answers, CheckKind.HELO_MATCHES_IP)).as("%s points at %s", helo, ip).isEqualTo(matches);
    }

    private static void assertDomain(String domain, Outcome a, Outcome mx, Outcome spf, Outcome dmarc) {
        List<DnsAnswer> answers = checker.checkDomain(domain, Set.of()).join();
        assertThat(outcomeOf(answers, CheckKind.DOMAIN_A)).as("A of %s", domain).isEqualTo(a);
        assertThat(outcomeOf(answers, CheckKind.DOMAIN_MX)).as("MX of %s", domain).isEqualTo(mx);
        assertThat(outcomeOf(answers, CheckKind.SPF)).as("SPF of %s", domain).isEqualTo(spf);
        assertThat(outcomeOf(answers, CheckKind.DMARC)).as("DMARC of %s", domain).isEqualTo(dmarc);
    }

    private static Outcome outcomeOf(List<DnsAnswer> answers, CheckKind check) {
        return answers.stream().filter(answer -> answer.check() == check).map(DnsAnswer::outcome).findFirst().orElse(null);
    }

    private static DnsAnswer find(List<DnsAnswer> answers, CheckKind check) {
        return answers.stream().filter(answer -> answer.check() == check).findFirst().orElseThrow(() -> new AssertionError("no " + check + " in " + answers));
    }
}
