package org.mailtriage.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.mailtriage.dns.DnsClient;
import org.mailtriage.dns.DnsReply;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A misbehaving or counting DNS server on a loopback UDP port, for what real servers will not do on
 * request: never answer, answer SERVFAIL, answer late. Also answers from a fixture while counting
 * the questions that reach it (the cache test).
 */
public final class FakeDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Function<Message, Message> responder;
    private final Duration delay;
    private final AtomicLong packets = new AtomicLong();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final Thread thread;

    private FakeDnsServer(Function<Message, Message> responder, Duration delay) throws SocketException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.responder = responder;
        this.delay = delay;
        this.thread = new Thread(this::serve, "fake-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** A bound port that swallows every packet. */
    public static FakeDnsServer silent() throws SocketException {
        return new FakeDnsServer(query -> null, Duration.ZERO);
    }

    /** Answers every question with this response code and nothing else. */
    public static FakeDnsServer answeringRcode(int rcode) throws SocketException {
        return new FakeDnsServer(query -> {
            Message reply = replyTo(query);
            reply.getHeader().setRcode(rcode);
            return reply;
        }, Duration.ZERO);
    }

    /** Answers every question with a listing, but for another question than the one asked (a spoof or a confused server). */
    public static FakeDnsServer answeringAnotherQuestion() throws SocketException {
        return new FakeDnsServer(query -> {
            Message reply = new Message(query.getHeader().getID());
            reply.getHeader().setFlag(Flags.QR);
            try {
                Record other = Record.newRecord(org.xbill.DNS.Name.fromString("2.0.0.127.other.test."), org.xbill.DNS.Type.A, org.xbill.DNS.DClass.IN);
                reply.addRecord(other, Section.QUESTION);
                reply.addRecord(new org.xbill.DNS.ARecord(other.getName(), org.xbill.DNS.DClass.IN, 60,
                        InetAddress.getByAddress(new byte[] {127, 0, 0, 2})), Section.ANSWER);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return reply;
        }, Duration.ZERO);
    }

    /** Answers from a client (a fixture), after {@code delay}. */
    public static FakeDnsServer from(DnsClient answers, Duration delay) throws SocketException {
        return new FakeDnsServer(query -> {
            Record question = query.getQuestion();
            DnsReply found = answers.query(question.getName().toString(), question.getType(), null).join();
            Message reply = replyTo(query);
            switch (found.status()) {
                case NOERROR -> found.records().forEach(record -> reply.addRecord(record, Section.ANSWER));
                case NXDOMAIN -> reply.getHeader().setRcode(Rcode.NXDOMAIN);
                default -> reply.getHeader().setRcode(Rcode.SERVFAIL);
            }
            return reply;
        }, delay);
    }

    private static Message replyTo(Message query) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        reply.addRecord(query.getQuestion(), Section.QUESTION);
        return reply;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    public String hostPort() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Question packets received (retries included). */
    public long packets() {
        return packets.get();
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            packets.incrementAndGet();
            Message reply;
            try {
                reply = responder.apply(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
            } catch (IOException e) {
                continue;
            }
            if (reply == null) {
                continue;
            }
            byte[] wire = reply.toWire();
            DatagramPacket out = new DatagramPacket(wire, wire.length, packet.getSocketAddress());
            Runnable send = () -> {
                try {
                    socket.send(out);
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            };
            if (delay.isZero()) {
                send.run();
            } else {
                later.schedule(send, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        later.shutdownNow();
    }
}
