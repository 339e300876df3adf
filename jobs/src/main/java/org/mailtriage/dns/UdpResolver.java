package org.mailtriage.dns;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/**
 * A batched stub resolver that drives UDP itself: dnsjava's {@link Message} wire format over one
 * non-blocking {@link DatagramChannel}, served by a single loop thread. It keeps at most
 * {@code window} questions in flight, paces sends with a token bucket (global and per zone), matches
 * answers by id and question (anything else is dropped), retries timed-out questions with doubling
 * back-off, and re-asks truncated answers over TCP. dnsjava's own sendAsync + a semaphore loses
 * answers past a few hundred in flight and tops out near 4k questions/s on loopback; this keeps
 * the socket drained in one place and the receive buffer large.
 */
public final class UdpResolver implements DnsClient {
    private static final int RECEIVE_BUFFER_BYTES = 8 << 20;

    private final InetSocketAddress server;
    private final ResolverSettings settings;
    private final DatagramChannel channel;
    private final Selector selector;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Query> submitted = new ConcurrentLinkedQueue<>();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    /** Set while the loop may block in select: only then does a new question need a (costly) wakeup. */
    private final java.util.concurrent.atomic.AtomicBoolean mayBlock = new java.util.concurrent.atomic.AtomicBoolean();

    // Loop-thread state.
    private final Query[] inFlight = new Query[65536];
    private int inFlightCount;
    private final ArrayDeque<Query> ready = new ArrayDeque<>();
    private final ArrayDeque<Query> retriesDue = new ArrayDeque<>();
    private final ArrayDeque<Deadline> deadlines = new ArrayDeque<>();
    private final PriorityQueue<Query> waitingToRetry = new PriorityQueue<>((a, b) -> Long.compare(a.retryAtNanos, b.retryAtNanos));
    private final Map<String, ZoneGate> gates = new HashMap<>();
    private final TokenBucket pacer;
    private final SplittableRandom random = new SplittableRandom();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(65536);

    /** One question, through all its attempts. */
    private static final class Query {
        final String name;
        final int type;
        final String rateKey;
        final CompletableFuture<DnsReply> future = new CompletableFuture<>();
        byte[] wire;
        int attempts;
        int id = -1;
        long retryAtNanos;

        Query(String name, int type, String rateKey, byte[] wire) {
            this.name = name;
            this.wire = wire;
            this.type = type;
            this.rateKey = rateKey;
        }
    }

    private record Deadline(long atNanos, Query query, int attempt) {
    }

    private static final class ZoneGate {
        final TokenBucket bucket;
        final ArrayDeque<Query> waiting = new ArrayDeque<>();

        ZoneGate(double rate) {
            bucket = new TokenBucket(rate);
        }
    }

    /** Tokens per second, bursting up to a hundredth of a second's worth (at least one). */
    private static final class TokenBucket {
        final double ratePerNano;
        final double capacity;
        double tokens;
        long lastNanos = System.nanoTime();

        TokenBucket(double ratePerSecond) {
            ratePerNano = ratePerSecond / 1e9;
            capacity = Math.max(1, ratePerSecond / 100);
            tokens = capacity;
        }

        boolean unlimited() {
            return ratePerNano <= 0;
        }

