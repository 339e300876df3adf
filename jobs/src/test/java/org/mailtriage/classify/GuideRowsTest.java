package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailtriage.model.Classification;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Reason;
import org.mailtriage.model.Remedy;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;

/**
 * The guide (seed/GUIDE.md) is the rule book: each of its rows must classify exactly as it says,
 * with the remedy it names. Also the provider wordings of DNSBL.md, including look-alikes that are
 * not what they seem.
 */
class GuideRowsTest {
    private static final Classifier CLASSIFIER = Classifier.withDefaultRules();

    @Test
    void theOpeningBounceAndItsWordings() {
        assertGuide("550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org",
                GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, "zen.spamhaus.org");
        assertGuide("550 5.7.1 Service unavailable; client [192.0.2.10] in a DNS blacklist", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, null);
        assertGuide("550 5.7.1 client [192.0.2.10] in the RBL", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, null);
        assertGuide("550 5.7.1 client [192.0.2.10] is filtered by RBL", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, null);
        assertGuide("550 5.7.1 client [192.0.2.10] is listed in RBL", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, null);
    }

    @Test
    void section51NoPtr() {
        Classification result = assertGuide("450 4.7.1 Client host rejected: cannot find your hostname", GuideRule.NO_PTR, Remedy.SET_PTR, null);
        assertThat(result.reason()).isEqualTo(Reason.REQUIREPTR);
    }

    @Test
    void section52HeloHostNotFound() {
        assertGuide("450 4.7.1 Helo command rejected: Host not found", GuideRule.HELO_HOST_NOT_FOUND, Remedy.FIX_HELO_DNS, null);
    }

    @Test
    void section53HeloNotFqdn() {
        assertGuide("504 5.5.2 Helo command rejected: need fully-qualified hostname", GuideRule.HELO_NOT_FQDN, Remedy.USE_FQDN_HELO, null);
    }

    @Test
    void section54HeloInvalidName() {
        assertGuide("501 5.5.2 Helo command rejected: Invalid name", GuideRule.HELO_INVALID_NAME, Remedy.FIX_HELO_SYNTAX, null);
    }

    @Test
    void section55DynamicIp() {
        assertGuide("554 5.7.1 Recipient address rejected: Dynamic IP", GuideRule.DYNAMIC_IP, Remedy.USE_STATIC_IP_OR_SMARTHOST, null);
    }

    @Test
    void section56ServiceUnavailable() {
        assertGuide("554 5.7.1 Service unavailable;", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, null);
    }

    @Test
    void providerBlocklistWordingsNameTheirList() {
        assertGuide("550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet service provider "
                + "since part of their network is on our block list (S3150).", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, "outlook S3150");
        assertGuide("553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.10, because the ip is in Spamhaus's list; see "
                + "https://postmaster.example/error-codes", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, "yahoo BL21 (Spamhaus)");
        assertGuide("554 5.7.1 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.10",
                GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, "proofpoint");
        assertGuide("550 5.7.606 Access denied, banned sending IP [192.0.2.10]", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING,
                "exchange online banned sending IP");
        assertGuide("550 MI:IPB 192.0.2.10", GuideRule.BLOCKLISTED, Remedy.REQUEST_DELISTING, "netease MI:IPB");
    }

    @Test
    void providerPtrWordings() {
        assertGuide("550-5.7.25 [192.0.2.10] The IP address sending this message does not have a PTR record setup, or the corresponding "
                + "forward DNS entry does not point to the sending IP. 550 5.7.25 As a policy, Gmail does not accept messages from IPs "
                + "with missing PTR records.", GuideRule.NO_PTR, Remedy.SET_PTR, null);
        assertGuide("421 4.7.23 The sending IP 192.0.2.10 does not have a PTR record", GuideRule.NO_PTR, Remedy.SET_PTR, null);
        assertGuide("550 5.7.25 Service unavailable, sending IP [192.0.2.10] must have a reverse DNS record", GuideRule.NO_PTR, Remedy.SET_PTR, null);
    }

    @Test
    void lookAlikesThatAreNotServerFixes() {
        // NetEase RP:RDN: the recipient does not exist; nothing to do with reverse DNS.
        Classification rdn = CLASSIFIER.classify(Reply.parse("550 RP:RDN 163 mx14, the recipient address does not exist", SmtpStage.RCPT));
        assertThat(rdn.guideRule()).isNull();
        assertThat(rdn.reason()).isEqualTo(Reason.USERUNKNOWN);
        // Reputation and rate limits are not blocklist listings.
        Classification rate = CLASSIFIER.classify(Reply.parse(
                "421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address", SmtpStage.DATA));
        assertThat(rate.guideRule()).isNull();
        // Content refusals are not blocklist listings.
        Classification content = CLASSIFIER.classify(Reply.parse("550 DT:SPM 163 smtp14, message is spam", SmtpStage.DATA));
        assertThat(content.guideRule()).isNull();
        assertThat(content.reason()).isEqualTo(Reason.SPAMDETECTED);
        // A sender address that is not fully qualified is not a HELO problem.
        Classification sender = CLASSIFIER.classify(Reply.parse(
                "504 5.5.2 <root>: Sender address rejected: need fully-qualified address", SmtpStage.RCPT));
        assertThat(sender.guideRule()).isNull();
        assertThat(sender.reason()).isEqualTo(Reason.REJECTED);
    }

    private static Classification assertGuide(String reply, GuideRule guideRule, Remedy remedy, String blocklist) {
        Classification result = CLASSIFIER.classify(Reply.parse(reply, SmtpStage.RCPT));
        assertThat(result.guideRule()).as("guide rule of %s", reply).isEqualTo(guideRule);
        assertThat(result.remedy()).as("remedy of %s", reply).isEqualTo(remedy);
        if (blocklist != null) {
            assertThat(result.blocklist()).as("blocklist named in %s", reply).isEqualTo(blocklist);
        }
        return result;
    }
}
