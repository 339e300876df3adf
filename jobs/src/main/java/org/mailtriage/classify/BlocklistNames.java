package org.mailtriage.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the DNSBL zone a reply names ("blocked using zen.spamhaus.org", "listed at bl.spamcop.net").
 * Where a provider names its list by its own code instead ("S3150", "[BL21]", "RBL 521"), the
 * provider-code table says which list that is.
 */
public final class BlocklistNames {
    /** Every match of ZONE_AFTER_KEYWORD contains one of these (lower-cased). */
    private static final List<String> KEYWORD_WORDS = List.of("listed", "found in", "black", "block", "rbl", "dnsbl");
    /** Every match of ZONE_ANYWHERE contains one of these (lower-cased). */
    private static final List<String> KNOWN_ZONES = List.of("spamhaus.org", "spamhaus.net", "spamcop.net", "barracudacentral.org",
            "sorbs.net", "abuseat.org", "uceprotect.net", "surriel.com", "mailspike.net", "s5h.net", "backscatterer.org",
            "anti-spam.org.cn", "spameatingmonkey.net", "dnswl.org", "senderscore.com", "justspam.org");
    private static final String ZONE = "([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)";
    private static final Pattern ZONE_AFTER_KEYWORD = Pattern.compile(
            "(?:blocked using|listed (?:in|on|at|by)(?: the)?|found in(?: dnsbl)?|black ?list(?:ed)? at|listed by domain"
                    + "|block ?list(?:ed)? at|rbl(?: list)?:|dnsbl:|in dnsbl)\\s+" + ZONE,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ZONE_ANYWHERE = Pattern.compile(
            "(?<![a-z0-9.-])((?:[a-z0-9-]+\\.)*(?:spamhaus\\.org|spamhaus\\.net|spamcop\\.net|barracudacentral\\.org|sorbs\\.net"
                    + "|abuseat\\.org|uceprotect\\.net|surriel\\.com|mailspike\\.net|s5h\\.net|backscatterer\\.org"
                    + "|anti-spam\\.org\\.cn|spameatingmonkey\\.net|dnswl\\.org|senderscore\\.com|justspam\\.org))",
            Pattern.CASE_INSENSITIVE);
    private BlocklistNames() {
    }

    /** The zone named in the text, or null. */
    public static String find(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        // The regexes try every position of the text; most replies hold none of the words they need.
        if (containsAny(lower, KEYWORD_WORDS)) {
            Matcher keyword = ZONE_AFTER_KEYWORD.matcher(text);
            while (keyword.find()) {
                String zone = keyword.group(1).toLowerCase(Locale.ROOT);
                if (!looksLikeAddress(zone)) {
                    return zone;
                }
            }
        }
        if (containsAny(lower, KNOWN_ZONES)) {
            Matcher known = ZONE_ANYWHERE.matcher(text);
            if (known.find()) {
                String name = known.group(1).toLowerCase(Locale.ROOT);
                // A link to the list's web site names the operator, not a zone: "www.spamhaus.org" → "spamhaus.org".
                return name.startsWith("www.") ? name.substring(4) : name;
            }
        }
        return null;
    }

    private static boolean containsAny(String lower, List<String> words) {
        for (String word : words) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeAddress(String candidate) {
        return candidate.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
