package org.mailtriage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * A loopback UDP proxy in front of a real DNS server (rbldnsd) that misbehaves per question name:
 * it loses packets, delays answers, swallows questions, truncates answers (TC, records removed; it
 * has no TCP port, so the TCP retry is refused) or answers SERVFAIL/REFUSED itself. Every answer
 * it does pass on comes from the real server.
 */
public final class FaultyDnsProxy implements AutoCloseable {
    /** What happens to the questions of one name. */
    public enum Fault {
        /** Passed through untouched. */
        NONE,
        /** Each packet, question and answer alike, is dropped with the proxy's loss rate. */
        LOSS,
        /** Answers are held back by the proxy's delay. */
        DELAY,
        /** Questions are swallowed: the zone never answers. */
        SILENT,
        /** Answers come back with TC set and no records; the proxy has no TCP port. */
        TRUNCATE,
        /** The proxy answers SERVFAIL itself. */
        SERVFAIL,
        /** The proxy answers REFUSED itself. */
        REFUSED
    }

    private final DatagramSocket clientSide;
    private final DatagramSocket serverSide;
    private final Function<String, Fault> rule;
    private final double lossRate;
    private final Duration delay;
    private final Map<Integer, SocketAddress> askers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong questions = new AtomicLong();
    private final Thread questionLoop;
    private final Thread answerLoop;

    private FaultyDnsProxy(InetSocketAddress upstream, Function<String, Fault> rule, double lossRate, Duration delay, long seed)
            throws IOException {
        this.rule = rule;
        this.lossRate = lossRate;
        this.delay = delay;
        clientSide = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        serverSide = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        for (DatagramSocket socket : new DatagramSocket[] {clientSide, serverSide}) {
            socket.setReceiveBufferSize(8 << 20);
            socket.setSendBufferSize(8 << 20);
        }
        serverSide.connect(upstream);
        SplittableRandom questionRandom = new SplittableRandom(seed);
        SplittableRandom answerRandom = questionRandom.split();
        questionLoop = new Thread(() -> relayQuestions(questionRandom), "faulty-dns-questions");
        answerLoop = new Thread(() -> relayAnswers(answerRandom), "faulty-dns-answers");
        questionLoop.setDaemon(true);
        answerLoop.setDaemon(true);
        questionLoop.start();
        answerLoop.start();
    }

    /**
     * @param rule question name (lower case, no final dot) → its fault
     * @param lossRate share of packets dropped, each way, for {@link Fault#LOSS}
     * @param delay how long {@link Fault#DELAY} holds an answer back
     */
    public static FaultyDnsProxy in(InetSocketAddress upstream, Function<String, Fault> rule, double lossRate, Duration delay, long seed) {
        try {
            return new FaultyDnsProxy(upstream, rule, lossRate, delay, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), clientSide.getLocalPort());
    }

    /** Packets the proxy dropped on purpose (lost or swallowed), both ways. */
    public long dropped() {
        return dropped.get();
    }

    /** Question packets received (retries included). */
    public long questions() {
        return questions.get();
    }

    private static String nameOf(Message message) {
        String name = message.getQuestion().getName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private void relayQuestions(SplittableRandom random) {
        byte[] buffer = new byte[65535];
        while (!clientSide.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                clientSide.receive(packet);
                questions.incrementAndGet();
                byte[] wire = Arrays.copyOf(packet.getData(), packet.getLength());
                Message question = new Message(wire);
                switch (rule.apply(nameOf(question))) {
                    case SILENT -> dropped.incrementAndGet();
                    case SERVFAIL -> answerDirectly(question, Rcode.SERVFAIL, packet.getSocketAddress());
                    case REFUSED -> answerDirectly(question, Rcode.REFUSED, packet.getSocketAddress());
                    case LOSS -> {
                        if (random.nextDouble() < lossRate) {
                            dropped.incrementAndGet();
                        } else {
                            forward(question, wire, packet.getSocketAddress());
                        }
                    }
                    case NONE, DELAY, TRUNCATE -> forward(question, wire, packet.getSocketAddress());
                }
            } catch (IOException e) {
                if (clientSide.isClosed()) {
                    return;
                }
                // an unreadable packet: a real server would ignore it too
            }
        }
    }

    private void forward(Message question, byte[] wire, SocketAddress asker) throws IOException {
        askers.put(question.getHeader().getID(), asker);
        serverSide.send(new DatagramPacket(wire, wire.length));
    }

    private void answerDirectly(Message question, int rcode, SocketAddress asker) throws IOException {
        Message reply = new Message(question.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setRcode(rcode);
        reply.addRecord(question.getQuestion(), Section.QUESTION);
        byte[] wire = reply.toWire();
        clientSide.send(new DatagramPacket(wire, wire.length, asker));
    }

    private void relayAnswers(SplittableRandom random) {
        byte[] buffer = new byte[65535];
        while (!serverSide.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                serverSide.receive(packet);
                byte[] wire = Arrays.copyOf(packet.getData(), packet.getLength());
                Message answer = new Message(wire);
                SocketAddress asker = askers.get(answer.getHeader().getID());
                if (asker == null) {
                    continue;
                }
                switch (rule.apply(nameOf(answer))) {
                    case LOSS -> {
                        if (random.nextDouble() < lossRate) {
                            dropped.incrementAndGet();
                        } else {
                            send(wire, asker);
                        }
                    }
                    case DELAY -> later.schedule(() -> send(wire, asker), delay.toMillis(), TimeUnit.MILLISECONDS);
                    case TRUNCATE -> send(truncated(answer), asker);
                    case NONE, SILENT, SERVFAIL, REFUSED -> send(wire, asker);
                }
            } catch (IOException e) {
                if (serverSide.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The answer as a server whose reply did not fit would send it: TC set, the records left out. */
    private static byte[] truncated(Message answer) {
        Message reply = new Message(answer.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.TC);
        reply.getHeader().setRcode(answer.getRcode());
        reply.addRecord(answer.getQuestion(), Section.QUESTION);
        return reply.toWire();
    }

    private void send(byte[] wire, SocketAddress asker) {
        try {
            clientSide.send(new DatagramPacket(wire, wire.length, asker));
        } catch (IOException ignored) {
            // closed meanwhile
        }
    }

    @Override
    public void close() {
        clientSide.close();
        serverSide.close();
        later.shutdownNow();
    }
}
