package org.mailtriage.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.FakeDnsServer;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Servers that never answer, answer with an error, or answer too late: every check ends unknown. */
class ResolverFaultTest {
    private static final ResolverSettings QUICK = ResolverSettings.DEFAULT.withTimeout(Duration.ofMillis(200), 2, Duration.ofMillis(20));
    private static final List<DnsblZone> ZONES = ZoneList.builtIn().enabled();

    @Test
    void droppedPacketsAreRetriedThenTimeOut() throws Exception {
        try (FakeDnsServer silent = FakeDnsServer.silent(); UdpResolver resolver = new UdpResolver(silent.address(), QUICK)) {
            DnsReply reply = resolver.query("2.0.0.127.zen.spamhaus.org", Type.A, null).join();
            assertThat(reply.status()).isEqualTo(ReplyStatus.TIMEOUT);
            assertThat(silent.packets()).isEqualTo(3); // first attempt + 2 retries
            assertThat(resolver.questionsAsked()).isEqualTo(1);
            assertThat(resolver.questionsFailed()).isEqualTo(1);
            assertEveryCheckUnknown(resolver, ErrorKind.TIMEOUT);
        }
    }

    @Test
    void servfailIsUnknown() throws Exception {
        try (FakeDnsServer server = FakeDnsServer.answeringRcode(Rcode.SERVFAIL); UdpResolver resolver = new UdpResolver(server.address(), QUICK)) {
            assertEveryCheckUnknown(resolver, ErrorKind.SERVFAIL);
        }
    }

    @Test
    void refusedIsUnknown() throws Exception {
        try (FakeDnsServer server = FakeDnsServer.answeringRcode(Rcode.REFUSED); UdpResolver resolver = new UdpResolver(server.address(), QUICK)) {
            assertEveryCheckUnknown(resolver, ErrorKind.REFUSED);
        }
    }

    @Test
    void otherResponseCodesAreUnknown() throws Exception {
        try (FakeDnsServer server = FakeDnsServer.answeringRcode(Rcode.NOTIMP); UdpResolver resolver = new UdpResolver(server.address(), QUICK)) {
            assertEveryCheckUnknown(resolver, ErrorKind.BAD_RCODE);
        }
    }

    @Test
    void answersToAnotherQuestionAreIgnored() throws Exception {
        try (FakeDnsServer server = FakeDnsServer.answeringAnotherQuestion(); UdpResolver resolver = new UdpResolver(server.address(), QUICK)) {
            DnsReply reply = resolver.query("10.2.0.192.zen.spamhaus.org", Type.A, null).join();
            assertThat(reply.status()).isEqualTo(ReplyStatus.TIMEOUT);
            assertThat(server.packets()).isEqualTo(3);
        }
    }

    @Test
    void aZoneRateLimitStillAnswersEverything() throws Exception {
        FixtureResolver fixture = FixtureResolver.fromText("$TTL 60\n10.2.0.192.zen.spamhaus.org. A 127.0.0.2\n", "one");
        ResolverSettings limited = QUICK.withZoneRates(Map.of("zen.spamhaus.org", 200.0)).withWindow(4);
        try (FakeDnsServer server = FakeDnsServer.from(fixture, Duration.ZERO); UdpResolver resolver = new UdpResolver(server.address(), limited)) {
            List<java.util.concurrent.CompletableFuture<DnsReply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                replies.add(resolver.query(i % 2 == 0 ? "10.2.0.192.zen.spamhaus.org" : "11.2.0.192.zen.spamhaus.org", Type.A, "zen.spamhaus.org"));
            }
            assertThat(replies).extracting(reply -> reply.join().status())
                    .containsOnly(ReplyStatus.NOERROR, ReplyStatus.NXDOMAIN).hasSize(50);
            assertThat(server.packets()).isEqualTo(50);
        }
    }

    @Test
    void answersLaterThanEveryAttemptAreUnknown() throws Exception {
        FixtureResolver listedEverywhere = FixtureResolver.fromText("""
                $TTL 60
                10.2.0.192.zen.spamhaus.org. A 127.0.0.2
                10.2.0.192.in-addr.arpa. PTR out1.example.com.
                out1.example.com. A 192.0.2.10
                """, "listed");
        try (FakeDnsServer slow = FakeDnsServer.from(listedEverywhere, Duration.ofMillis(1500));
                UdpResolver resolver = new UdpResolver(slow.address(), QUICK)) {
            List<DnsAnswer> answers = new Checker(resolver, ZONES, Map.of(), Clock.systemUTC()).checkIp("192.0.2.10", Set.of()).join();
            assertThat(answers).isNotEmpty().allSatisfy(answer -> {
                assertThat(answer.outcome()).isEqualTo(Outcome.UNKNOWN);
                assertThat(answer.errorKind()).isEqualTo(ErrorKind.TIMEOUT);
            });
        }
    }

    @Test
    void aZoneThatDoesNotAnswerItsSelfTestIsBroken() throws Exception {
        try (FakeDnsServer silent = FakeDnsServer.silent(); UdpResolver resolver = new UdpResolver(silent.address(), QUICK)) {
            Checker checker = new Checker(resolver, ZONES, Map.of(), Clock.systemUTC());
            List<DnsAnswer> selfTest = checker.selfTest(ZONES.get(0)).join();
            assertThat(selfTest).extracting(DnsAnswer::outcome).containsOnly(Outcome.UNKNOWN);
            assertThat(Checker.brokenZones(selfTest)).containsOnlyKeys(ZONES.get(0).name());
        }
    }

    private static void assertEveryCheckUnknown(DnsClient client, ErrorKind error) {
        Checker checker = new Checker(client, ZONES, Map.of(), Clock.systemUTC());
        List<DnsAnswer> answers = new java.util.ArrayList<>(checker.checkIp("192.0.2.10", Set.of()).join());
        answers.addAll(checker.checkIp("2001:db8:10::25", Set.of()).join());
        answers.addAll(checker.checkDomain("example.com", Set.of()).join());
        List<DnsAnswer> helo = checker.checkHelo("out1.example.com", "192.0.2.10", Set.of()).join();
        answers.addAll(helo.stream().filter(answer -> answer.question() != null).toList());
        assertThat(answers).hasSizeGreaterThan(10).allSatisfy(answer -> {
            assertThat(answer.outcome()).as("%s %s %s", answer.subject(), answer.check(), answer.zone()).isEqualTo(Outcome.UNKNOWN);
            assertThat(answer.errorKind()).as("%s %s %s", answer.subject(), answer.check(), answer.zone()).isEqualTo(error);
        });
    }
}
