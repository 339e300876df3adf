package org.mailtriage.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.mailtriage.dns.ReverseNames;

/**
 * Writes a set of N distinct IPs for the DNS benchmark, seeded, and the rbldnsd data that lists a chosen
 * share of them, so that the benchmark asks a set of known size with a known number of "listed" answers:
 * <ul>
 *   <li>{@code ips.txt}: the IPs, one per line, in random order;</li>
 *   <li>{@code names.txt}: the DNSBL question for each IP (reversed octets or nibbles) under the zone;</li>
 *   <li>{@code v4.data} (rbldnsd ip4set) and {@code v6.data} (rbldnsd ip6trie): the listed IPs, answering
 *       127.0.0.2; every other question is NXDOMAIN.</li>
 * </ul>
 * IPv4 addresses come from the three documentation /24s only (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24: at most 762 distinct host addresses), IPv6 from 2001:db8::/32, so a large set is
 * mostly IPv6. Serve it with {@code rbldnsd -b 127.0.0.8/53 -r DIR ZONE:ip4set:v4.data ZONE:ip6trie:v6.data}.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.mailtriage.bench.DnsSetGenerator DIR COUNT [LISTED_SHARE=0.06] [IPV4_SHARE=0.2] [ZONE=bench.test] [SEED]</pre>
 *
 * Prints one line: "COUNT ips (V4 IPv4, V6 IPv6), LISTED listed, zone ZONE".
 */
public final class DnsSetGenerator {
    /** Host addresses of the documentation /24s: .1 to .254 of each. */
    static final int IPV4_CAPACITY = 3 * 254;
    private static final String[] IPV4_NETWORKS = {"192.0.2.", "198.51.100.", "203.0.113."};

    /** What was written. */
    public record Summary(int ipv4, int ipv6, int listed, String zone) {
        @Override
        public String toString() {
            return String.format("%d ips (%d IPv4, %d IPv6), %d listed, zone %s", ipv4 + ipv6, ipv4, ipv6, listed, zone);
        }
    }

    private DnsSetGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: DnsSetGenerator DIR COUNT [LISTED_SHARE=0.06] [IPV4_SHARE=0.2] [ZONE=bench.test] [SEED]");
            System.exit(2);
        }
        Summary summary = write(Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Double.parseDouble(args[2]) : 0.06,
                args.length > 3 ? Double.parseDouble(args[3]) : 0.2, args.length > 4 ? args[4] : "bench.test",
                args.length > 5 ? Long.parseLong(args[5]) : 20261126L);
        System.out.println(summary);
    }

    public static Summary write(Path directory, int count, double listedShare, double ipv4Share, String zone, long seed) throws IOException {
        if (count < 1 || listedShare < 0 || listedShare > 1 || ipv4Share < 0 || ipv4Share > 1) {
            throw new IllegalArgumentException("count must be positive, shares between 0 and 1");
        }
        Random random = new Random(seed);
        int ipv4Count = (int) Math.min(Math.round(count * ipv4Share), IPV4_CAPACITY);
        List<String> ipv4 = new ArrayList<>();
        for (String network : IPV4_NETWORKS) {
            for (int host = 1; host <= 254; host++) {
                ipv4.add(network + host);
            }
        }
        Collections.shuffle(ipv4, random);
        ipv4 = ipv4.subList(0, ipv4Count);
        Set<String> ipv6 = new LinkedHashSet<>();
        while (ipv6.size() < count - ipv4Count) {
            // 2001:db8: then six random groups, lower case, no zero compression.
            StringBuilder address = new StringBuilder("2001:db8");
            for (int group = 0; group < 6; group++) {
                address.append(':').append(Integer.toHexString(random.nextInt(65536)));
            }
            ipv6.add(address.toString());
        }
        List<String> all = new ArrayList<>(ipv4);
        all.addAll(ipv6);
        Collections.shuffle(all, random);
        int listedCount = (int) Math.round(count * listedShare);
        // The first listedCount of the shuffled set are listed: a random sample of both families.
        List<String> listed = all.subList(0, listedCount);
        Files.createDirectories(directory);
        try (PrintWriter ips = writer(directory.resolve("ips.txt")); PrintWriter names = writer(directory.resolve("names.txt"))) {
            List<String> order = new ArrayList<>(all);
            Collections.shuffle(order, random);
            for (String ip : order) {
                ips.println(ip);
                names.println(questionName(ip, zone));
            }
        }
        try (PrintWriter v4 = zoneWriter(directory.resolve("v4.data"), zone); PrintWriter v6 = zoneWriter(directory.resolve("v6.data"), zone)) {
            for (String ip : listed) {
                (ip.contains(":") ? v6 : v4).println(ip);
            }
        }
        return new Summary(ipv4.size(), ipv6.size(), listedCount, zone);
    }

    /** The DNSBL question for an IP: reversed octets (IPv4) or the 32 reversed nibbles (IPv6), under the zone. */
    static String questionName(String ip, String zone) {
        return ReverseNames.reversed(ip) + "." + zone;
    }

    private static PrintWriter writer(Path path) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.US_ASCII));
    }

    private static PrintWriter zoneWriter(Path path, String zone) throws IOException {
        PrintWriter out = writer(path);
        out.println("$SOA 60 ns." + zone + ". hostmaster." + zone + ". 1 3600 600 86400 60");
        out.println("$NS 60 ns." + zone + ".");
        out.println("$TTL 60");
        out.println(":127.0.0.2:listed $");
        return out;
    }
}
