package org.mailtriage.dns;

/** The checks written to dns_answers, one row per check and subject. */
public enum CheckKind {
    /** Is the IP (or domain) on this blocklist zone. */
    DNSBL("dnsbl"),
    /** RFC 5782 test points of a zone: 127.0.0.2 (or the test domain) listed, 127.0.0.1 (or invalid) not. */
    DNSBL_SELF_TEST("dnsbl_self_test"),
    /** Does the IP have a PTR record (answers: the PTR names). */
    PTR("ptr"),
    /** Does one of the PTR names resolve back to the IP (answers: the confirmed names). */
    FCRDNS("fcrdns"),
    /** Do the PTR names look generic/dynamic (IP digits, dsl, pool, dyn…): fail when they do. */
    PTR_GENERIC("ptr_generic"),
    /** HELO name syntax: RFC 1035/1123 host name or an RFC 5321 address literal. */
    HELO_SYNTAX("helo_syntax"),
    /** HELO name is fully qualified (or an address literal). */
    HELO_FQDN("helo_fqdn"),
    /** HELO name has A/AAAA records (answers: the addresses). */
    HELO_RESOLVES("helo_resolves"),
    /** HELO name (or literal) points at the sending IP ({@code peer_ip}). */
    HELO_MATCHES_IP("helo_matches_ip"),
    /** Sender domain has A/AAAA records. */
    DOMAIN_A("domain_a"),
    /** Sender domain has MX records (answers: the exchanges). */
    DOMAIN_MX("domain_mx"),
    /** Sender domain publishes an SPF TXT record. */
    SPF("spf"),
    /** Sender domain publishes a DMARC TXT record at _dmarc. */
    DMARC("dmarc");

    private final String label;

    CheckKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The value a dns_answers row spells as {@code label}. */
    public static CheckKind fromLabel(String label) {
        for (CheckKind value : values()) {
            if (value.label.equals(label)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown check: " + label);
    }
}