        boolean tryTake(long now) {
            if (unlimited()) {
                return true;
            }
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        boolean hasToken(long now) {
            if (unlimited()) {
                return true;
            }
            refill(now);
            return tokens >= 1;
        }

        long nanosUntilToken(long now) {
            refill(now);
            return tokens >= 1 || unlimited() ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - lastNanos) * ratePerNano);
            lastNanos = now;
        }
    }

    public UdpResolver(InetSocketAddress server, ResolverSettings settings) {
        this.server = requireNonNull(server, "server is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.pacer = new TokenBucket(settings.ratePerSecond());
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, RECEIVE_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
            channel.connect(server);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a UDP socket for " + server + ": " + e.getMessage(), e);
        }
        loop = new Thread(this::run, "dns-udp-" + server);
        loop.setDaemon(true);
        loop.start();
    }

    /** {@code host:port} (port 53 when omitted; IPv6 as {@code [addr]:port}). */
    public static InetSocketAddress parseServer(String text) {
        String host = text.strip();
        int port = 53;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad DNS server: " + text);
            }
            if (close + 1 < host.length() && host.charAt(close + 1) == ':') {
                port = Integer.parseInt(host.substring(close + 2));
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        if (ReverseNames.parse(host) == null) {
            throw new IllegalArgumentException("DNS server must be an IP address (host:port): " + text);
        }
        return new InetSocketAddress(ReverseNames.parse(host), port);
    }

    @Override
    public CompletableFuture<DnsReply> query(String name, int type, String rateKey) {
        byte[] wire = QuestionWire.encode(name, type);
        if (wire == null) {
            return CompletableFuture.completedFuture(DnsReply.failed(ReplyStatus.NETWORK, "not a valid DNS name"));
        }
        Query query = new Query(name, type, rateKey, wire);
        asked.incrementAndGet();
        if (!running) {
            failed.incrementAndGet();
            query.future.complete(DnsReply.failed(ReplyStatus.NETWORK, "resolver closed"));
            return query.future;
        }
        submitted.add(query);
        if (Thread.currentThread() != loop && mayBlock.compareAndSet(true, false)) {
            selector.wakeup();
        }
        return query.future;
    }

    @Override
    public String describe() {
        return server.getAddress().getHostAddress() + ":" + server.getPort();
    }

    @Override
    public long questionsAsked() {
        return asked.get();
    }

    @Override
    public long questionsFailed() {
        return failed.get();
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Query query;
        while ((query = submitted.poll()) != null) {
            complete(query, DnsReply.failed(ReplyStatus.NETWORK, "resolver closed"));
        }
        try {
            selector.close();
            channel.close();
        } catch (IOException ignored) {
            // Closing a UDP socket cannot lose anything we still need.
        }
    }

    private void run() {
        try {
            while (running) {
                long now = System.nanoTime();
                takeSubmitted();
                receiveAll();
                expire(now);
                releaseRetries(now);
                releaseGated(now);
                sendWhatWeMay(now);
                mayBlock.set(true);
                long waitNanos = nanosUntilNextEvent(System.nanoTime());
                if (waitNanos <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
                }
                mayBlock.set(false);
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException | Error e) {
            // Whatever kills the loop, no question may be left waiting forever.
            running = false;
            failEverything("resolver loop failed: " + e);
            return;
        }
        failEverything("resolver closed");
    }

    private void takeSubmitted() {
        Query query;
        while ((query = submitted.poll()) != null) {
            double zoneRate = query.rateKey == null ? 0 : settings.zoneRates().getOrDefault(query.rateKey, 0.0);
            if (zoneRate > 0) {
                gates.computeIfAbsent(query.rateKey, key -> new ZoneGate(zoneRate)).waiting.add(query);
            } else {
                ready.add(query);
            }
        }
    }

    private void receiveAll() throws IOException {
        while (true) {
            receiveBuffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(receiveBuffer);
            } catch (PortUnreachableException e) {
                continue; // ICMP from nobody listening: those attempts time out and are retried
            }
            if (from == null) {
                return;
            }
            receiveBuffer.flip();
            if (receiveBuffer.remaining() < 12 || !from.equals(server)) {
                continue;
            }
            int id = ((receiveBuffer.get(0) & 0xff) << 8) | (receiveBuffer.get(1) & 0xff);
            Query query = inFlight[id];
            if (query == null) {
                continue; // a late answer to an attempt already given up on
            }
            if (!answersQuestion(receiveBuffer, query.wire)) {
                continue; // not the answer to this question (a stray, a spoof, or a late answer to a reused id)
            }
            inFlight[id] = null;
            inFlightCount--;
            DnsReply reply = readAnswer(receiveBuffer, query.type);
            if (reply == null) {
                askOverTcp(query);
            } else {
                complete(query, reply);
            }
        }
    }

    /**
     * What a UDP response that {@link #answersQuestion answers the question} says, or null when it is truncated (TC)
     * and must be asked again over TCP. Never throws: an unreadable message is a NETWORK failure.
     */
    static DnsReply readAnswer(ByteBuffer reply, int type) {
        int flags = reply.get(2) & 0xff;
        int rcode = reply.get(3) & 0x0f;
        int answerCount = ((reply.get(6) & 0xff) << 8) | (reply.get(7) & 0xff);
        if ((flags & 0x02) != 0) {
            return null;
        }
        if (rcode != Rcode.NOERROR || answerCount == 0) {
            // Most blocklist answers are NXDOMAIN: no records to read, so no full parse.
            return DnsReply.withoutRecords(rcode);
        }
        byte[] bytes = new byte[reply.remaining()];
        reply.get(bytes);
        try {
            return DnsReply.of(new Message(bytes), type);
        } catch (IOException | RuntimeException e) {
            // dnsjava throws unchecked exceptions too (InvalidTTLException in an UPDATE's sections): they must not end the resolver's thread.
            return DnsReply.failed(ReplyStatus.of(e), "unreadable answer");
        }
    }

    /**
     * Whether a reply is a response (QR) whose question section is the one we sent: same name
     * (ASCII case-insensitively), type and class. A query's wire form is its header and its one question.
     */
    static boolean answersQuestion(ByteBuffer reply, byte[] queryWire) {
        // QR set and opcode QUERY: an UPDATE or NOTIFY message is no answer, whatever its question section says.
        if (reply.remaining() < queryWire.length || (reply.get(2) & 0xf8) != 0x80 || reply.get(4) != 0 || reply.get(5) != 1) {
            return false;
        }
        for (int i = 12; i < queryWire.length; i++) {
            byte a = reply.get(i);
            byte b = queryWire[i];
            if (a != b && toLower(a) != toLower(b)) {
                return false;
            }
        }
        return true;
    }

    private static byte toLower(byte value) {
        return value >= 'A' && value <= 'Z' ? (byte) (value + 32) : value;
    }

    private void askOverTcp(Query query) {
        SimpleResolver tcp = new SimpleResolver(server);
        tcp.setTCP(true);
        tcp.setTimeout(settings.timeout().multipliedBy(2));
        Message question;
        try {
            question = Message.newQuery(Record.newRecord(Name.fromString(query.name.endsWith(".") ? query.name : query.name + "."),
                    query.type, DClass.IN));
        } catch (TextParseException e) {
            complete(query, DnsReply.failed(ReplyStatus.NETWORK, "not a valid DNS name"));
            return;
        }
        tcp.sendAsync(question).whenComplete((answer, error) -> complete(query,
                error != null ? DnsReply.failed(ReplyStatus.of(error), "TCP retry: " + error.getMessage()) : DnsReply.of(answer, query.type)));
    }

    private void expire(long now) {
        while (!deadlines.isEmpty() && deadlines.peekFirst().atNanos() <= now) {
            Deadline deadline = deadlines.pollFirst();
            Query query = deadline.query();
            if (query.attempts != deadline.attempt() || query.id < 0 || inFlight[query.id] != query) {
                continue; // answered already
            }
            inFlight[query.id] = null;
            inFlightCount--;
            query.id = -1;
            if (query.attempts > settings.retries()) {
                complete(query, DnsReply.failed(ReplyStatus.TIMEOUT, "no answer after " + query.attempts + " attempts"));
            } else {
                long backoff = settings.backoff().toNanos() << (query.attempts - 1);
                query.retryAtNanos = now + backoff;
                waitingToRetry.add(query);
            }
        }
    }

    private void releaseRetries(long now) {
        while (!waitingToRetry.isEmpty() && waitingToRetry.peek().retryAtNanos <= now) {
            retriesDue.add(waitingToRetry.poll());
        }
    }

    private void releaseGated(long now) {
        for (ZoneGate gate : gates.values()) {
            while (!gate.waiting.isEmpty() && gate.bucket.tryTake(now)) {
                ready.add(gate.waiting.poll());
            }
        }
    }

    private void sendWhatWeMay(long now) throws IOException {
        while (inFlightCount < settings.window() && (!retriesDue.isEmpty() || !ready.isEmpty()) && pacer.tryTake(now)) {
            Query query = !retriesDue.isEmpty() ? retriesDue.poll() : ready.poll();
            send(query, now);
        }
    }

    private void send(Query query, long now) throws IOException {
        int id = random.nextInt(65536);
        while (inFlight[id] != null) {
            id = (id + 1) & 0xffff;
        }
        query.wire[0] = (byte) (id >>> 8);
        query.wire[1] = (byte) id;
        query.id = id;
        query.attempts++;
        inFlight[id] = query;
        inFlightCount++;
        deadlines.addLast(new Deadline(now + settings.timeout().toNanos(), query, query.attempts));
        int sent;
        try {
            sent = channel.write(ByteBuffer.wrap(query.wire));
        } catch (IOException e) {
            sent = 0; // e.g. ICMP port unreachable from an earlier send: treat like a lost packet
        }
        if (sent == 0) {
            // Socket buffer full or send error: the deadline retries it like a lost packet.
            return;
        }
    }

    private long nanosUntilNextEvent(long now) {
        if (!submitted.isEmpty()) {
            return 0;
        }
        long wait = TimeUnit.MILLISECONDS.toNanos(100);
        boolean canSend = inFlightCount < settings.window();
        if (canSend && (!ready.isEmpty() || !retriesDue.isEmpty())) {
            wait = Math.min(wait, pacer.nanosUntilToken(now));
        }
        for (ZoneGate gate : gates.values()) {
            if (!gate.waiting.isEmpty()) {
                wait = Math.min(wait, gate.bucket.nanosUntilToken(now));
            }
        }
        if (!deadlines.isEmpty()) {
            wait = Math.min(wait, deadlines.peekFirst().atNanos() - now);
        }
        if (!waitingToRetry.isEmpty()) {
            wait = Math.min(wait, waitingToRetry.peek().retryAtNanos - now);
        }
        return Math.max(0, wait);
    }

    private void complete(Query query, DnsReply reply) {
        if (reply.status().errorKind() != null) {
            failed.incrementAndGet();
        }
        query.future.complete(reply);
    }

    private void failEverything(String why) {
        DnsReply closed = DnsReply.failed(ReplyStatus.NETWORK, why);
        for (int id = 0; id < inFlight.length; id++) {
            if (inFlight[id] != null) {
                complete(inFlight[id], closed);
                inFlight[id] = null;
            }
        }
        inFlightCount = 0;
        for (ArrayDeque<Query> queue : java.util.List.of(ready, retriesDue)) {
            queue.forEach(query -> complete(query, closed));
            queue.clear();
        }
        waitingToRetry.forEach(query -> complete(query, closed));
        waitingToRetry.clear();
        gates.values().forEach(gate -> gate.waiting.forEach(query -> complete(query, closed)));
        gates.clear();
        Query query;
        while ((query = submitted.poll()) != null) {
            complete(query, closed);
        }
    }
}
