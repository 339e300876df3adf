package org.mailtriage.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mailtriage.model.GuideRule;

/**
 * Writes an mbox of N bounce emails, seeded (the same seed and count give the same bytes), as a bounce
 * folder of an outbound farm collects them:
 * <ul>
 *   <li>RFC 3464 DSNs (multipart/report with message/delivery-status) in Postfix, Sendmail and
 *       Exchange/Outlook style, with one recipient or several;</li>
 *   <li>non-DSN notices in plain text: Exim, qmail, a Gmail-style notice (UTF-8, base64), a German
 *       provider (ISO-8859-1, quoted-printable), a Japanese provider (ISO-2022-JP) and a Chinese
 *       provider (GB2312/GBK, base64);</li>
 *   <li>auto-replies (out of office, RFC 3834 Auto-Submitted), which are not bounces.</li>
 * </ul>
 * About two thirds of the failed recipients carry a reply of one of the guide's rows (blocklisted in
 * Spamhaus, Barracuda, SpamCop and RBL wordings; no PTR; HELO not found, not an FQDN, invalid; dynamic
 * IP); the rest are the everyday failures (unknown user, mailbox full, greylisting, content, no
 * domain). Every bounce returns the headers of our message with the Received line the receiver wrote,
 * which names our server's IP and the HELO name it used. Documentation IP ranges and example domains only.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.mailtriage.bench.BounceMboxGenerator OUT EMAILS [SEED]</pre>
 *
 * Prints one summary line: emails, bytes, bounces, auto-replies, failed recipients by guide row.
 */
public final class BounceMboxGenerator {
    /** How the email is written. */
    public enum Style {
        POSTFIX_DSN, SENDMAIL_DSN, EXCHANGE_DSN, EXIM_TEXT, QMAIL_TEXT, GMAIL_TEXT_BASE64, GERMAN_LATIN1_QP,
        JAPANESE_ISO_2022_JP, CHINESE_GB2312_BASE64, AUTO_REPLY
    }

    /** What was written: the truth a reader of the mbox is checked against. */
    public record Summary(long emails, long bytes, long bounces, long autoReplies, long failedRecipients,
            Map<GuideRule, Long> recipientsByGuideRow, Map<Style, Long> emailsByStyle) {
        public Summary {
            recipientsByGuideRow = Map.copyOf(recipientsByGuideRow);
            emailsByStyle = Map.copyOf(emailsByStyle);
        }

        public long guideRow(GuideRule row) {
            return recipientsByGuideRow.getOrDefault(row, 0L);
        }

        @Override
        public String toString() {
            return String.format("%d emails, %d bytes: %d bounces (%d failed recipients, by guide row %s), %d auto-replies",
                    emails, bytes, bounces, failedRecipients, recipientsByGuideRow, autoReplies);
        }
    }

    /** One refusal: the receiver's reply (%IP% our IP, %HELO% our HELO name, %RCPT% the recipient), its status and guide row. */
    private record Refusal(GuideRule row, String status, String reply) {
    }

    /** One failed recipient of a bounce. */
    private record Failure(String recipient, String status, String reply, GuideRule row, String mx, String mxIp) {
        Failure {
            requireNonNull(recipient, "recipient is null");
        }

        String code() {
            return reply.substring(0, 3);
        }

        /** The reply without its code and status ("Service unavailable; ..."). */
        String words() {
            String rest = reply.substring(4);
            return rest.startsWith(status + " ") ? rest.substring(status.length() + 1) : rest;
        }
    }

