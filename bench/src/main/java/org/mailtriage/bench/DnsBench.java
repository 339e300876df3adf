package org.mailtriage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.mailtriage.dns.DnsReply;
import org.mailtriage.dns.ReplyStatus;
import org.mailtriage.dns.ResolverSettings;
import org.mailtriage.dns.UdpResolver;
import org.xbill.DNS.Type;

/**
 * Throughput of {@link UdpResolver}: asks the A record of every name in a file (one per line) and
 * prints questions/s, answers by status and lost answers (no answer after every retry). A
 * benchmark main, not a test: bench/dns-bench.sh runs it beside adnshost against one rbldnsd.
 *
 * <pre>DnsBench SERVER NAMES_FILE [window] [rate/s, 0 = unpaced] [timeout ms] [retries]</pre>
 */
public final class DnsBench {
    private DnsBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: DnsBench host:port names-file [window] [rate] [timeout-ms] [retries]");
            System.exit(2);
        }
        List<String> names = Files.readAllLines(Path.of(args[1]), StandardCharsets.US_ASCII).stream().filter(line -> !line.isBlank()).toList();
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        Duration timeout = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 1000);
        int retries = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        ResolverSettings settings = new ResolverSettings(window, rate, timeout, retries, Duration.ofMillis(50), Map.of());
        // Warm-up: JIT and socket buffers, on a slice of the names.
        run(args[0], names.subList(0, Math.min(names.size(), 20000)), settings, false);
        run(args[0], names, settings, true);
    }

    private static void run(String server, List<String> names, ResolverSettings settings, boolean print) {
        Map<ReplyStatus, AtomicLong> byStatus = new java.util.EnumMap<>(ReplyStatus.class);
        for (ReplyStatus status : ReplyStatus.values()) {
            byStatus.put(status, new AtomicLong());
        }
        AtomicLong listed = new AtomicLong();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStarted = os.getProcessCpuTime();
        long started = System.nanoTime();
        try (UdpResolver resolver = new UdpResolver(UdpResolver.parseServer(server), settings)) {
            List<CompletableFuture<DnsReply>> pending = new ArrayList<>(names.size());
            for (String name : names) {
                pending.add(resolver.query(name, Type.A, null).whenComplete((reply, error) -> {
                    byStatus.get(reply.status()).incrementAndGet();
                    if (!reply.records().isEmpty()) {
                        listed.incrementAndGet();
                    }
                }));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStarted) / 1e9;
        if (print) {
            long lost = byStatus.get(ReplyStatus.TIMEOUT).get() + byStatus.get(ReplyStatus.NETWORK).get();
            System.out.printf("mailtriage UdpResolver: %d questions in %.2f s = %.0f questions/s, CPU %.2f s = %.1f us/question; window %d, rate %s; "
                            + "NOERROR %d (listed %d), NXDOMAIN %d, SERVFAIL %d, REFUSED %d, other %d; lost %d%n",
                    names.size(), seconds, names.size() / seconds, cpuSeconds, cpuSeconds * 1e6 / names.size(), settings.window(),
                    settings.ratePerSecond() == 0 ? "unpaced" : String.valueOf((long) settings.ratePerSecond()),
                    byStatus.get(ReplyStatus.NOERROR).get(), listed.get(), byStatus.get(ReplyStatus.NXDOMAIN).get(),
                    byStatus.get(ReplyStatus.SERVFAIL).get(), byStatus.get(ReplyStatus.REFUSED).get(),
                    byStatus.get(ReplyStatus.OTHER_RCODE).get(), lost);
        }
    }
}
