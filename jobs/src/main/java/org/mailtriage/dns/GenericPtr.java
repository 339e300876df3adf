package org.mailtriage.dns;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a PTR name looks generic or dynamic: it embeds the IP's digits, or its host part has
 * words access providers use for end-user ranges (dyn, dsl, pool, dhcp, static…). Many receivers
 * refuse such names even when FCrDNS passes.
 */
public final class GenericPtr {
    private static final Set<String> WORDS = Set.of("dyn", "dynamic", "dynip", "dsl", "adsl", "xdsl", "vdsl", "sdsl", "pool",
            "dhcp", "dial", "dialup", "dialin", "ppp", "pppoe", "cable", "cpe", "client", "clients", "customer", "cust",
            "broadband", "static", "resident", "residential", "user", "users", "nat", "wireless", "wifi",
            "mobile", "ip", "unknown", "unassigned", "fiber", "ftth", "lte", "catv");

    private GenericPtr() {
    }

    /** A reason the name looks generic, or null when it does not. */
    public static String whyGeneric(String ptrName, String ip) {
        String name = DnsReply.withoutDot(ptrName.toLowerCase(Locale.ROOT));
        String[] labels = name.split("\\.");
        // The registered domain (last two labels) says nothing about the host.
        int hostLabels = Math.max(1, labels.length - 2);
        StringBuilder host = new StringBuilder();
        for (int i = 0; i < hostLabels && i < labels.length; i++) {
            host.append(labels[i]).append('.');
        }
        String hostPart = host.toString();
        if (embedsAddress(hostPart, ip)) {
            return "embeds the IP address";
        }
        for (String token : hostPart.split("[^a-z]+")) {
            if (WORDS.contains(token)) {
                return "contains '" + token + "'";
            }
        }
        return null;
    }

    private static boolean embedsAddress(String hostPart, String ip) {
        InetAddress address = ReverseNames.parse(ip);
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        String digitsOnly = hostPart.replaceAll("[^0-9a-f]+", " ");
        if (bytes.length == 4) {
            int[] octets = {bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff, bytes[3] & 0xff};
            String forward = octets[0] + " " + octets[1] + " " + octets[2] + " " + octets[3];
            String backward = octets[3] + " " + octets[2] + " " + octets[1] + " " + octets[0];
            String hex = String.format("%02x%02x%02x%02x", octets[0], octets[1], octets[2], octets[3]);
            String padded = " " + hostPart.replaceAll("[^0-9]+", " ") + " ";
            return padded.contains(" " + forward + " ") || padded.contains(" " + backward + " ")
                    || padded.contains(" " + String.format("%03d %03d %03d %03d", octets[0], octets[1], octets[2], octets[3]) + " ")
                    || (" " + digitsOnly + " ").contains(hex);
        }
        String reversedNibbles = ReverseNames.reversed(ip).replace(".", "");
        String forwardNibbles = new StringBuilder(reversedNibbles).reverse().toString();
        String compact = hostPart.replaceAll("[^0-9a-f]", "");
        return compact.contains(forwardNibbles.substring(16)) || compact.contains(reversedNibbles.substring(0, 16));
    }
}
