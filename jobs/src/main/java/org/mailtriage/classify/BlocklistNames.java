package org.mailtriage.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the blocklist a reply names: a DNSBL zone ("blocked using zen.spamhaus.org") or, where a
 * provider uses its own code instead, that code ("outlook S3150", "yahoo BL21", "netease DT:RBL").
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
    /** Provider codes that mean "your IP is on our (or a third-party) block list". Order: most specific first. */
    private static final List<String[]> PROVIDER_CODES = List.of(
            new String[] {"S3150", "outlook S3150"},
            new String[] {"S3140", "outlook S3140"},
            new String[] {"[BL21]", "yahoo BL21 (Spamhaus)"},
            new String[] {"[BL22]", "yahoo BL22"},
            new String[] {"[BL23]", "yahoo BL23 (Spamhaus XBL)"},
            new String[] {"RTR:BL", "aol RTR:BL"},
            new String[] {"BL000001", "comcast BL000001 (Spamhaus)"},
            new String[] {"BL000010", "comcast BL000010"},
            new String[] {"BL000100", "comcast BL000100"},
            new String[] {"BL000111", "comcast BL000111"},
            new String[] {"DT:RBL", "netease DT:RBL"},
            new String[] {"MI:RBL", "netease MI:RBL"},
            new String[] {"MI:IPB", "netease MI:IPB"},
            new String[] {"HL:IPB", "netease HL:IPB"},
            new String[] {"dnsbl-lookup.cgi", "proofpoint"},
            new String[] {"Spamhaus SBL", "spamhaus SBL"},
            new String[] {"Spamhaus XBL", "spamhaus XBL"},
            new String[] {"Spamhaus PBL", "spamhaus PBL"},
            new String[] {"Spamhaus's list", "spamhaus"},
            new String[] {"banned sending IP", "exchange online banned sending IP"});

    private BlocklistNames() {
    }

    /** The zone or provider code named in the text, or null. */
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
        for (String[] code : PROVIDER_CODES) {
            if (lower.contains(code[0].toLowerCase(Locale.ROOT))) {
                return code[1];
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