    private static final Refusal[] GUIDE_REFUSALS = {
        new Refusal(GuideRule.BLOCKLISTED, "5.7.1", "554 5.7.1 Service unavailable; Client host [%IP%] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/%IP%"),
        new Refusal(GuideRule.BLOCKLISTED, "5.7.1", "550 5.7.1 Service unavailable; client [%IP%] blocked using sbl.spamhaus.org"),
        new Refusal(GuideRule.BLOCKLISTED, "5.7.1", "554 5.7.1 Service unavailable; Client host [%IP%] blocked using b.barracudacentral.org; http://www.barracudanetworks.com/reputation/?pr=1&ip=%IP%"),
        new Refusal(GuideRule.BLOCKLISTED, "5.7.1", "550 5.7.1 Service unavailable; Client host [%IP%] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?%IP%"),
        new Refusal(GuideRule.BLOCKLISTED, "5.7.1", "550 5.7.1 Mail from %IP% is listed in RBL, see http://www.anti-spam.org.cn/"),
        new Refusal(GuideRule.BLOCKLISTED, "5.7.1", "554 5.7.1 Rejected: %IP% is in a DNS blacklist"),
        new Refusal(GuideRule.NO_PTR, "4.7.1", "450 4.7.1 Client host rejected: cannot find your hostname, [%IP%]"),
        new Refusal(GuideRule.NO_PTR, "5.7.25", "550 5.7.25 [%IP%] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP. As a policy, this receiver does not accept messages from IPs with missing PTR records."),
        new Refusal(GuideRule.HELO_HOST_NOT_FOUND, "4.7.1", "450 4.7.1 <%HELO%>: Helo command rejected: Host not found"),
        new Refusal(GuideRule.HELO_NOT_FQDN, "5.5.2", "504 5.5.2 <%HELO%>: Helo command rejected: need fully-qualified hostname"),
        new Refusal(GuideRule.HELO_INVALID_NAME, "5.5.2", "501 5.5.2 <%HELO%>: Helo command rejected: Invalid name"),
        new Refusal(GuideRule.DYNAMIC_IP, "5.7.1", "554 5.7.1 <%RCPT%>: Recipient address rejected: Dynamic IP"),
    };
    private static final Refusal[] OTHER_REFUSALS = {
        new Refusal(null, "5.1.1", "550 5.1.1 <%RCPT%>: Recipient address rejected: User unknown in virtual mailbox table"),
        new Refusal(null, "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos."),
        new Refusal(null, "5.2.2", "552 5.2.2 <%RCPT%>: Mailbox full"),
        new Refusal(null, "5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering."),
        new Refusal(null, "5.4.4", "550 5.4.4 Host or domain name not found. Name service error for type=MX: Host not found"),
    };
    private static final String[] LOCAL_PARTS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
        "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "info", "sales", "support"};
    private static final String[] RECEIVER_DOMAINS = {"example.net", "example.org", "mail.example", "mail.test", "example.edu",
        "customers.example", "shop.example.net", "mx.example"};
    private static final String INVALID_HELO = "邮件服务器";

    private final Random random;
    private final Style onlyStyle;
    private final Map<GuideRule, Long> byRow = new EnumMap<>(GuideRule.class);
    private final Map<Style, Long> byStyle = new EnumMap<>(Style.class);
    private long bounces;
    private long autoReplies;
    private long failedRecipients;
    private int sequence;

