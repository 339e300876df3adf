package org.mailtriage.dns;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link UdpResolver} paces itself.
 *
 * @param window most questions in flight at once
 * @param ratePerSecond global pacing, questions per second (0 = unpaced)
 * @param timeout how long one attempt waits for its answer
 * @param retries further attempts after the first times out
 * @param backoff wait before the first retry; doubled for each further one
 * @param zoneRates per rate key (zone name) questions per second
 */
public record ResolverSettings(int window, double ratePerSecond, Duration timeout, int retries, Duration backoff,
        Map<String, Double> zoneRates) implements Serializable {
    public static final ResolverSettings DEFAULT = new ResolverSettings(200, 1000, Duration.ofMillis(1500), 2,
            Duration.ofMillis(100), Map.of());

    public ResolverSettings {
        if (window < 1 || window > 30000) {
            throw new IllegalArgumentException("window must be 1..30000, not " + window);
        }
        if (ratePerSecond < 0 || retries < 0) {
            throw new IllegalArgumentException("rate and retries must not be negative");
        }
        requireNonNull(timeout, "timeout is null");
        requireNonNull(backoff, "backoff is null");
        zoneRates = Map.copyOf(zoneRates);
    }

    /** These settings with every rate divided by {@code parts}: one share per Spark partition. */
    public ResolverSettings shareOf(int parts) {
        if (parts <= 1) {
            return this;
        }
        Map<String, Double> shared = new java.util.HashMap<>();
        zoneRates.forEach((zone, rate) -> shared.put(zone, rate / parts));
        return new ResolverSettings(window, ratePerSecond / parts, timeout, retries, backoff, shared);
    }

    public ResolverSettings withZoneRates(Map<String, Double> rates) {
        return new ResolverSettings(window, ratePerSecond, timeout, retries, backoff, rates);
    }

    public ResolverSettings withRate(double rate) {
        return new ResolverSettings(window, rate, timeout, retries, backoff, zoneRates);
    }

    public ResolverSettings withWindow(int newWindow) {
        return new ResolverSettings(newWindow, ratePerSecond, timeout, retries, backoff, zoneRates);
    }

    public ResolverSettings withTimeout(Duration newTimeout, int newRetries, Duration newBackoff) {
        return new ResolverSettings(window, ratePerSecond, newTimeout, newRetries, newBackoff, zoneRates);
    }
}
