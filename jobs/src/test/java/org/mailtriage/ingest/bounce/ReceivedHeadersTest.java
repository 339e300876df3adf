package org.mailtriage.ingest.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedHeadersTest {
    @Test
    void readsHeloAndIpOfTheCommonWriters() {
        assertHop("from out1.example.com (out1.example.com [192.0.2.10]) by mx.example.net with ESMTP id ABC", "out1.example.com", "192.0.2.10");
        assertHop("from mail.example.invalid (out2.example.com [192.0.2.20]) by mx.example.org", "mail.example.invalid", "192.0.2.20");
        assertHop("from relay.example.com (HELO rr41.out.example.com) (192.0.2.4) by mx4.example.jp with SMTP", "rr41.out.example.com", "192.0.2.4");
        assertHop("from [192.0.2.135] (port=51580 helo=[192.0.2.203]) by smtp.example.ru with esmtpa", "192.0.2.203", "192.0.2.135");
        assertHop("from unknown (HELO mail4.example.co.jp) (192.0.2.123) by 0 with SMTP", "mail4.example.co.jp", "192.0.2.123");
        assertHop("from out3 (out3.example.com [IPv6:2001:db8:10::25]) by mx.example.edu", "out3", "2001:db8:10::25");
    }

    @Test
    void sendingHopSkipsLocalAndPrivateHops() {
        ReceivedHeaders.Hop hop = ReceivedHeaders.sendingHop(List.of(
                "from localhost (localhost [127.0.0.1]) by out1.example.com",
                "from laptop.example.com (laptop.example.com [10.1.2.3]) by out1.example.com",
                "from out1.example.com (out1.example.com [192.0.2.10]) by mx.example.net"));
        assertThat(hop).isEqualTo(new ReceivedHeaders.Hop("out1.example.com", "192.0.2.10"));
        assertThat(ReceivedHeaders.sendingHop(List.of("by mx.example.net (Postfix) id 123"))).isNull();
    }

    private static void assertHop(String received, String helo, String ip) {
        assertThat(ReceivedHeaders.parse(received)).as(received).isEqualTo(new ReceivedHeaders.Hop(helo, ip));
    }
}
