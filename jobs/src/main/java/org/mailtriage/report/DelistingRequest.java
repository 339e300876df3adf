package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.dns.Outcome;

/**
 * One row of {@code delisting_requests}: the evidence a list operator asks for (guide step 7) for one
 * IP on one list, and the English text to send them.
 *
 * @param listSource bounce (named in refusals), dns (a look-up shows it listed) or bounce_and_dns
 * @param listOutcome the list's answer: listed, not_listed, unknown, or null when it was not asked
 */
public record DelistingRequest(
        ServerRole role,
        String ip,
        String serverName,
        String list,
        String listSource,
        String removalUrl,
        String removalUrlSource,
        Outcome listOutcome,
        List<String> returnCodes,
        String meaning,
        String txt,
        Instant checkedAt,
        Instant firstBounce,
        Instant lastBounce,
        long bounceCount,
        List<Sample> sampleBounces,
        List<String> evidenceEventIds,
        String summary) implements Serializable {
    public static final int MAX_SAMPLES = 3;

    public DelistingRequest {
        requireNonNull(role, "role is null");
        requireNonNull(ip, "ip is null");
        requireNonNull(list, "list is null");
        requireNonNull(listSource, "listSource is null");
        requireNonNull(summary, "summary is null");
        returnCodes = List.copyOf(returnCodes);
        sampleBounces = List.copyOf(sampleBounces);
        evidenceEventIds = List.copyOf(evidenceEventIds);
        if (sampleBounces.size() > MAX_SAMPLES) {
            throw new IllegalArgumentException("at most " + MAX_SAMPLES + " sample bounces");
        }
    }
}
