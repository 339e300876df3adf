package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * What the previous report date said, per server key ({@link ServerFacts#key()}): the remedies it
 * asked for and the lists it named. {@link #NONE} when there is no earlier report.
 */
public record PreviousReport(LocalDate date, Map<String, Server> servers) implements Serializable {
    public static final PreviousReport NONE = new PreviousReport(null, Map.of());

    /** One server's row in the previous report. */
    public record Server(Set<String> remedies, Set<String> listings) implements Serializable {
        public Server {
            remedies = Set.copyOf(remedies);
            listings = Set.copyOf(listings);
        }
    }

    public PreviousReport {
        servers = Map.copyOf(requireNonNull(servers, "servers is null"));
    }

    public Server find(String key) {
        return servers.get(key);
    }
}
