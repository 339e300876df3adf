package org.mailtriage.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Fuzzes DNS answer decoding with raw bytes as the UDP wire message, as UdpResolver receives it: the question
 * match, the header fast path, dnsjava's full parse, then the blocklist verdict. Invariants: nothing throws; a
 * message that does not answer the question is never read; a truncated one goes to TCP; any response code
 * but NOERROR/NXDOMAIN, and any NOERROR answer dnsjava cannot read, is unknown; listed only from a readable
 * NOERROR answer whose A records are all listing codes in 127.0.0.0/8.
 */
class DnsAnswerFuzzTest {
    private static final DnsblZone ZONE = ZoneList.builtIn().all().stream().filter(zone -> !zone.errorCodes().isEmpty()
            && zone.kind() == ZoneKind.IP).findFirst().orElseThrow();
    private static final byte[] QUESTION = QuestionWire.encode("2.0.0.127." + ZONE.name(), Type.A);

    @FuzzTest(maxDuration = "3m")
    void udpAnswer(byte[] wire) {
        ByteBuffer buffer = ByteBuffer.wrap(wire);
        if (wire.length < 12 || !UdpResolver.answersQuestion(buffer, QUESTION)) {
            return; // dropped, as the resolver does: the question is asked again and at worst times out (unknown)
        }
        assertThat(wire[2] & 0xf8).as("only responses to a QUERY are read").isEqualTo(0x80);
        DnsReply reply = UdpResolver.readAnswer(buffer, Type.A);
        boolean truncated = (wire[2] & 0x02) != 0;
        assertThat(reply == null).as("truncated answers go to TCP, others are read").isEqualTo(truncated);
        if (reply == null) {
            return;
        }
        reply.values();
        DnsblVerdict verdict = DnsblVerdict.interpret(ZONE, reply);
        int rcode = wire[3] & 0x0f;
        int answerCount = ((wire[6] & 0xff) << 8) | (wire[7] & 0xff);
        Message parsed = parse(wire);
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            assertThat(verdict.outcome()).as("rcode %d", rcode).isEqualTo(Outcome.UNKNOWN);
        }
        if (rcode == Rcode.NOERROR && answerCount > 0 && parsed == null) {
            assertThat(verdict.outcome()).as("unreadable answer").isEqualTo(Outcome.UNKNOWN);
        }
        if (verdict.outcome() == Outcome.LISTED) {
            assertThat(parsed).as("listed from a readable message").isNotNull();
            assertThat(rcode).isEqualTo(Rcode.NOERROR);
            assertThat(verdict.returnCodes()).isNotEmpty();
            for (Record record : parsed.getSection(Section.ANSWER)) {
                if (record.getType() == Type.A) {
                    String code = ((ARecord) record).getAddress().getHostAddress();
                    assertThat(code).startsWith("127.").isNotEqualTo("127.0.0.1").doesNotStartWith("127.255.255.");
                    assertThat(ZONE.errorCodes()).doesNotContainKey(code);
                }
            }
        }
        if (verdict.outcome() == Outcome.NOT_LISTED) {
            boolean noAnswer = rcode == Rcode.NXDOMAIN || answerCount == 0
                    || parsed != null && parsed.getSection(Section.ANSWER).stream().noneMatch(record -> record.getType() == Type.A);
            assertThat(noAnswer).as("not listed only when there is no A answer").isTrue();
        }
        if (verdict.outcome() == Outcome.UNKNOWN) {
            assertThat(verdict.errorKind()).isNotNull();
        }
    }

    /** The seeds reach the decoder (they answer the question) and mean what their names say. */
    @ParameterizedTest
    @CsvSource({
        "nxdomain, NOT_LISTED", "nodata, NOT_LISTED", "listed-127.0.0.2, LISTED", "listed-two-codes, LISTED", "with-txt, LISTED",
        "cname-then-a, LISTED", "operator-error-127.255.255.254, UNKNOWN", "localhost-127.0.0.1, UNKNOWN",
        "outside-loopback, UNKNOWN", "servfail, UNKNOWN", "refused, UNKNOWN", "formerr, UNKNOWN", "a-rdlength-5, UNKNOWN",
        "answer-count-says-2-has-1, UNKNOWN", "nxdomain-with-soa, NOT_LISTED", "upper-case-question, NOT_LISTED"})
    void seedsMeanWhatTheySay(String seed, Outcome expected) throws IOException {
        byte[] wire = seed(seed);
        assertThat(UdpResolver.answersQuestion(ByteBuffer.wrap(wire), QUESTION)).isTrue();
        assertThat(DnsblVerdict.interpret(ZONE, UdpResolver.readAnswer(ByteBuffer.wrap(wire), Type.A)).outcome()).isEqualTo(expected);
        udpAnswer(wire);
    }

    @Test
    void aMessageOfAnotherOpcodeIsNoAnswer() throws IOException {
        assertThat(UdpResolver.answersQuestion(ByteBuffer.wrap(seed("finding-opcode-update-ttl-above-2-31")), QUESTION)).isFalse();
    }

    @Test
    void aTruncatedAnswerGoesToTcp() throws IOException {
        byte[] wire = seed("truncated");
        assertThat(UdpResolver.answersQuestion(ByteBuffer.wrap(wire), QUESTION)).isTrue();
        assertThat(UdpResolver.readAnswer(ByteBuffer.wrap(wire), Type.A)).isNull();
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = DnsAnswerFuzzTest.class.getResourceAsStream("DnsAnswerFuzzTestInputs/udpAnswer/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Message parse(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
