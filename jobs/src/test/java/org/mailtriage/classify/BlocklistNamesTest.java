package org.mailtriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlocklistNamesTest {
    @Test
    void findsTheZoneOrProviderCode() {
        assertList("Client host [192.0.2.10] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.10", "zen.spamhaus.org");
        assertList("blocked using bl.spamcop.net.", "bl.spamcop.net");
        assertList("rejected because 192.0.2.10 is in a black list at dnsbl-1.uceprotect.net", "dnsbl-1.uceprotect.net");
        assertList("addr 203.0.113.66 listed by domain zen.spamhaus.org as 127.0.0.2", "zen.spamhaus.org");
        assertList("see https://www.spamcop.net/bl.shtml?192.0.2.20", "spamcop.net");
        // Provider codes name their list through the provider-code table (GuideRowsTest), not here.
        assertList("part of their network is on our block list (S3150)", null);
        assertList("550 5.1.1 user unknown", null);
        assertList("listed in 127.0.0.2", null);
    }

    private static void assertList(String text, String expected) {
        assertThat(BlocklistNames.find(text)).as(text).isEqualTo(expected);
    }
}
