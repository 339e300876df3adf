package org.mailtriage.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.model.Addresses;

/**
 * Finds our sending IP in a remote server's reply: receivers usually quote it as
 * "client [IP]", "Client host [IP]", or just "[IP]". The remote server's own address (which
 * Postfix prints as "host mx[IP] said") is never taken.
 */
public final class SendingIps {
    private static final String IPV4 = "(?:\\d{1,3}\\.){3}\\d{1,3}";
    private static final String IPV6 = "(?:IPv6:)?[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::" + IPV4 + ")?";
    private static final Pattern CLIENT_BRACKETED = Pattern.compile(
            "client(?: host)?\\s*\\[(" + IPV4 + "|" + IPV6 + ")\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern BRACKETED = Pattern.compile("\\[(" + IPV4 + "|" + IPV6 + ")\\]");
    private static final Pattern BARE_IPV4 = Pattern.compile("(?<![\\d.])(" + IPV4 + ")(?![\\d.]*\\d)");

    private SendingIps() {
    }

    /** Our IP as the receiver quoted it, or null. */
    public static String fromReply(String reply, String remoteIp) {
        if (reply == null || reply.isEmpty()) {
            return null;
        }
        // Both bracketed forms need a '[' and every IPv4 form a '.': most replies are spared the regexes.
        boolean bracket = reply.indexOf('[') >= 0;
        String found = bracket ? first(CLIENT_BRACKETED.matcher(reply), remoteIp) : null;
        if (found == null && bracket) {
            found = first(BRACKETED.matcher(reply), remoteIp);
        }
        if (found == null && hasDottedQuad(reply)) {
            found = first(BARE_IPV4.matcher(reply), remoteIp);
        }
        return found;
    }

    /**
     * True when the text holds four digit groups joined by single dots ("d.d.d.d"), which every match of BARE_IPV4
     * contains; false means the regex cannot match. Nearly every reply has a '.' (its status, "5.1.1"), few a dotted
     * quad, and the regex's look-behind tried at every position was half of this class's CPU in a profile of a 1 GB
     * ingest (issue 15).
     */
    static boolean hasDottedQuad(String text) {
        int groups = 0;
        boolean inGroup = false;
        for (int position = 0; position < text.length(); position++) {
            char character = text.charAt(position);
            if (character >= '0' && character <= '9') {
                if (!inGroup) {
                    inGroup = true;
                    if (++groups == 4) {
                        return true;
                    }
                }
            } else if (character == '.' && inGroup) {
                inGroup = false;  // a group ended by a dot: the next digit continues the chain
            } else {
                groups = 0;
                inGroup = false;
            }
        }
        return false;
    }

    private static String first(Matcher matcher, String remoteIp) {
        while (matcher.find()) {
            String candidate = Addresses.normalizeIp(matcher.group(1));
            if (Addresses.looksLikeIp(candidate) && !candidate.equals(remoteIp) && !candidate.startsWith("127.")
                    && !candidate.equals("0.0.0.0")) {
                return candidate;
            }
        }
        return null;
    }
}
