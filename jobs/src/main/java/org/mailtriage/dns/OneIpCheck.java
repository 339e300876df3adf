package org.mailtriage.dns;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** check-ip: self-test the zones that cover the IP, then every check of the IP (and of its HELO name). */
public final class OneIpCheck {
    private OneIpCheck() {
    }

    /** Self-test rows first, then the IP's checks, then the HELO name's (when given). */
    public static List<DnsAnswer> run(DnsClient client, ZoneList zones, String ip, String helo, Clock clock) {
        if (!ReverseNames.isIp(ip)) {
            throw new IllegalArgumentException("not an IP address: " + ip);
        }
        List<DnsblZone> covering = zones.enabled().stream().filter(zone -> zone.covers(ip)).toList();
        Checker tester = new Checker(client, covering, Map.of(), clock);
        List<DnsAnswer> answers = new ArrayList<>();
        for (DnsblZone zone : covering) {
            answers.addAll(tester.selfTest(zone).join());
        }
        Checker checker = new Checker(client, covering, Checker.brokenZones(answers), clock);
        answers.addAll(checker.checkIp(ip, Set.of()).join());
        if (helo != null) {
            answers.addAll(checker.checkHelo(helo, ip, Set.of()).join());
        }
        return answers;
    }
}
