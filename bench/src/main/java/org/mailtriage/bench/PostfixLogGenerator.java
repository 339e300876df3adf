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
 * <pre>java -cp bench/target/benchmarks.jar org.mailtriage.bench.PostfixLogGenerator OUT SIZE_MB [SEED]</pre>
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

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PostfixLogGenerator OUT SIZE_MB [SEED]");
            System.exit(2);
        }
        long bytes = Long.parseLong(args[1]) * 1024 * 1024;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261126L;
        long written = write(Path.of(args[0]), bytes, seed);
        System.out.printf("%s: %d bytes%n", args[0], written);
    }

    /** Writes at least {@code targetBytes} (whole lines) and returns the size written. */
    public static long write(Path out, long targetBytes, long seed) throws IOException {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            return new PostfixLogGenerator(seed).writeTo(stream, targetBytes);
        }
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
