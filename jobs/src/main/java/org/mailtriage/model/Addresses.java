package org.mailtriage.model;

import java.util.Locale;

/** Small helpers for mail addresses and IP literals as they appear in logs. */
public final class Addresses {
    private Addresses() {
    }

    /** The lower-cased domain of an address, or null for the null sender and bare local parts. */
    public static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        String domain = address.substring(at + 1).strip();
        if (domain.endsWith(">")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.isEmpty() ? null : domain.toLowerCase(Locale.ROOT);
    }

    /** Strips angle brackets; the empty envelope sender ("<>") becomes null. */
    public static String unbracket(String address) {
        if (address == null) {
            return null;
        }
        String stripped = address.strip();
        if (stripped.startsWith("<") && stripped.endsWith(">")) {
            stripped = stripped.substring(1, stripped.length() - 1).strip();
        }
        return stripped.isEmpty() ? null : stripped;
    }

    /** "IPv6:2001:db8::1" → "2001:db8::1"; anything else unchanged. Lower-cases IPv6. */
    public static String normalizeIp(String ip) {
        if (ip == null) {
            return null;
        }
        String value = ip.strip();
        if (value.regionMatches(true, 0, "IPv6:", 0, 5)) {
            value = value.substring(5);
        }
        return value.isEmpty() ? null : value.toLowerCase(Locale.ROOT);
    }

    /** True for dotted-quad IPv4 and for strings that look like IPv6 (hex groups and colons). */
    public static boolean looksLikeIp(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (value.indexOf(':') >= 0) {
            return value.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0) && value.length() >= 2;
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