    /** @param onlyStyle write every email in this style (for tests of one style), or null for the mix */
    BounceMboxGenerator(long seed, Style onlyStyle) {
        random = new Random(seed);
        this.onlyStyle = onlyStyle;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BounceMboxGenerator OUT EMAILS [SEED]");
            System.exit(2);
        }
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261126L;
        Summary summary = write(Path.of(args[0]), Integer.parseInt(args[1]), seed);
        System.out.println(args[0] + ": " + summary);
    }

    public static Summary write(Path out, int emails, long seed) throws IOException {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            return new BounceMboxGenerator(seed, null).writeTo(stream, emails);
        }
    }

    Summary writeTo(OutputStream out, int emails) throws IOException {
        long bytes = 0;
        for (int index = 0; index < emails; index++) {
            sequence = index;
            int second = (int) ((long) index * 86_399 / Math.max(1, emails));
            Style style = pickStyle();
            byStyle.merge(style, 1L, Long::sum);
            String time = clock(second);
            String email = style == Style.AUTO_REPLY ? autoReply(time) : bounce(style, time);
            byte[] separator = ("From " + (style == Style.AUTO_REPLY ? "someone@example.net" : "MAILER-DAEMON") + " Thu Nov 26 "
                    + time + " 2026\n").getBytes(StandardCharsets.US_ASCII);
            byte[] body = quoteFromLines(email).getBytes(style == Style.JAPANESE_ISO_2022_JP ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8);
            out.write(separator);
            out.write(body);
            out.write('\n');
            bytes += separator.length + body.length + 1;
        }
        return new Summary(emails, bytes, bounces, autoReplies, failedRecipients, byRow, byStyle);
    }

    private Style pickStyle() {
        if (onlyStyle != null) {
            return onlyStyle;
        }
        int pick = random.nextInt(100);
        if (pick < 30) {
            return Style.POSTFIX_DSN;
        } else if (pick < 38) {
            return Style.SENDMAIL_DSN;
        } else if (pick < 48) {
            return Style.EXCHANGE_DSN;
        } else if (pick < 58) {
            return Style.EXIM_TEXT;
        } else if (pick < 64) {
            return Style.QMAIL_TEXT;
        } else if (pick < 72) {
            return Style.GMAIL_TEXT_BASE64;
        } else if (pick < 78) {
            return Style.GERMAN_LATIN1_QP;
        } else if (pick < 84) {
            return Style.JAPANESE_ISO_2022_JP;
        } else if (pick < 92) {
            return Style.CHINESE_GB2312_BASE64;
        }
        return Style.AUTO_REPLY;
    }

    private String bounce(Style style, String time) {
        int server = 1 + random.nextInt(20);
        String serverName = "out" + server + ".example.com";
        String ourIp = server <= 16 ? "192.0.2." + (9 + server) : "2001:db8:10::" + Integer.toHexString(0x20 + server);
        Refusal first = pickRefusal();
        String helo = switch (first.row() == null ? "" : first.row().label()) {
            case "helo_host_not_found" -> "mail" + server + ".example.invalid";
            case "helo_not_fqdn" -> "out" + server;
            case "helo_invalid_name" -> INVALID_HELO;
            default -> serverName;
        };
        // DSNs often report several recipients of one message; the text notices here report one.
        boolean dsn = style == Style.POSTFIX_DSN || style == Style.SENDMAIL_DSN || style == Style.EXCHANGE_DSN;
        int count = dsn && random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
        String domain = RECEIVER_DOMAINS[random.nextInt(RECEIVER_DOMAINS.length)];
        String mx = (random.nextBoolean() ? "mx" : "mx" + random.nextInt(3)) + "." + domain;
        String mxIp = random.nextBoolean() ? "198.51.100." + (1 + random.nextInt(254)) : "203.0.113." + (1 + random.nextInt(254));
        List<Failure> failures = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String recipient = LOCAL_PARTS[(sequence + index) % LOCAL_PARTS.length] + (index == 0 ? "" : String.valueOf(index)) + "@" + domain;
            // Recipients of one message at one receiver share the refusal of the connection, or are refused one by one.
            Refusal refusal = index == 0 || random.nextBoolean() ? first : OTHER_REFUSALS[random.nextInt(OTHER_REFUSALS.length)];
            String reply = refusal.reply().replace("%IP%", ourIp).replace("%HELO%", helo).replace("%RCPT%", recipient);
            failures.add(new Failure(recipient, refusal.status(), reply, refusal.row(), mx, mxIp));
            if (refusal.row() != null) {
                byRow.merge(refusal.row(), 1L, Long::sum);
            }
        }
        bounces++;
        failedRecipients += failures.size();
        String returned = returnedHeaders(helo, serverName, ourIp, mx, failures.get(0).recipient(), time);
        return switch (style) {
            case POSTFIX_DSN -> postfixDsn(serverName, failures, returned, time);
            case SENDMAIL_DSN -> sendmailDsn(serverName, ourIp, failures, returned, time);
            case EXCHANGE_DSN -> exchangeDsn(failures, returned, time);
            case EXIM_TEXT -> eximText(serverName, failures.get(0), returned, time);
            case QMAIL_TEXT -> qmailText(serverName, failures.get(0), returned, time);
            case GMAIL_TEXT_BASE64 -> gmailText(failures.get(0), returned, time);
            case GERMAN_LATIN1_QP -> germanText(failures.get(0), returned, time);
            case JAPANESE_ISO_2022_JP -> japaneseText(failures.get(0), returned, time);
            case CHINESE_GB2312_BASE64 -> chineseText(failures.get(0), returned, time);
            case AUTO_REPLY -> throw new IllegalStateException("not a bounce");
        };
    }

    private Refusal pickRefusal() {
        // Two thirds guide rows, blocklisting the most common of them.
        int pick = random.nextInt(300);
        if (pick < 200) {
            int blocklistWordings = 6;
            int row = pick < 80 ? random.nextInt(blocklistWordings) : blocklistWordings + random.nextInt(GUIDE_REFUSALS.length - blocklistWordings);
            return GUIDE_REFUSALS[row];
        }
        return OTHER_REFUSALS[random.nextInt(OTHER_REFUSALS.length)];
    }

    /** The Received line the receiver wrote for our message: our HELO name, our PTR name and IP. */
    private String returnedHeaders(String helo, String serverName, String ourIp, String mx, String recipient, String time) {
        String id = queueId();
        String ip = ourIp.contains(":") ? "IPv6:" + ourIp : ourIp;
        return "Return-Path: <newsletter@example.com>\n"
                + "Received: from " + helo + " (" + serverName + " [" + ip + "])\n"
                + "\tby " + mx + " (Postfix) with ESMTPS id " + id + "\n"
                + "\tfor <" + recipient + ">; Thu, 26 Nov 2026 " + time + " +0000 (UTC)\n"
                + "Received: by " + serverName + " (Postfix, from userid 1001)\n"
                + "\tid " + queueId() + "; Thu, 26 Nov 2026 " + time + " +0000 (UTC)\n"
                + "From: Newsletter <newsletter@example.com>\n"
                + "To: <" + recipient + ">\n"
                + "Subject: November news\n"
                + "Message-ID: <news-" + sequence + "-" + id + "@example.com>\n"
                + "Date: Thu, 26 Nov 2026 " + time + " +0000\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=utf-8\n";
    }

    private String postfixDsn(String serverName, List<Failure> failures, String returned, String time) {
        String id = queueId();
        String boundary = id + "." + (1_795_000_000 + sequence) + "/" + serverName;
        boolean delayed = failures.get(0).status().startsWith("4");
        StringBuilder text = new StringBuilder();
        StringBuilder status = new StringBuilder();
        for (Failure failure : failures) {
            text.append('<').append(failure.recipient()).append(">: host ").append(failure.mx()).append('[').append(failure.mxIp())
                    .append("] said: ").append(failure.reply()).append(" (in reply to RCPT TO command)\n\n");
            status.append("Final-Recipient: rfc822; ").append(failure.recipient()).append('\n')
                    .append("Original-Recipient: rfc822;").append(failure.recipient()).append('\n')
                    .append("Action: ").append(failure.status().startsWith("4") ? "delayed" : "failed").append('\n')
                    .append("Status: ").append(failure.status()).append('\n')
                    .append("Remote-MTA: dns; ").append(failure.mx()).append('\n')
                    .append("Diagnostic-Code: smtp; ").append(failure.reply()).append("\n\n");
        }
        return "Return-Path: <>\n"
                + "Received: by " + serverName + " (Postfix)\n\tid " + id + "; Thu, 26 Nov 2026 " + time + " +0000 (UTC)\n"
                + "Date: Thu, 26 Nov 2026 " + time + " +0000 (UTC)\n"
                + "From: MAILER-DAEMON@" + serverName + " (Mail Delivery System)\n"
                + "Subject: " + (delayed ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender") + "\n"
                + "To: newsletter@example.com\n"
                + "Auto-Submitted: auto-replied\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + boundary + "\"\n"
                + "Message-Id: <20261126." + id + "@" + serverName + ">\n\n"
                + "This is a MIME-encapsulated message.\n\n"
                + "--" + boundary + "\n"
                + "Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
                + "This is the mail system at host " + serverName + ".\n\n"
                + "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\n"
                + "For further assistance, please send mail to postmaster.\n\n"
                + "                   The mail system\n\n"
                + text
                + "--" + boundary + "\n"
                + "Content-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; " + serverName + "\n"
                + "X-Postfix-Queue-ID: " + id + "\n"
                + "X-Postfix-Sender: rfc822; newsletter@example.com\n"
                + "Arrival-Date: Thu, 26 Nov 2026 " + time + " +0000 (UTC)\n\n"
                + status
                + "--" + boundary + "\n"
                + "Content-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                + returned + "\n"
                + "--" + boundary + "--\n";
    }

    private String sendmailDsn(String serverName, String ourIp, List<Failure> failures, String returned, String time) {
        String id = queueId();
        String boundary = id + "." + (1_795_000_000 + sequence) + "/" + serverName;
        StringBuilder text = new StringBuilder("   ----- The following addresses had permanent fatal errors -----\n");
        StringBuilder status = new StringBuilder();
        for (Failure failure : failures) {
            text.append('<').append(failure.recipient()).append(">\n    (reason: ").append(failure.reply()).append(")\n");
            status.append("Final-Recipient: RFC822; ").append(failure.recipient()).append('\n')
                    .append("Action: failed\n")
                    .append("Status: ").append(failure.status()).append('\n')
                    .append("Remote-MTA: DNS; ").append(failure.mx()).append('\n')
                    .append("Diagnostic-Code: SMTP; ").append(failure.reply()).append('\n')
                    .append("Last-Attempt-Date: Thu, 26 Nov 2026 ").append(time).append(" GMT\n\n");
        }
        Failure first = failures.get(0);
        text.append("\n   ----- Transcript of session follows -----\n... while talking to ").append(first.mx()).append(".:\n>>> RCPT To:<")
                .append(first.recipient()).append(">\n<<< ").append(first.reply()).append('\n');
        return "Return-Path: <>\n"
                + "Date: Thu, 26 Nov 2026 " + time + " GMT\n"
                + "From: Mail Delivery Subsystem <MAILER-DAEMON@" + serverName + ">\n"
                + "To: <newsletter@example.com>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + boundary + "\"\n"
                + "Subject: Returned mail: see transcript for details\n"
                + "Auto-Submitted: auto-generated (failure)\n\n"
                + "This is a MIME-encapsulated message\n\n"
                + "--" + boundary + "\n\n"
                + "The original message was received at Thu, 26 Nov 2026 " + time + " GMT\nfrom " + serverName + " [" + ourIp + "]\n\n"
                + text + "\n"
                + "--" + boundary + "\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; " + serverName + "\n"
                + "Arrival-Date: Thu, 26 Nov 2026 " + time + " GMT\n\n"
                + status
                + "--" + boundary + "\nContent-Type: text/rfc822-headers\n\n"
                + returned + "\n"
                + "--" + boundary + "--\n";
    }

    /** Exchange Online / Outlook: the notice is UTF-8 quoted-printable, then the DSN and the returned headers. */
    private String exchangeDsn(List<Failure> failures, String returned, String time) {
        String boundary = "_000_" + queueId() + "_";
        String reporting = "DM6PR01MB" + (1000 + random.nextInt(9000)) + ".prod.outlook.example.com";
        StringBuilder notice = new StringBuilder("Your message to ").append(failures.get(0).recipient())
                .append(" couldn’t be delivered.\n\nDelivery has failed to these recipients or groups:\n\n");
        StringBuilder status = new StringBuilder();
        for (Failure failure : failures) {
            notice.append(failure.recipient()).append('\n').append("The server has rejected your message. Remote server returned '")
                    .append(failure.reply()).append("'\n\n");
            status.append("Final-recipient: RFC822; ").append(failure.recipient()).append('\n')
                    .append("Action: failed\n")
                    .append("Status: ").append(failure.status()).append('\n')
                    .append("Remote-MTA: dns; ").append(failure.mx()).append('\n')
                    .append("Diagnostic-code: smtp; ").append(failure.reply()).append("\n\n");
        }
        notice.append("Diagnostic information for administrators:\n\nGenerating server: ").append(reporting).append("\n\n—— Übermittlungsbericht ——\n");
        return "Received: from " + reporting + " (2603:10b6::1) by " + reporting + " with Microsoft SMTP Server; Thu, 26 Nov 2026 " + time + " +0000\n"
                + "From: postmaster@outlook.example.com\n"
                + "To: newsletter@example.com\n"
                + "Date: Thu, 26 Nov 2026 " + time + " +0000\n"
                + "Subject: Undeliverable: November news\n"
                + "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + boundary + "\"\n"
                + "MIME-Version: 1.0\n"
                + "Auto-Submitted: auto-replied\n\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n"
                + quotedPrintable(notice.toString(), StandardCharsets.UTF_8) + "\n"
                + "--" + boundary + "\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns;" + reporting + "\n"
                + "Received-From-MTA: dns;out.example.com\n"
                + "Arrival-Date: Thu, 26 Nov 2026 " + time + " +0000\n\n"
                + status
                + "--" + boundary + "\nContent-Type: text/rfc822-headers\n\n"
                + returned + "\n"
                + "--" + boundary + "--\n";
    }

    private String eximText(String serverName, Failure failure, String returned, String time) {
        String id = "1v" + queueId().substring(0, 4) + "-000" + (100 + random.nextInt(900)) + "-" + queueId().substring(0, 2);
        return "Return-path: <>\n"
                + "Received: from Debian-exim by " + serverName + " with local (Exim 4.96)\n\tid " + id + "\n"
                + "\tfor newsletter@example.com; Thu, 26 Nov 2026 " + time + " +0000\n"
                + "X-Failed-Recipients: " + failure.recipient() + "\n"
                + "Auto-Submitted: auto-replied\n"
                + "From: Mail Delivery System <Mailer-Daemon@" + serverName + ">\n"
                + "To: newsletter@example.com\n"
                + "Subject: Mail delivery failed: returning message to sender\n"
                + "Message-Id: <E" + id + "@" + serverName + ">\n"
                + "Date: Thu, 26 Nov 2026 " + time + " +0000\n\n"
                + "This message was created automatically by mail delivery software.\n\n"
                + "A message that you sent could not be delivered to one or more of its\n"
                + "recipients. This is a permanent error. The following address(es) failed:\n\n"
                + "  " + failure.recipient() + "\n"
                + "    host " + failure.mx() + " [" + failure.mxIp() + "]\n"
                + "    SMTP error from remote mail server after RCPT TO:<" + failure.recipient() + ">:\n"
                + "    " + failure.reply() + "\n\n"
                + "------ This is a copy of the message, including all the headers. ------\n\n"
                + returned + "\n"
                + "Hello,\n\nthe November news are out.\n";
    }

    private String qmailText(String serverName, Failure failure, String returned, String time) {
        return "Return-Path: <>\n"
                + "Date: 26 Nov 2026 " + time + " -0000\n"
                + "From: MAILER-DAEMON@" + serverName + "\n"
                + "To: newsletter@example.com\n"
                + "Subject: failure notice\n\n"
                + "Hi. This is the qmail-send program at " + serverName + ".\n"
                + "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                + "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                + "<" + failure.recipient() + ">:\n"
                + failure.mxIp() + " does not like recipient.\n"
                + "Remote host said: " + failure.reply() + "\n"
                + "Giving up on " + failure.mxIp() + ".\n\n"
                + "--- Below this line is a copy of the message.\n\n"
                + returned + "\n"
                + "Hello,\n\nthe November news are out.\n";
    }

    private String gmailText(Failure failure, String returned, String time) {
        boolean blocked = failure.row() != null;
        String notice = (blocked ? "** Message blocked **\n\nYour message to " + failure.recipient()
                        + " has been blocked. See technical details below for more information.\n\n"
                        : "** Address not found **\n\nYour message wasn't delivered to " + failure.recipient()
                        + " because the address couldn't be found, or is unable to receive mail.\n\n")
                + "The response from the remote server was:\n"
                + failure.reply() + "\n\n"
                + "----- Original message -----\n\n"
                + returned;
        return "Return-Path: <>\n"
                + "Received: by mail-sor-f41.google.example with SMTP id " + queueId() + "; Thu, 26 Nov 2026 " + time + " -0800 (PST)\n"
                + "From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>\n"
                + "To: newsletter@example.com\n"
                + "Auto-Submitted: auto-replied\n"
                + "Subject: Delivery Status Notification (Failure)\n"
                + "Date: Thu, 26 Nov 2026 " + time + " -0800 (PST)\n"
                + "Message-ID: <" + queueId() + ".gmail@mx.google.example>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + base64(notice, StandardCharsets.UTF_8);
    }

    private String germanText(Failure failure, String returned, String time) {
        String notice = "Ihre Nachricht konnte nicht zugestellt werden.\n\n"
                + "Empfänger: " + failure.recipient() + "\n"
                + "Grund: Der empfangende Server hat die Nachricht abgewiesen.\n"
                + "Antwort des Servers: " + failure.reply() + "\n\n"
                + "Bitte überprüfen Sie die Adresse oder wenden Sie sich an Ihren Administrator.\n\n"
                + "------ Ursprüngliche Nachricht (original message) ------\n"
                + returned;
        return "Return-Path: <>\n"
                + "Date: Thu, 26 Nov 2026 " + time + " +0100\n"
                + "From: Mailer-Daemon <postmaster@provider.example.org>\n"
                + "To: newsletter@example.com\n"
                + "Subject: Unzustellbar: November news\n"
                + "Auto-Submitted: auto-replied\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=\"ISO-8859-1\"\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n"
                + quotedPrintable(notice, StandardCharsets.ISO_8859_1) + "\n";
    }

    private String japaneseText(Failure failure, String returned, String time) {
        String notice = "次の宛先へのメール配信に失敗しました。\n\n"
                + "宛先: " + failure.recipient() + "\n"
                + "エラー: " + failure.reply() + "\n\n"
                + "------ 元のメッセージ (original message) ------\n"
                + asciiOnly(returned);
        Charset jis = Charset.forName("ISO-2022-JP");
        return "Return-Path: <>\n"
                + "Date: Thu, 26 Nov 2026 " + time + " +0900\n"
                + "From: MAILER-DAEMON@mail.example.jp.test\n"
                + "To: newsletter@example.com\n"
                + "Subject: =?ISO-2022-JP?B?" + Base64.getEncoder().encodeToString("配信エラー: November news".getBytes(jis)) + "?=\n"
                + "Auto-Submitted: auto-replied\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=\"ISO-2022-JP\"\n"
                + "Content-Transfer-Encoding: 7bit\n\n"
                + new String(notice.getBytes(jis), StandardCharsets.US_ASCII);
    }

    private String chineseText(Failure failure, String returned, String time) {
        boolean gbk = random.nextBoolean();
        Charset charset = Charset.forName(gbk ? "GBK" : "GB2312");
        String name = gbk ? "GBK" : "GB2312";
        String notice = "您好，您发送的邮件被退回。\n\n"
                + "收件人: " + failure.recipient() + "\n"
                + "退信原因: 对方服务器拒收\n"
                + "服务器返回: " + failure.reply() + "\n\n"
                + "建议: 请联系您的邮件服务器管理员。\n\n"
                + "------------------ 原始邮件 ------------------\n"
                + asciiOnly(returned);
        return "Return-Path: <>\n"
                + "Date: Thu, 26 Nov 2026 " + time + " +0800\n"
                + "From: =?" + name + "?B?" + Base64.getEncoder().encodeToString("系统管理员".getBytes(charset)) + "?= <postmaster@mail.example.cn.test>\n"
                + "To: newsletter@example.com\n"
                + "Subject: =?" + name + "?B?" + Base64.getEncoder().encodeToString("系统退信".getBytes(charset)) + "?=\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=\"" + name + "\"\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + base64(notice, charset);
    }

    private String autoReply(String time) {
        autoReplies++;
        String person = LOCAL_PARTS[random.nextInt(LOCAL_PARTS.length)];
        String domain = RECEIVER_DOMAINS[random.nextInt(RECEIVER_DOMAINS.length)];
        String head = "Return-Path: <>\n"
                + "Date: Thu, 26 Nov 2026 " + time + " +0000\n"
                + "From: " + person + " <" + person + "@" + domain + ">\n"
                + "To: newsletter@example.com\n"
                + "Auto-Submitted: auto-replied\n"
                + "Precedence: auto_reply\n"
                + "Message-ID: <ooo-" + sequence + "@" + domain + ">\n";
        if (random.nextBoolean()) {
            return head + "Subject: Out of office: November news\n\n"
                    + "I am away until December 1st with limited access to mail.\nFor urgent matters please contact support@" + domain + ".\n";
        }
        return head + "Subject: Automatische Antwort: November news\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=\"ISO-8859-1\"\nContent-Transfer-Encoding: quoted-printable\n\n"
                + quotedPrintable("Ich bin bis zum 1. Dezember nicht im Büro und lese keine E-Mails.\nIn dringenden Fällen: support@" + domain + "\n",
                        StandardCharsets.ISO_8859_1) + "\n";
    }

    private String clock(int second) {
        return String.format("%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60);
    }

    private String queueId() {
        return Long.toHexString(0x10000000000L + (random.nextLong() & 0xFFFFFFFFFFL)).toUpperCase(java.util.Locale.ROOT).substring(1);
    }

    /** The invalid (non-ASCII) HELO name cannot survive a legacy charset; the returned copy names it as receivers log it. */
    private static String asciiOnly(String text) {
        return text.replace(INVALID_HELO, "=?UTF-8?B?" + Base64.getEncoder().encodeToString(INVALID_HELO.getBytes(StandardCharsets.UTF_8)) + "?=");
    }

    /** mboxrd: a body line starting with "From " (or a quoted one) gets one more '&gt;'. */
    static String quoteFromLines(String email) {
        if (!email.contains("\nFrom ") && !email.contains("\n>From ")) {
            return email;
        }
        return email.replaceAll("\n(>*From )", "\n>$1");
    }

    static String base64(String text, Charset charset) {
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(text.getBytes(charset)) + "\n";
    }

    /** RFC 2045 quoted-printable of {@code text} in {@code charset}; lines end in LF, soft breaks keep lines ≤ 76. */
    static String quotedPrintable(String text, Charset charset) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        String[] lines = text.split("\n", -1);
        for (int number = 0; number < lines.length; number++) {
            byte[] bytes = lines[number].getBytes(charset);
            int column = 0;
            for (int index = 0; index < bytes.length; index++) {
                int value = bytes[index] & 0xFF;
                boolean last = index == bytes.length - 1;
                String piece = (value >= 33 && value <= 126 && value != '=') || ((value == ' ' || value == '\t') && !last)
                        ? String.valueOf((char) value) : String.format("=%02X", value);
                if (column + piece.length() > 75) {
                    out.append("=\n");
                    column = 0;
                }
                out.append(piece);
                column += piece.length();
            }
            if (number < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
