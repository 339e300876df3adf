package org.mailtriage.dns;

/** The checks written to dns_answers, one row per check and subject. */
public enum CheckKind implements Labelled {
    /** Is the IP (or domain) on this blocklist zone. */
    DNSBL,
    /** RFC 5782 test points of a zone: 127.0.0.2 (or the test domain) listed, 127.0.0.1 (or invalid) not. */
    DNSBL_SELF_TEST,
    /** Does the IP have a PTR record (answers: the PTR names). */
    PTR,
    /** Does one of the PTR names resolve back to the IP (answers: the confirmed names). */
    FCRDNS,
    /** Do the PTR names look generic/dynamic (IP digits, dsl, pool, dyn…): fail when they do. */
    PTR_GENERIC,
    /** HELO name syntax: RFC 1035/1123 host name or an RFC 5321 address literal. */
    HELO_SYNTAX,
    /** HELO name is fully qualified (or an address literal). */
    HELO_FQDN,
    /** HELO name has A/AAAA records (answers: the addresses). */
    HELO_RESOLVES,
    /** HELO name (or literal) points at the sending IP ({@code peer_ip}). */
    HELO_MATCHES_IP,
    /**
     * Sender domain exists: its SOA is asked, and any answer but NXDOMAIN (a record, or none at a name below the apex)
     * means the name is in the DNS. NXDOMAIN: expired, deleted or mistyped (the guide's step 3: "the domain configured
     * on the problem server is valid and not expired").
     */
    DOMAIN_EXISTS,
    /** Sender domain has A/AAAA records. */
    DOMAIN_A,
    /** Sender domain has MX records (answers: the exchanges). */
    DOMAIN_MX,
    /** Sender domain publishes an SPF TXT record. */
    SPF,
    /** Sender domain publishes a DMARC TXT record at _dmarc. */
    DMARC;

    /** The value a dns_answers row spells as {@code label}. */
    public static CheckKind fromLabel(String label) {
        return Labelled.parse(CheckKind.class, label, "check");
    }
}
