package org.mailtriage.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.mailtriage.dns.DnsReply;
import org.mailtriage.dns.ReplyStatus;
import org.mailtriage.dns.ResolverSettings;
import org.mailtriage.dns.UdpResolver;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Throughput of {@link UdpResolver} beside dnsjava's own asynchronous resolver, in one run: each asks the A record of every
 * name in a file (one per line) and prints questions/s, CPU per question, answers by status and lost answers (no answer
 * after every retry). dnsjava runs as it comes: {@link SimpleResolver} inside an {@link ExtendedResolver} (its retries),
 * {@code sendAsync}, and its {@link LookupSession} over the same resolver, each with the same bounded number of questions in
 * flight (a semaphore) and the same timeout and retries.
 * A benchmark main, not a test: bench/dns-bench.sh runs it against one loopback rbldnsd.
 *
 * <pre>DnsBench SERVER NAMES_FILE [window] [rate/s, 0 = unpaced] [timeout ms] [retries] [resolvers: udp,dnsjava,lookupsession]</pre>
 */
public final class DnsBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private DnsBench() {
    }

    /** One resolver under test: asks every name, calls back once per name with its reply. */
    private interface Asker {
        void askAll(List<String> names, Consumer<DnsReply> onReply) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DnsBench host:port names-file [window] [rate] [timeout-ms] [retries] [udp,dnsjava]");
            System.exit(2);
        }
        List<String> names = Files.readAllLines(Path.of(args[1]), StandardCharsets.US_ASCII).stream().filter(line -> !line.isBlank()).toList();
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        Duration timeout = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 1000);
        int retries = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        List<String> resolvers = List.of((args.length > 6 ? args[6] : "udp,dnsjava").split(","));
        ResolverSettings settings = new ResolverSettings(window, rate, timeout, retries, Duration.ofMillis(50), Map.of());
        InetSocketAddress server = UdpResolver.parseServer(args[0]);
        List<String> warmUp = names.subList(0, Math.min(names.size(), 20000));
        for (String resolver : resolvers) {
            Asker asker = switch (resolver) {
                case "udp" -> (questions, onReply) -> askWithUdpResolver(server, settings, questions, onReply);
                case "dnsjava" -> (questions, onReply) -> askWithDnsjava(server, settings, questions, onReply);
                case "lookupsession" -> (questions, onReply) -> askWithLookupSession(server, settings, questions, onReply);
                default -> throw new IllegalArgumentException("unknown resolver: " + resolver + " (udp, dnsjava, lookupsession)");
            };
            String label = switch (resolver) {
                case "udp" -> "mailtriage UdpResolver";
                case "dnsjava" -> "dnsjava sendAsync";
                default -> "dnsjava LookupSession";
            };
            // Warm-up: JIT and socket buffers, on a slice of the names.
            run(label, asker, warmUp, settings, false);
            run(label, asker, names, settings, true);
        }
    }

    private static void askWithUdpResolver(InetSocketAddress server, ResolverSettings settings, List<String> names,
            Consumer<DnsReply> onReply) {
        try (UdpResolver resolver = new UdpResolver(server, settings)) {
            List<CompletableFuture<DnsReply>> pending = new ArrayList<>(names.size());
            for (String name : names) {
                pending.add(resolver.query(name, Type.A, null).whenComplete((reply, error) -> onReply.accept(reply)));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** dnsjava's resolver does not pace or bound itself: a semaphore keeps {@code window} questions in flight. */
    private static void askWithDnsjava(InetSocketAddress server, ResolverSettings settings, List<String> names,
            Consumer<DnsReply> onReply) throws TextParseException {
        SimpleResolver simple = new SimpleResolver(server);
        ExtendedResolver resolver = new ExtendedResolver(List.of(simple));
        resolver.setTimeout(settings.timeout());
        resolver.setRetries(settings.retries());
        Semaphore inFlight = new Semaphore(settings.window());
        List<CompletableFuture<DnsReply>> pending = new ArrayList<>(names.size());
        for (String name : names) {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
            inFlight.acquireUninterruptibly();
            pending.add(resolver.sendAsync(query).handle((answer, error) -> {
                inFlight.release();
                DnsReply reply = error == null ? DnsReply.of(answer, Type.A) : DnsReply.failed(ReplyStatus.of(error), String.valueOf(error));
                onReply.accept(reply);
                return reply;
            }).toCompletableFuture());
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * dnsjava's high-level API: a {@link LookupSession} without cache or search path over the same {@link ExtendedResolver},
     * bounded by the same semaphore. It reports NXDOMAIN, NODATA and SERVFAIL as exceptions of its own.
     */
    private static void askWithLookupSession(InetSocketAddress server, ResolverSettings settings, List<String> names,
            Consumer<DnsReply> onReply) throws TextParseException {
        ExtendedResolver resolver = new ExtendedResolver(List.of(new SimpleResolver(server)));
        resolver.setTimeout(settings.timeout());
        resolver.setRetries(settings.retries());
        LookupSession session = LookupSession.builder().resolver(resolver).clearCaches().clearSearchPath().build();
        Semaphore inFlight = new Semaphore(settings.window());
        List<CompletableFuture<DnsReply>> pending = new ArrayList<>(names.size());
        for (String name : names) {
            Name question = Name.fromString(name, Name.root);
            inFlight.acquireUninterruptibly();
            pending.add(session.lookupAsync(question, Type.A, DClass.IN).handle((result, error) -> {
                inFlight.release();
                DnsReply reply = error == null ? new DnsReply(ReplyStatus.NOERROR, result.getRecords(), -1, null) : lookupFailure(error);
                onReply.accept(reply);
                return reply;
            }).toCompletableFuture());
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }

    private static DnsReply lookupFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NoSuchDomainException) {
            return DnsReply.withoutRecords(Rcode.NXDOMAIN);
        }
        if (cause instanceof NoSuchRRSetException) {
            return DnsReply.withoutRecords(Rcode.NOERROR);
        }
        if (cause instanceof ServerFailedException) {
            return DnsReply.withoutRecords(Rcode.SERVFAIL);
        }
        return DnsReply.failed(ReplyStatus.of(cause), String.valueOf(cause));
    }

    private static void run(String label, Asker asker, List<String> names, ResolverSettings settings, boolean print) throws Exception {
        Map<ReplyStatus, AtomicLong> byStatus = new EnumMap<>(ReplyStatus.class);
        for (ReplyStatus status : ReplyStatus.values()) {
            byStatus.put(status, new AtomicLong());
        }
        AtomicLong listed = new AtomicLong();
        long cpuStarted = OS.getProcessCpuTime();
        long started = System.nanoTime();
        asker.askAll(names, reply -> {
            byStatus.get(reply.status()).incrementAndGet();
            if (!reply.records().isEmpty()) {
                listed.incrementAndGet();
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (OS.getProcessCpuTime() - cpuStarted) / 1e9;
        if (print) {
            long lost = byStatus.get(ReplyStatus.TIMEOUT).get() + byStatus.get(ReplyStatus.NETWORK).get();
            System.out.printf("%s: %d questions in %.2f s = %.0f questions/s, CPU %.2f s = %.1f us/question; window %d, rate %s; "
                            + "NOERROR %d (listed %d), NXDOMAIN %d, SERVFAIL %d, REFUSED %d, other %d; lost %d%n",
                    label, names.size(), seconds, names.size() / seconds, cpuSeconds, cpuSeconds * 1e6 / names.size(), settings.window(),
                    settings.ratePerSecond() == 0 ? "unpaced" : String.valueOf((long) settings.ratePerSecond()),
                    byStatus.get(ReplyStatus.NOERROR).get(), listed.get(), byStatus.get(ReplyStatus.NXDOMAIN).get(),
                    byStatus.get(ReplyStatus.SERVFAIL).get(), byStatus.get(ReplyStatus.REFUSED).get(),
                    byStatus.get(ReplyStatus.OTHER_RCODE).get(), lost);
        }
    }
}
