package org.mailtriage.model;

/**
 * The rows of the provider's troubleshooting guide (seed/GUIDE.md). Each maps to one remedy
 * and to the guide section the report cites.
 */
public enum GuideRule {
    BLOCKLISTED("blocklisted", "§5.6 / opening bounce", Remedy.REQUEST_DELISTING),
    NO_PTR("no_ptr", "§5.1", Remedy.SET_PTR),
    HELO_HOST_NOT_FOUND("helo_host_not_found", "§5.2", Remedy.FIX_HELO_DNS),
    HELO_NOT_FQDN("helo_not_fqdn", "§5.3", Remedy.USE_FQDN_HELO),
    HELO_INVALID_NAME("helo_invalid_name", "§5.4", Remedy.FIX_HELO_SYNTAX),
    DYNAMIC_IP("dynamic_ip", "§5.5", Remedy.USE_STATIC_IP_OR_SMARTHOST);

    private final String label;
    private final String section;
    private final Remedy remedy;

    GuideRule(String label, String section, Remedy remedy) {
        this.label = label;
        this.section = section;
        this.remedy = remedy;
    }

    public String label() {
        return label;
    }

    public String section() {
        return section;
    }

    public Remedy remedy() {
        return remedy;
    }

    public static GuideRule fromLabel(String label) {
        for (GuideRule rule : values()) {
            if (rule.label.equals(label)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown guide rule: " + label);
    }
}
