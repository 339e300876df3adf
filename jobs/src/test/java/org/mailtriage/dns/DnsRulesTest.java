package org.mailtriage.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/** The pure rules: reversed names, HELO syntax, generic PTR names, blocklist answer interpretation. */
class DnsRulesTest {
    private static final DnsblZone ZEN = ZoneList.builtIn().all().get(0);

    @Test
    void reversedNames() {
        assertReversed("192.0.2.10", "10.2.0.192");
        assertReversed("2001:db8:1:2::5", "5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2");
        assertReversed("2001:DB8:1:2:0:0:0:5", "5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2");
        assertThat(ReverseNames.ptrName("192.0.2.10")).isEqualTo("10.2.0.192.in-addr.arpa.");
        assertThat(ReverseNames.isIp("mail.example.com")).isFalse();
        assertThat(ReverseNames.isIp("999.1.1.1")).isFalse();
        assertThat(ReverseNames.sameAddress("2001:db8::1", "2001:0db8:0:0::1")).isTrue();
    }

    @Test
    void questionWireIsWhatDnsjavaWouldSend() throws Exception {
        for (String name : List.of("10.2.0.192.zen.spamhaus.org", "example.com.", "_dmarc.Example.ORG",
                "5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")) {
            for (int type : List.of(org.xbill.DNS.Type.A, org.xbill.DNS.Type.TXT, org.xbill.DNS.Type.PTR, org.xbill.DNS.Type.AAAA)) {
                org.xbill.DNS.Message expected = org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
                        Name.fromString(name.endsWith(".") ? name : name + "."), type, org.xbill.DNS.DClass.IN));
                byte[] wire = QuestionWire.encode(name, type);
                byte[] dnsjava = expected.toWire();
                wire[0] = dnsjava[0];
                wire[1] = dnsjava[1];
                assertThat(wire).as("%s type %d", name, type).isEqualTo(dnsjava);
            }
        }
        assertThat(QuestionWire.encode("a..example", org.xbill.DNS.Type.A)).isNull();
        assertThat(QuestionWire.encode("a".repeat(64) + ".example", org.xbill.DNS.Type.A)).isNull();
        assertThat(QuestionWire.encode(("a".repeat(60) + ".").repeat(5) + "example", org.xbill.DNS.Type.A)).isNull();
        assertThat(QuestionWire.encode("", org.xbill.DNS.Type.A)).isNull();
    }

    @Test
    void heloSyntax() {
        assertHelo("mail.example.com", HeloNames.Form.HOST_NAME, true, null);
        assertHelo("mail.example.com.", HeloNames.Form.HOST_NAME, true, null);
        assertHelo("out3", HeloNames.Form.HOST_NAME, false, "not fully qualified (no domain)");
        assertHelo("host.123", HeloNames.Form.HOST_NAME, false, "top-level label is numeric");
        assertHelo("[192.0.2.1]", HeloNames.Form.IPV4_LITERAL, true, null);
        assertHelo("[IPv6:2001:db8::1]", HeloNames.Form.IPV6_LITERAL, true, null);
        assertHelo("[IPv6:192.0.2.1.5]", HeloNames.Form.INVALID, false, "bad IPv6 address literal");
        assertHelo("[300.0.2.1]", HeloNames.Form.INVALID, false, "bad address literal");
        assertHelo("192.0.2.1", HeloNames.Form.INVALID, false, "bare IP address (must be written as a literal in brackets)");
        assertHelo("邮件服务器", HeloNames.Form.INVALID, false, "non-ASCII characters");
        assertHelo("mail_1.example.com", HeloNames.Form.INVALID, false, "label 'mail_1' is not letters, digits and inner hyphens");
        assertHelo("-mail.example.com", HeloNames.Form.INVALID, false, "label '-mail' is not letters, digits and inner hyphens");
        assertHelo("mail..example.com", HeloNames.Form.INVALID, false, "empty label");
        assertHelo("a".repeat(64) + ".example.com", HeloNames.Form.INVALID, false, "label longer than 63 characters");
        assertHelo(("a".repeat(60) + ".").repeat(5) + "com", HeloNames.Form.INVALID, false, "longer than 253 characters");
        assertHelo("", HeloNames.Form.INVALID, false, "empty");
    }

    @Test
    void genericPtrNames() {
        assertGeneric("dsl-203-0-113-44.dyn.example.net", "203.0.113.44", "embeds the IP address");
        assertGeneric("44.113.0.203.example.net", "203.0.113.44", "embeds the IP address");
        assertGeneric("cb007144.example.net", "203.0.113.69", null);
        assertGeneric("cb007144.example.net", "203.0.113.68", "embeds the IP address");
        assertGeneric("cb00712c.example.net", "203.0.113.44", "embeds the IP address");
        assertGeneric("pool-17.example.net", "203.0.113.17", "contains 'pool'");
        assertGeneric("customer.static.example.net", "203.0.113.17", "contains 'customer'");
        assertGeneric("mail.example.com", "192.0.2.10", null);
        assertGeneric("out1.example.com", "192.0.2.10", null);
        assertGeneric("mx.dyn.example", "192.0.2.10", null);
    }

    @Test
    void blocklistAnswers() throws Exception {
        assertVerdict(DnsReply.failed(ReplyStatus.TIMEOUT, null), Outcome.UNKNOWN, ErrorKind.TIMEOUT, null);
        assertVerdict(DnsReply.failed(ReplyStatus.SERVFAIL, null), Outcome.UNKNOWN, ErrorKind.SERVFAIL, null);
        assertVerdict(DnsReply.failed(ReplyStatus.REFUSED, null), Outcome.UNKNOWN, ErrorKind.REFUSED, null);
        assertVerdict(DnsReply.failed(ReplyStatus.OTHER_RCODE, "NOTIMP"), Outcome.UNKNOWN, ErrorKind.BAD_RCODE, null);
        assertVerdict(new DnsReply(ReplyStatus.NXDOMAIN, List.of(), -1, null), Outcome.NOT_LISTED, null, null);
        assertVerdict(new DnsReply(ReplyStatus.NOERROR, List.of(), -1, null), Outcome.NOT_LISTED, null, null);
        assertVerdict(reply("127.0.0.2"), Outcome.LISTED, null, "SBL: Spamhaus Block List, spam source or operation");
        assertVerdict(reply("127.0.0.4", "127.0.0.10"), Outcome.LISTED, null,
                "XBL: exploited or infected host; PBL (ISP): end-user range that should not send mail directly");
        assertVerdict(reply("127.0.0.99"), Outcome.LISTED, null, "listed (code 127.0.0.99 not in the zone file)");
        assertVerdict(reply("127.255.255.254"), Outcome.UNKNOWN, ErrorKind.OPERATOR_ERROR, "asked through a public or open resolver");
        assertVerdict(reply("127.255.255.255"), Outcome.UNKNOWN, ErrorKind.RATE_LIMITED, "too many queries");
        assertVerdict(reply("127.255.255.252"), Outcome.UNKNOWN, ErrorKind.OPERATOR_ERROR, "typo in the zone name");
        assertVerdict(reply("127.255.255.1"), Outcome.UNKNOWN, ErrorKind.OPERATOR_ERROR, "list error code 127.255.255.1");
        assertVerdict(reply("127.0.0.2", "127.255.255.254"), Outcome.UNKNOWN, ErrorKind.OPERATOR_ERROR, "asked through a public or open resolver");
        assertVerdict(reply("127.0.0.1"), Outcome.UNKNOWN, ErrorKind.BAD_ANSWER, "127.0.0.1 is never a listing");
        assertVerdict(reply("198.51.100.7"), Outcome.UNKNOWN, ErrorKind.BAD_ANSWER, "answer outside 127.0.0.0/8 (rewriting resolver?)");
        Record txt = new TXTRecord(Name.fromString("x."), 1, 60, "listed");
        assertVerdict(new DnsReply(ReplyStatus.NOERROR, List.of(txt), 60, null), Outcome.UNKNOWN, ErrorKind.BAD_ANSWER, "not an A record");
        DnsblZone dbl = ZoneList.builtIn().all().get(1);
        assertThat(DnsblVerdict.interpret(dbl, reply("127.0.1.255"))).extracting(DnsblVerdict::outcome, DnsblVerdict::errorKind)
                .containsExactly(Outcome.UNKNOWN, ErrorKind.OPERATOR_ERROR);
    }

    private static DnsReply reply(String... codes) throws Exception {
        List<Record> records = new java.util.ArrayList<>();
        for (String code : codes) {
            records.add(new ARecord(Name.fromString("10.2.0.192.zen.spamhaus.org."), 1, 60, java.net.InetAddress.getByName(code)));
        }
        return new DnsReply(ReplyStatus.NOERROR, records, 60, null);
    }

    private static void assertVerdict(DnsReply reply, Outcome outcome, ErrorKind error, String meaning) {
        DnsblVerdict verdict = DnsblVerdict.interpret(ZEN, reply);
        assertThat(verdict.outcome()).isEqualTo(outcome);
        assertThat(verdict.errorKind()).isEqualTo(error);
        if (meaning != null) {
            assertThat(verdict.meaning()).isEqualTo(meaning);
        }
    }

    private static void assertReversed(String ip, String reversed) {
        assertThat(ReverseNames.reversed(ip)).isEqualTo(reversed);
    }

    private static void assertHelo(String helo, HeloNames.Form form, boolean fullyQualified, String problem) {
        HeloNames.Syntax syntax = HeloNames.check(helo);
        assertThat(syntax.form()).as("form of %s", helo).isEqualTo(form);
        assertThat(syntax.fullyQualified()).as("FQDN %s", helo).isEqualTo(fullyQualified);
        assertThat(syntax.problem()).as("problem of %s", helo).isEqualTo(problem);
    }

    private static void assertGeneric(String name, String ip, String why) {
        assertThat(GenericPtr.whyGeneric(name, ip)).as("%s for %s", name, ip).isEqualTo(why);
    }
}
