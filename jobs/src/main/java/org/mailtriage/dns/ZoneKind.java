package org.mailtriage.dns;

import java.util.Locale;

/** What a blocklist zone is asked about. */
public enum ZoneKind {
    /** IP addresses, reversed (IPv4 octets, IPv6 nibbles) in front of the zone. */
    IP,
    /** Domain names in front of the zone (Spamhaus DBL and the like). */
    DOMAIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ZoneKind parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "ip" -> IP;
            case "domain" -> DOMAIN;
            default -> throw new IllegalArgumentException("zone kind must be ip or domain, not '" + text + "'");
        };
    }
}
