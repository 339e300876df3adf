package org.mailtriage.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a realistic Postfix log of any size, seeded (the same seed and size give the same bytes).
 * The mix follows a busy outbound farm with inbound MX hosts: most messages are delivered (several
 * lines each: cleanup, qmgr, smtp status=sent, removed), a few percent deferred or bounced with the
 * common replies (every guide row among them, multi-line replies flattened as Postfix logs them),
 * inbound rejects of every guide row, postscreen and dnsblog lines. Documentation IP ranges and
 * example domains only.
 *
 * <p>Two shapes. {@code wide} (the default, the first benchmarks' shape): every message to a new address of one of
 * ~5,000 domains, 2.3 % failure lines; pflogsumm keeps per-address tables, so its memory grows with the file (1.4 GB
 * at 1 GB of log) and it slows down. {@code realistic}: a company's server — a fixed population of 20,000
 * recipients, 300 senders, 400 receiving domains, 1,000 remote clients; connect/disconnect lines on the MX hosts;
 * deferred messages retried under the same queue id and finally bounced, with a bounce notice and a
 * {@code removed} line; about 7 % failure lines. pflogsumm grows less on it than on wide, but still grows
 * (431 MB at 1 GB, 1,562 MB at 4 GB; BENCHMARKS.md).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.mailtriage.bench.PostfixLogGenerator [--shape wide|realistic] OUT SIZE_MB [SEED]</pre>
 */
public final class PostfixLogGenerator {
    private static final String QUEUE_ID_CHARS = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    private static final String[] LOCAL_PARTS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
        "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "info", "sales", "support"};

    /** Outbound failure replies: {dsn, status, text with %OUR% for our IP}. */
    private static final String[][] OUTBOUND_FAILURES = {
        {"5.7.1", "bounced", "said: 554 5.7.1 Service unavailable; Client host [%OUR%] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/%OUR% (in reply to RCPT TO command)"},
        {"5.7.1", "bounced", "said: 550 5.7.1 Service unavailable; client [%OUR%] blocked using bl.spamcop.net (in reply to RCPT TO command)"},
        {"5.7.1", "bounced", "said: 550-5.7.1 Unfortunately, messages from [%OUR%] weren't sent. 550-5.7.1 Please contact your Internet service provider since part of their network is on our block list (S3150). 550 5.7.1 You can also refer your provider to http://mail.example/delist (in reply to RCPT TO command)"},
        {"5.7.25", "bounced", "said: 550-5.7.25 [%OUR%] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. 550 5.7.25 As a policy, mail.example does not accept messages from IPs with missing PTR records. (in reply to end of DATA command)"},
        {"4.7.1", "deferred", "said: 450 4.7.1 Client host rejected: cannot find your hostname, [%OUR%] (in reply to RCPT TO command)"},
        {"4.7.1", "deferred", "said: 450 4.7.1 <out.example.com>: Helo command rejected: Host not found (in reply to RCPT TO command)"},
        {"5.5.2", "bounced", "said: 504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname (in reply to RCPT TO command)"},
        {"5.1.1", "bounced", "said: 550 5.1.1 <%RCPT%>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)"},
        {"5.1.1", "bounced", "said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550 5.1.1 unnecessary spaces. (in reply to RCPT TO command)"},
        {"4.2.2", "deferred", "said: 452 4.2.2 <%RCPT%>: Mailbox full (in reply to RCPT TO command)"},
        {"4.2.0", "deferred", "said: 450 4.2.0 <%RCPT%>: Recipient address rejected: Greylisted, see http://postgrey.example/ (in reply to RCPT TO command)"},
        {"4.7.0", "deferred", "refused to talk to me: 421 4.7.0 [TSS04] Messages from %OUR% temporarily deferred due to unexpected volume or user complaints"},
        {"4.4.1", "deferred", "connect to %MX%[%MXIP%]:25: Connection timed out"},
        {"4.4.1", "deferred", "connect to %MX%[%MXIP%]:25: Connection refused"},
        {"4.4.2", "deferred", "lost connection with %MX%[%MXIP%] while receiving the initial server greeting"},
        {"5.4.4", "bounced", "Host or domain name not found. Name service error for name=%DOMAIN% type=MX: Host not found"},
    };
    /** Inbound rejects by our smtpd: {reply with %IP% and %HELO%}. */
    private static final String[] INBOUND_REJECTS = {
        "450 4.7.1 Client host rejected: cannot find your hostname, [%IP%]",
        "450 4.7.1 <%HELO%>: Helo command rejected: Host not found",
        "504 5.5.2 <mailserver>: Helo command rejected: need fully-qualified hostname",
        "501 5.5.2 <邮件服务器>: Helo command rejected: Invalid name",
        "554 5.7.1 <postmaster@example.com>: Recipient address rejected: Dynamic IP",
        "554 5.7.1 Service unavailable; Client host [%IP%] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/%IP%",
        "554 5.7.1 <%RCPT%>: Relay access denied",
        "550 5.1.1 <%RCPT%>: Recipient address rejected: User unknown in local recipient table",
    };

    private final Random random;
    private final StringBuilder line = new StringBuilder(512);
    private double clock;
    private int second;

    PostfixLogGenerator(long seed) {
        random = new Random(seed);
    }

    /** What the log looks like; see the class comment. */
    public enum Shape {
        WIDE, REALISTIC
    }

    public static void main(String[] args) throws IOException {
        Shape shape = Shape.WIDE;
        int first = 0;
        if (args.length > 1 && args[0].equals("--shape")) {
            shape = Shape.valueOf(args[1].toUpperCase(java.util.Locale.ROOT));
            first = 2;
        }
        if (args.length - first < 2) {
            System.err.println("usage: PostfixLogGenerator [--shape wide|realistic] OUT SIZE_MB [SEED]");
            System.exit(2);
        }
        long bytes = Long.parseLong(args[first + 1]) * 1024 * 1024;
        long seed = args.length > first + 2 ? Long.parseLong(args[first + 2]) : 20261126L;
        long written = write(Path.of(args[first]), bytes, seed, shape);
        System.out.printf("%s: %d bytes (%s shape)%n", args[first], written, shape.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Writes at least {@code targetBytes} (whole lines) of the wide shape and returns the size written. */
    public static long write(Path out, long targetBytes, long seed) throws IOException {
        return write(out, targetBytes, seed, Shape.WIDE);
    }

    /** Writes at least {@code targetBytes} (whole lines) of the shape and returns the size written. */
    public static long write(Path out, long targetBytes, long seed, Shape shape) throws IOException {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            PostfixLogGenerator generator = new PostfixLogGenerator(seed);
            return shape == Shape.WIDE ? generator.writeTo(stream, targetBytes) : generator.writeRealistic(stream, targetBytes);
        }
    }

    /** Messages waiting for a retry: queue id, host index, recipient, failure index, retries left. */
    private record Waiting(String queueId, int hostIndex, String recipient, int failure, int retriesLeft) {
    }

    long writeRealistic(OutputStream out, long targetBytes) throws IOException {
        String[] domains = new String[400];
        for (int index = 0; index < domains.length; index++) {
            domains[index] = index < 3 ? new String[] {"example.com", "example.net", "example.org"}[index]
                    : "d" + index + (index % 2 == 0 ? ".example" : ".test");
        }
        String[] recipients = new String[20_000];
        for (int index = 0; index < recipients.length; index++) {
            // Skewed: a few domains get most of the mail, as in real traffic.
            int domain = (int) Math.min(domains.length - 1, Math.abs(random.nextGaussian()) * 60);
            recipients[index] = LOCAL_PARTS[random.nextInt(LOCAL_PARTS.length)] + index + "@" + domains[domain];
        }
        String[] senders = new String[300];
        for (int index = 0; index < senders.length; index++) {
            senders[index] = LOCAL_PARTS[random.nextInt(LOCAL_PARTS.length)] + index + "@example.com";
        }
        String[] clients = new String[1000];
        for (int index = 0; index < clients.length; index++) {
            clients[index] = index % 10 == 0 ? "2001:db8:" + Integer.toHexString(index) + "::25" : "203.0.113." + (1 + index % 254);
        }
        java.util.ArrayDeque<Waiting> waiting = new java.util.ArrayDeque<>();
        long written = 0;
        // About 650 bytes per step: the clock advances so that the whole file spans one day (Nov 26).
        double secondsPerStep = 86_399.0 * 650 / Math.max(targetBytes, 650);
        while (written < targetBytes) {
            clock = Math.min(86_399, clock + secondsPerStep * 2 * random.nextDouble());
            second = (int) clock;
            int kind = random.nextInt(1000);
            if (kind < 85 && !waiting.isEmpty()) {
                written += retry(out, waiting);
            } else if (kind < 170) {
                written += deferredMessage(out, waiting, senders, recipients);
            } else if (kind < 320) {
                written += inboundSession(out, clients, recipients);
            } else {
                written += deliveredTo(out, senders[random.nextInt(senders.length)], recipients[random.nextInt(recipients.length)]);
            }
        }
        return written;
    }

    private long deliveredTo(OutputStream out, String sender, String recipient) throws IOException {
        int hostIndex = random.nextInt(20);
        String host = "out" + (1 + hostIndex);
        String queue = queueId();
        String domain = recipient.substring(recipient.indexOf('@') + 1);
        long written = emit(out, header(host, "cleanup") + queue + ": message-id=<" + Long.toHexString(random.nextLong()) + "@example.com>");
        written += emit(out, header(host, "qmgr") + queue + ": from=<" + sender + ">, size=" + (800 + random.nextInt(90_000))
                + ", nrcpt=1 (queue active)");
        written += emit(out, header(host, "smtp") + queue + ": to=<" + recipient + ">, relay=mx" + random.nextInt(3) + "." + domain + "["
                + receiverIp() + "]:25, delay=" + (random.nextInt(30) / 10.0) + ", delays=0.01/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as "
                + queueId() + ")");
        written += emit(out, header(host, "qmgr") + queue + ": removed");
        return written;
    }

    /** A message whose first attempt fails: bounced at once (permanent) or kept for retries (temporary). */
    private long deferredMessage(OutputStream out, java.util.ArrayDeque<Waiting> waiting, String[] senders, String[] recipients)
            throws IOException {
        int hostIndex = random.nextInt(20);
        String host = "out" + (1 + hostIndex);
        String queue = queueId();
        String recipient = recipients[random.nextInt(recipients.length)];
        int failure = random.nextInt(OUTBOUND_FAILURES.length);
        long written = emit(out, header(host, "cleanup") + queue + ": message-id=<" + Long.toHexString(random.nextLong()) + "@example.com>");
        written += emit(out, header(host, "qmgr") + queue + ": from=<" + senders[random.nextInt(senders.length)] + ">, size="
                + (800 + random.nextInt(90_000)) + ", nrcpt=1 (queue active)");
        written += attempt(out, new Waiting(queue, hostIndex, recipient, failure, 1 + random.nextInt(4)), waiting);
        return written;
    }

    private long retry(OutputStream out, java.util.ArrayDeque<Waiting> waiting) throws IOException {
        return attempt(out, waiting.poll(), waiting);
    }

    /** One delivery attempt that fails; a deferral with retries left waits again, else the message ends (bounce notice, removed). */
    private long attempt(OutputStream out, Waiting message, java.util.ArrayDeque<Waiting> waiting) throws IOException {
        String host = "out" + (1 + message.hostIndex());
        String domain = message.recipient().substring(message.recipient().indexOf('@') + 1);
        String mx = "mx" + random.nextInt(3) + "." + domain;
        String mxIp = receiverIp();
        String[] failure = OUTBOUND_FAILURES[message.failure()];
        String text = failure[2].replace("%OUR%", "192.0.2." + (10 + message.hostIndex())).replace("%RCPT%", message.recipient())
                .replace("%MX%", mx).replace("%MXIP%", mxIp).replace("%DOMAIN%", domain);
        String detail = text.startsWith("said:") || text.startsWith("refused") ? "host " + mx + "[" + mxIp + "] " + text : text;
        long written = emit(out, header(host, "smtp") + message.queueId() + ": to=<" + message.recipient() + ">, relay=" + mx + "[" + mxIp
                + "]:25, delay=" + random.nextInt(900) + ", delays=0.1/0/0.3/0.2, dsn=" + failure[0] + ", status=" + failure[1] + " ("
                + detail + ")");
        if (failure[1].equals("deferred") && message.retriesLeft() > 0) {
            waiting.add(new Waiting(message.queueId(), message.hostIndex(), message.recipient(), message.failure(), message.retriesLeft() - 1));
            return written;
        }
        String notice = queueId();
        written += emit(out, header(host, "bounce") + message.queueId() + ": sender non-delivery notification: " + notice);
        written += emit(out, header(host, "qmgr") + message.queueId() + ": removed");
        return written;
    }

    /** An inbound SMTP session on an MX host: connect, a reject now and then, disconnect. */
    private long inboundSession(OutputStream out, String[] clients, String[] recipients) throws IOException {
        String host = "mx" + (1 + random.nextInt(5));
        String ip = clients[random.nextInt(clients.length)];
        String name = random.nextInt(3) == 0 ? "unknown" : "host" + Math.abs(ip.hashCode() % 500) + ".example.org";
        long written = emit(out, header(host, "smtpd") + "connect from " + name + "[" + ip + "]");
        if (random.nextInt(5) < 3) {
            String helo = random.nextInt(4) == 0 ? "mail.nonexistent.example" : "host" + Math.abs(ip.hashCode() % 500) + ".example.org";
            String rcpt = recipients[random.nextInt(recipients.length)];
            String reply = INBOUND_REJECTS[random.nextInt(INBOUND_REJECTS.length)].replace("%IP%", ip).replace("%HELO%", helo)
                    .replace("%RCPT%", rcpt);
            written += emit(out, header(host, "smtpd") + "NOQUEUE: reject: RCPT from " + name + "[" + ip + "]: " + reply
                    + "; from=<sender@example.org> to=<" + rcpt + "> proto=ESMTP helo=<" + helo + ">");
        }
        written += emit(out, header(host, "smtpd") + "disconnect from " + name + "[" + ip + "] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
        return written;
    }

    long writeTo(OutputStream out, long targetBytes) throws IOException {
        long written = 0;
        // About 520 bytes per message: the clock advances so that the whole file spans one day (Nov 26).
        double secondsPerMessage = 86_399.0 * 520 / Math.max(targetBytes, 520);
        while (written < targetBytes) {
            clock = Math.min(86_399, clock + secondsPerMessage * 2 * random.nextDouble());
            second = (int) clock;
            int kind = random.nextInt(1000);
            if (kind < 40) {
                written += inboundReject(out);
            } else if (kind < 48) {
                written += postscreen(out);
            } else if (kind < 95) {
                written += outboundFailure(out);
            } else if (kind < 96) {
                written += emit(out, header("out" + (1 + random.nextInt(20)), "qmgr") + queueId()
                        + ": from=<reports@example.com>, status=expired, returned to sender");
            } else {
                written += delivered(out);
            }
        }
        return written;
    }

    private long delivered(OutputStream out) throws IOException {
        String host = "out" + (1 + random.nextInt(20));
        String queue = queueId();
        String domain = receiverDomain();
        String relay = "mx" + random.nextInt(3) + "." + domain;
        long written = emit(out, header(host, "cleanup") + queue + ": message-id=<" + Long.toHexString(random.nextLong()) + "@example.com>");
        written += emit(out, header(host, "qmgr") + queue + ": from=<newsletter@example.com>, size=" + (800 + random.nextInt(90_000))
                + ", nrcpt=1 (queue active)");
        written += emit(out, header(host, "smtp") + queue + ": to=<" + recipient(domain) + ">, relay=" + relay + "[" + receiverIp() + "]:25, delay="
                + (random.nextInt(30) / 10.0) + ", delays=0.01/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " + queueId() + ")");
        written += emit(out, header(host, "qmgr") + queue + ": removed");
        return written;
    }

    private long outboundFailure(OutputStream out) throws IOException {
        int index = random.nextInt(20);
        String host = "out" + (1 + index);
        String ourIp = "192.0.2." + (10 + index);
        String domain = receiverDomain();
        String mx = "mx" + random.nextInt(3) + "." + domain;
        String mxIp = receiverIp();
        String rcpt = recipient(domain);
        String[] failure = OUTBOUND_FAILURES[random.nextInt(OUTBOUND_FAILURES.length)];
        String text = failure[2].replace("%OUR%", ourIp).replace("%RCPT%", rcpt).replace("%MX%", mx).replace("%MXIP%", mxIp)
                .replace("%DOMAIN%", domain);
        String detail = text.startsWith("said:") || text.startsWith("refused") ? "host " + mx + "[" + mxIp + "] " + text : text;
        return emit(out, header(host, "smtp") + queueId() + ": to=<" + rcpt + ">, relay=" + mx + "[" + mxIp + "]:25, delay="
                + random.nextInt(900) + ", delays=0.1/0/0.3/0.2, dsn=" + failure[0] + ", status=" + failure[1] + " (" + detail + ")");
    }

    private long inboundReject(OutputStream out) throws IOException {
        String host = "mx" + (1 + random.nextInt(5));
        String ip = clientIp();
        String helo = random.nextInt(4) == 0 ? "mail.nonexistent.example" : "host" + random.nextInt(500) + ".example.org";
        String rcpt = LOCAL_PARTS[random.nextInt(LOCAL_PARTS.length)] + "@example.com";
        String reply = INBOUND_REJECTS[random.nextInt(INBOUND_REJECTS.length)].replace("%IP%", ip).replace("%HELO%", helo).replace("%RCPT%", rcpt);
        return emit(out, header(host, "smtpd") + "NOQUEUE: reject: RCPT from unknown[" + ip + "]: " + reply + "; from=<sender@example.org> to=<"
                + rcpt + "> proto=ESMTP helo=<" + helo + ">");
    }

    private long postscreen(OutputStream out) throws IOException {
        String host = "mx" + (1 + random.nextInt(5));
        String ip = clientIp();
        int port = 1024 + random.nextInt(60_000);
        long written = emit(out, header(host, "postscreen") + "CONNECT from [" + ip + "]:" + port + " to [192.0.2.30]:25");
        if (random.nextInt(4) == 0) {
            written += emit(out, header(host, "dnsblog") + "addr " + ip + " listed by domain zen.spamhaus.org as 127.0.0." + (random.nextBoolean() ? 2 : 4));
            written += emit(out, header(host, "postscreen") + "DNSBL rank " + (2 + random.nextInt(4)) + " for [" + ip + "]:" + port);
            written += emit(out, header(host, "postscreen") + "DISCONNECT [" + ip + "]:" + port);
        } else {
            written += emit(out, header(host, "postscreen") + "PASS OLD [" + ip + "]:" + port);
        }
        return written;
    }

    private String header(String host, String program) {
        line.setLength(0);
        int hour = second / 3600;
        int minute = second / 60 % 60;
        int sec = second % 60;
        line.append("Nov 26 ").append(two(hour)).append(':').append(two(minute)).append(':').append(two(sec)).append(' ')
                .append(host).append(" postfix/").append(program).append('[').append(1000 + random.nextInt(60_000)).append("]: ");
        return line.toString();
    }

    private long emit(OutputStream out, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        return bytes.length;
    }

    private String queueId() {
        char[] id = new char[11];
        for (int index = 0; index < id.length; index++) {
            id[index] = QUEUE_ID_CHARS.charAt(random.nextInt(QUEUE_ID_CHARS.length()));
        }
        return new String(id);
    }

    private String receiverDomain() {
        int choice = random.nextInt(100);
        if (choice < 40) {
            return new String[] {"example.com", "example.net", "example.org"}[choice % 3];
        }
        return "d" + random.nextInt(5000) + (choice % 2 == 0 ? ".example" : ".test");
    }

    private String recipient(String domain) {
        return LOCAL_PARTS[random.nextInt(LOCAL_PARTS.length)] + random.nextInt(100) + "@" + domain;
    }

    private String receiverIp() {
        return "198.51.100." + (1 + random.nextInt(254));
    }

    private String clientIp() {
        if (random.nextInt(10) == 0) {
            return "2001:db8:" + Integer.toHexString(random.nextInt(0xffff)) + "::" + Integer.toHexString(1 + random.nextInt(0xfffe));
        }
        return "203.0.113." + (1 + random.nextInt(254));
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
