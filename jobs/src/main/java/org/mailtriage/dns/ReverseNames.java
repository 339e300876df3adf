package org.mailtriage.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * IP literals and their reversed forms (RFC 5782): IPv4 octets reversed, IPv6 as 32 reversed nibbles.
 * Never resolves anything: a string that is not an address literal is simply not an IP.
 */
public final class ReverseNames {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ReverseNames() {
    }

    public static boolean isIpv4(String text) {
        return text != null && Address.toByteArray(text, Address.IPv4) != null;
    }

    public static boolean isIpv6(String text) {
        return text != null && text.indexOf(':') >= 0 && Address.toByteArray(text, Address.IPv6) != null;
    }

    public static boolean isIp(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    /** The address of a literal, or null when the text is not one. */
    public static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = Address.toByteArray(text, Address.IPv4);
        if (bytes == null && text.indexOf(':') >= 0) {
            bytes = Address.toByteArray(text, Address.IPv6);
        }
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code 192.0.2.10} → {@code 10.2.0.192}; {@code 2001:db8::1} → 32 nibbles, lowest first. */
    public static String reversed(String ip) {
        InetAddress address = parse(ip);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address: " + ip);
        }
        byte[] bytes = address.getAddress();
        StringBuilder out = new StringBuilder(bytes.length == 4 ? 16 : 64);
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes.length == 4) {
                out.append(bytes[i] & 0xff);
            } else {
                out.append(HEX[bytes[i] & 0x0f]).append('.').append(HEX[(bytes[i] >> 4) & 0x0f]);
            }
            if (i > 0) {
                out.append('.');
            }
        }
        return out.toString();
    }

    /** The PTR question name: {@code 10.2.0.192.in-addr.arpa.} or the nibbles under {@code ip6.arpa.}. */
    public static String ptrName(String ip) {
        return reversed(ip) + (isIpv6(ip) ? ".ip6.arpa." : ".in-addr.arpa.");
    }

    /** Same address, whatever the spelling ({@code 2001:db8::1} and {@code 2001:DB8:0::1}). */
    public static boolean sameAddress(String left, String right) {
        InetAddress a = parse(left);
        InetAddress b = parse(right);
        return a != null && a.equals(b);
    }
}
