package org.mailtriage.dns;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HELO/EHLO argument rules (RFC 5321 §4.1.1.1, RFC 1035/1123): a host name, or an address literal
 * {@code [192.0.2.1]} / {@code [IPv6:2001:db8::1]}.
 */
public final class HeloNames {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    /** The form of a HELO argument. */
    public enum Form {
        HOST_NAME,
        IPV4_LITERAL,
        IPV6_LITERAL,
        INVALID
    }

    /** @param problem why the name is invalid or not fully qualified, else null */
    public record Syntax(Form form, String literalAddress, boolean fullyQualified, String problem) {
    }

    private HeloNames() {
    }

    public static Syntax check(String helo) {
        if (helo == null || helo.isEmpty()) {
            return new Syntax(Form.INVALID, null, false, "empty");
        }
        if (helo.startsWith("[") && helo.endsWith("]")) {
            String inner = helo.substring(1, helo.length() - 1);
            if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
                String address = inner.substring(5);
                return ReverseNames.isIpv6(address) ? new Syntax(Form.IPV6_LITERAL, address, true, null)
                        : new Syntax(Form.INVALID, null, false, "bad IPv6 address literal");
            }
            return ReverseNames.isIpv4(inner) ? new Syntax(Form.IPV4_LITERAL, inner, true, null)
                    : new Syntax(Form.INVALID, null, false, "bad address literal");
        }
        if (ReverseNames.isIp(helo)) {
            return new Syntax(Form.INVALID, null, false, "bare IP address (must be written as a literal in brackets)");
        }
        if (!helo.chars().allMatch(c -> c < 128)) {
            return new Syntax(Form.INVALID, null, false, "non-ASCII characters");
        }
        String name = helo.endsWith(".") ? helo.substring(0, helo.length() - 1) : helo;
        if (name.length() > 253) {
            return new Syntax(Form.INVALID, null, false, "longer than 253 characters");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return new Syntax(Form.INVALID, null, false, "empty label");
            }
            if (!LABEL.matcher(label).matches()) {
                return new Syntax(Form.INVALID, null, false,
                        label.length() > 63 ? "label longer than 63 characters" : "label '" + label + "' is not letters, digits and inner hyphens");
            }
        }
        if (labels.length < 2) {
            return new Syntax(Form.HOST_NAME, null, false, "not fully qualified (no domain)");
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return new Syntax(Form.HOST_NAME, null, false, "top-level label is numeric");
        }
        return new Syntax(Form.HOST_NAME, null, true, null);
    }

    /** The name as asked: lower case, no trailing dot. */
    public static String normalize(String helo) {
        String name = helo.strip().toLowerCase(Locale.ROOT);
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
