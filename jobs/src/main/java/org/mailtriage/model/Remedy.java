package org.mailtriage.model;

/** What the operator has to do, in the guide's words. */
public enum Remedy {
    REQUEST_DELISTING("request_delisting",
            "Look the IP up on the list named in the bounce and request delisting from its operator (in English), with the bounce as evidence."),
    SET_PTR("set_ptr",
            "Ask the hosting provider / IP owner to set a PTR record for the sending IP whose name resolves back to it."),
    FIX_HELO_DNS("fix_helo_dns",
            "Give a HELO/EHLO name that resolves in DNS (RFC 1035), ideally to the sending IP."),
    USE_FQDN_HELO("use_fqdn_helo",
            "Configure a fully-qualified domain name as the HELO/EHLO name (RFC 1035)."),
    FIX_HELO_SYNTAX("fix_helo_syntax",
            "Configure a syntactically valid host name as HELO/EHLO: letters, digits, hyphens and dots only."),
    USE_STATIC_IP_OR_SMARTHOST("use_static_ip_or_smarthost",
            "Send from a static, properly registered IP, or relay through a provider's smart host.");

    private final String label;
    private final String description;

    Remedy(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public static Remedy fromLabel(String label) {
        for (Remedy remedy : values()) {
            if (remedy.label.equals(label)) {
                return remedy;
            }
        }
        throw new IllegalArgumentException("unknown remedy: " + label);
    }
}
