package org.mailtriage.report;

import java.util.Locale;

/**
 * The {@code dns_answers.check} values the report understands, and what a {@code fail} means for
 * each. Outcomes: {@code listed}/{@code not_listed} for blocklists, {@code pass}/{@code fail} for the
 * other checks, and {@code unknown} (timeout, SERVFAIL, operator error …) which never becomes a
 * finding. Checks the report does not know (sender-domain A/MX, SPF, DMARC) are carried by
 * {@code dns_answers} but do not change a server's remediation.
 */
public final class DnsChecks {
    /** DNSBL look-up of an IP in one zone. */
    public static final String DNSBL = "dnsbl";
    /** Reverse DNS: fail = no PTR record. {@code answers} holds the PTR names. */
    public static final String PTR = "ptr";
    /** Forward confirmation of the PTR names: fail = none resolves back to the IP. */
    public static final String FCRDNS = "fcrdns";
    /** Generic/dynamic-looking PTR names (IP digits, dsl, pool, dyn …): fail = they look generic. */
    public static final String PTR_GENERIC = "ptr_generic";
    /** HELO name syntax (RFC 1035/1123 or an address literal): fail = invalid. */
    public static final String HELO_SYNTAX = "helo_syntax";
    /** HELO name is fully qualified: fail = not an FQDN. */
    public static final String HELO_FQDN = "helo_fqdn";
    /** HELO name has A/AAAA records: fail = does not resolve. */
    public static final String HELO_RESOLVES = "helo_resolves";
    /** HELO name resolves to the sending IP ({@code peer_ip}): fail = points elsewhere. */
    public static final String HELO_MATCHES_IP = "helo_matches_ip";

    public static final String LISTED = "listed";
    public static final String NOT_LISTED = "not_listed";
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String UNKNOWN = "unknown";

    private DnsChecks() {
    }

    public static boolean isBlocklist(String check) {
        return check != null && check.toLowerCase(Locale.ROOT).startsWith(DNSBL);
    }
}
