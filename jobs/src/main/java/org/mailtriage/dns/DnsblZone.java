package org.mailtriage.dns;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Map;

/**
 * One blocklist zone, as read from zones.csv.
 *
 * @param codes return code (an address in 127.0.0.0/8) → meaning; key {@code *} gives the meaning of any other code
 * @param errorCodes the list's own error answers, which are never listings
 * @param keyTemplate null, or the zone to ask when the environment variable {@code keyEnvironment} holds a key
 * @param ratePerSecond 0 when the zone has no limit of its own
 */
public record DnsblZone(
        String name,
        ZoneKind kind,
        boolean ipv6,
        boolean enabled,
        Map<String, String> codes,
        Map<String, ErrorCode> errorCodes,
        String removalUrl,
        String keyTemplate,
        String keyEnvironment,
        double ratePerSecond,
        String testListed,
        String testNotListed) implements Serializable {
    /** What a DQS key is replaced by wherever text leaves the resolver. */
    public static final String REDACTED_KEY = "<DQS key>";

    /** A list's own error answer: what kind of error, and what the list documents it as. */
    public record ErrorCode(ErrorKind kind, String meaning) implements Serializable {
        public ErrorCode {
            requireNonNull(kind, "kind is null");
            requireNonNull(meaning, "meaning is null");
        }
    }

    public DnsblZone {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        codes = Map.copyOf(codes);
        errorCodes = Map.copyOf(errorCodes);
        requireNonNull(testListed, "testListed is null");
        requireNonNull(testNotListed, "testNotListed is null");
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate_per_second of " + name + " is negative");
        }
    }

    /** Whether this zone is asked about this subject at all (IPv6 only where the list supports it). */
    public boolean covers(String subject) {
        return switch (kind) {
            case IP -> ReverseNames.isIp(subject) && (ipv6 || !ReverseNames.isIpv6(subject));
            case DOMAIN -> !ReverseNames.isIp(subject);
        };
    }

    /**
     * The zone as asked: the DQS form when its key variable is set, else the public name. Keep the
     * result out of logs and tables; {@link #name()} is what they show.
     */
    public String zoneToAsk() {
        return zoneToAsk(System::getenv);
    }

    /** {@link #zoneToAsk()} with the environment given (tests). */
    String zoneToAsk(java.util.function.UnaryOperator<String> environment) {
        if (keyTemplate == null || keyEnvironment == null) {
            return name;
        }
        String key = environment.apply(keyEnvironment);
        return key == null || key.isBlank() ? name : keyTemplate.replace("{key}", key.strip());
    }

    /**
     * The text with this zone's DQS key (when one is set) replaced by {@code <DQS key>}: for whatever a
     * resolver or list says back (error details, TXT), which may echo the name asked.
     */
    public String redact(String text) {
        return redact(text, System::getenv);
    }

    /** {@link #redact(String)} with the environment given (tests). */
    String redact(String text, java.util.function.UnaryOperator<String> environment) {
        if (text == null || keyTemplate == null || keyEnvironment == null) {
            return text;
        }
        String key = environment.apply(keyEnvironment);
        if (key == null || key.isBlank()) {
            return text;
        }
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(key.strip()), java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(REDACTED_KEY));
    }

    /** The removal/lookup page for one subject ({@code {subject}} in the URL is replaced). */
    public String removalUrlFor(String subject) {
        return removalUrl == null ? null : removalUrl.replace("{subject}", subject);
    }
}
