package org.mailtriage.cli;

import java.time.Duration;
import org.mailtriage.dns.ResolverSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The DNS options enrich and check-ip share. */
final class DnsOptions {
    static final class Source {
        @Option(names = "--dns-server", paramLabel = "HOST:PORT", description = "DNS server to ask (default: the system's first name server).")
        String server;

        @Option(names = "--dns-fixture", paramLabel = "FILE", description = "Answer from this DNS master file, with no network (e.g. data-samples/dns/fixture.zone).")
        String fixture;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source = new Source();

    @Option(names = "--zones", paramLabel = "CSV", description = "Blocklist zone file to use instead of the built-in one.")
    String zones;

    @Option(names = "--dns-rate", paramLabel = "N", defaultValue = "1000", description = "Questions per second, all executors together; 0 = unpaced (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--dns-window", paramLabel = "N", defaultValue = "200", description = "Questions in flight at once per executor task (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--dns-timeout-ms", paramLabel = "MS", defaultValue = "1500", description = "Wait for one attempt's answer (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--dns-retries", paramLabel = "N", defaultValue = "2", description = "Retries after a timeout, with doubling back-off (default: ${DEFAULT-VALUE}).")
    int retries;

    ResolverSettings settings() {
        return new ResolverSettings(window, rate, Duration.ofMillis(timeoutMillis), retries, Duration.ofMillis(100), java.util.Map.of());
    }

    String server() {
        return source == null ? null : source.server;
    }

    String fixture() {
        return source == null ? null : source.fixture;
    }
}
