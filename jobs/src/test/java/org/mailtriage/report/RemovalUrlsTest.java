package org.mailtriage.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemovalUrlsTest {
    private static final RemovalUrls URLS = RemovalUrls.loadDefault();

    @Test
    void everyEntryIsReachedByAListName() {
        // One list name per data row, in file order: each must be served by its own row (first match wins).
        List<String> names = List.of("zen.spamhaus.org", "cbl.abuseat.org", "bl.spamcop.net", "b.barracudacentral.org",
                "dnsbl-1.uceprotect.net", "psbl.surriel.com", "bl.mailspike.net", "ips.backscatterer.org", "outlook S3150",
                "exchange online banned sending IP", "proofpoint");
        assertThat(names).hasSameSizeAs(URLS.entries());
        for (int index = 0; index < names.size(); index++) {
            RemovalUrls.Entry entry = URLS.entries().get(index);
            String name = names.get(index);
            assertThat(URLS.known(name, "192.0.2.10")).as(name).isEqualTo(entry.urlTemplate().replace("{ip}", "192.0.2.10"));
            assertThat(URLS.entries().stream().filter(candidate -> candidate.matches(name)).findFirst()).as(name).contains(entry);
        }
    }

    @Test
    void providerCodesThatNameSpamhausGoToSpamhaus() {
        assertThat(URLS.known("yahoo BL21 (Spamhaus)", "192.0.2.10")).isEqualTo("https://check.spamhaus.org/");
        assertThat(URLS.known("netease DT:RBL", "192.0.2.10")).isNull();
        assertThat(URLS.known(null, "192.0.2.10")).isNull();
    }

    @Test
    void zoneDataBeatsTxtBeatsKnownListBeatsBounceText() {
        assertThat(URLS.find("psbl.surriel.com", "192.0.2.20", "https://psbl.org/listing?ip=192.0.2.20", "see https://example.org/x", List.of()))
                .isEqualTo(new RemovalUrls.Found("https://psbl.org/listing?ip=192.0.2.20", "zone_data"));
        assertThat(URLS.find("bl.spamcop.net", "192.0.2.20", null, "Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.20.", List.of()))
                .isEqualTo(new RemovalUrls.Found("https://www.spamcop.net/bl.shtml?192.0.2.20", "dns_txt"));
        assertThat(URLS.find("bl.spamcop.net", "192.0.2.20", null, "no url here", List.of("see http://mail.example/delist")))
                .isEqualTo(new RemovalUrls.Found("https://www.spamcop.net/bl.shtml?192.0.2.20", "known_list"));
        assertThat(URLS.find("netease DT:RBL", "192.0.2.20", null, null, List.of("no url", "refer to http://mail.example/delist).")))
                .isEqualTo(new RemovalUrls.Found("http://mail.example/delist", "bounce_text"));
        assertThat(URLS.find("netease DT:RBL", "192.0.2.20", null, null, List.of("javascript:alert(1)"))).isNull();
    }

    @Test
    void badUrlInDataIsRejected() {
        assertThatThrownBy(() -> RemovalUrls.read(new StringReader("match,url,note\nx,ftp://example.invalid/,\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an http(s) URL");
    }
}
