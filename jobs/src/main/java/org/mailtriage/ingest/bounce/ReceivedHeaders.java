package org.mailtriage.ingest.bounce;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.model.Addresses;

/**
 * Reads the "from" clause of Received lines: the HELO name the sender gave and the IP the
 * receiver saw. Covers the common writers: Postfix/Sendmail {@code from HELO (ptr [IP])}, qmail
 * {@code from ptr (HELO name) (IP)}, Exim {@code from ptr ([IP]) (helo=name)}.
 */
public final class ReceivedHeaders {
    private static final Pattern FROM_CLAUSE = Pattern.compile("(?is)^\\s*from\\s+(\\S+)(.*?)(?:\\sby\\s|;|$)");
    private static final Pattern EXPLICIT_HELO = Pattern.compile("(?i)(?:\\(|\\s)(?:helo|ehlo)[ =]+\\[?([^\\s()\\]]+)\\]?");
    private static final Pattern BRACKETED_IP = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]{3,45})\\]");
    private static final Pattern PRIVATE_172 = Pattern.compile("172\\.(1[6-9]|2\\d|3[01])\\..*");
    private static final Pattern PARENTHESISED_IP = Pattern.compile("\\((?:[^()]*?\\s)?\\[?((?:\\d{1,3}\\.){3}\\d{1,3})\\]?(?:[\\s:)])");

    /** The sending side of one hop. */
    public record Hop(String heloName, String ip) {
    }

    private ReceivedHeaders() {
    }

    /** The first hop (topmost Received line) that names a public IP, or null. */
    public static Hop sendingHop(List<String> receivedValues) {
        for (String value : receivedValues) {
            Hop hop = parse(value);
            if (hop != null && hop.ip() != null && !isLocal(hop.ip())) {
                return hop;
            }
        }
        return null;
    }

    public static Hop parse(String received) {
        Matcher clause = FROM_CLAUSE.matcher(received);
        if (!clause.lookingAt()) {
            return null;
        }
        String fromName = clause.group(1);
        String rest = clause.group(2);
        String helo = null;
        Matcher explicit = EXPLICIT_HELO.matcher(rest);
        if (explicit.find()) {
            helo = explicit.group(1);
        }
        String ip = null;
        Matcher bracketed = BRACKETED_IP.matcher(fromName + " " + rest);
        while (bracketed.find()) {
            if (Addresses.looksLikeIp(bracketed.group(1))) {
                ip = Addresses.normalizeIp(bracketed.group(1));
                break;
            }
        }
        if (ip == null) {
            Matcher parenthesised = PARENTHESISED_IP.matcher(rest + " ");
            if (parenthesised.find() && Addresses.looksLikeIp(parenthesised.group(1))) {
                ip = parenthesised.group(1);
            }
        }
        if (helo == null && !fromName.startsWith("[") && !fromName.startsWith("(")
                && !fromName.equalsIgnoreCase("unknown") && !fromName.startsWith("qmail")) {
            // Postfix and Sendmail write the HELO name first and the PTR name in the parentheses.
            helo = fromName;
        }
        if (helo != null) {
            helo = helo.replace("[", "").replace("]", "");
            if (helo.isEmpty()) {
                helo = null;
            }
        }
        return new Hop(helo, ip);
    }

    static boolean isLocal(String ip) {
        String value = ip.toLowerCase(Locale.ROOT);
        return value.startsWith("127.") || value.equals("::1") || value.startsWith("10.") || value.startsWith("192.168.")
                || PRIVATE_172.matcher(value).matches() || value.startsWith("fe80:");
    }
}
