package org.mailtriage.ingest;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.model.Addresses;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.Direction;
import org.mailtriage.model.Reply;
import org.mailtriage.model.ReplyCodes;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.model.SourceFormat;

/**
 * Postfix log lines → events. Outbound: smtp/lmtp (and error/local/virtual/pipe) {@code status=bounced|deferred|expired}
 * and qmgr's {@code status=expired, returned to sender}; smtp's {@code QUEUEID: host X[IP] said: 4xx …} with no status
 * (one MX refused, the client tries the next: outcome {@code next_mx}). Inbound: smtpd {@code reject:} and cleanup
 * {@code milter-reject:}, postscreen {@code DNSBL rank}, dnsblog {@code listed by domain}.
 * Events come back unclassified; {@link EventClassifier} labels them.
 */
public final class PostfixParser extends MtaLineParser {
    /** Byte-level tokens that every line this parser turns into an event contains. */
    public static final List<String> PREFILTER_TOKENS = List.of(
            "status=bounced", "status=deferred", "status=expired", "status=undeliverable",
            "reject: ", "DNSBL rank", "listed by domain", "] said: ");

    private static final Set<String> DELIVERY_AGENTS = Set.of("smtp", "lmtp", "error", "local", "virtual", "pipe", "retry", "discard");
    private static final int RAW_LIMIT = 4096;

    /** smtp's "QUEUEID: host NAME[IP] said: …" when it goes on to the next MX (no status=; the final status comes later). */
    private static final Pattern NEXT_MX = Pattern.compile("^([0-9A-Za-z]+): (host \\S+?\\[[^\\]]+\\] said: .*)$", Pattern.DOTALL);
    private static final Pattern EXPIRED = Pattern.compile("^([0-9A-Za-z]+): from=<([^>]*)>,.*status=expired, (.*)$");
    private static final Pattern RELAY = Pattern.compile("^([^\\[\\s]+)\\[([^\\]]+)\\](?::\\d+)?$");
    private static final Pattern REFUSED = Pattern.compile("^host (\\S+?)\\[([^\\]]+)\\] refused to talk to me: (.*)$", Pattern.DOTALL);
    private static final Pattern CONNECT = Pattern.compile("^connect to (\\S+?)\\[([^\\]]+)\\](?::\\d+)?: (.*)$", Pattern.DOTALL);
    private static final Pattern LOST = Pattern.compile(
            "^(?:lost connection with|conversation with) (\\S+?)\\[([^\\]]+)\\](?: timed out)? while (.*)$", Pattern.DOTALL);
    private static final Pattern SUSPENDED = Pattern.compile("^delivery temporarily suspended: (.*)$", Pattern.DOTALL);

    private static final Pattern DNSBL_RANK = Pattern.compile("^DNSBL rank (\\d+) for \\[([^\\]]+)\\](?::\\d+)?");
    private static final Pattern LISTED_BY = Pattern.compile("^addr (\\S+) listed by domain (\\S+?)\\.? as (\\S+)");

    private static final TokenFilter PREFILTER = new TokenFilter(PREFILTER_TOKENS);

    public PostfixParser(ServerDirectory servers) {
        super(servers);
    }

    @Override
    public TokenFilter prefilter() {
        return PREFILTER;
    }

    @Override
    public ParseOutcome parse(SourceLine line) {
        SyslogHeader header = syslogHeader(line);
        if (header == null) {
            return ParseOutcome.quarantine("no_syslog_header");
        }
        String component = header.component();
        String message = header.message();
        if (DELIVERY_AGENTS.contains(component)) {
            return delivery(line, header, message);
        }
        return switch (component) {
            case "qmgr" -> expired(line, header, message);
            case "smtpd", "cleanup", "postscreen" -> message.startsWith("DNSBL rank")
                    ? dnsblRank(line, header, message)
                    : reject(line, header, message);
            case "dnsblog" -> listedBy(line, header, message);
            default -> ParseOutcome.IGNORED;
        };
    }

    private ParseOutcome delivery(SourceLine line, SyslogHeader header, String message) {
        PostfixScanners.Delivery delivery = PostfixScanners.delivery(message);
        if (delivery == null) {
            if (message.contains(" status=")) {
                return ParseOutcome.quarantine("unrecognised_delivery_status");
            }
            return message.contains("] said: ") ? nextMx(line, header, message) : ParseOutcome.IGNORED;
        }
        String status = delivery.status();
        String detail = delivery.detail();
        Matcher suspended = SUSPENDED.matcher(detail);
        if (suspended.matches()) {
            detail = suspended.group(1);
        }
        String remoteHost = null;
        String remoteIp = null;
        Matcher relay = RELAY.matcher(delivery.relay().strip());
        if (relay.matches()) {
            remoteHost = relay.group(1);
            remoteIp = Addresses.normalizeIp(relay.group(2));
        }
        SmtpStage stage = SmtpStage.UNKNOWN;
        String replyText = detail;
        Matcher matcher;
        PostfixScanners.Said said = PostfixScanners.said(detail);
        if (said != null) {
            remoteHost = said.host();
            remoteIp = Addresses.normalizeIp(said.ip());
            replyText = said.reply();
            stage = SmtpStage.fromWords(said.words());
        } else if ((matcher = REFUSED.matcher(detail)).matches()) {
            remoteHost = matcher.group(1);
            remoteIp = Addresses.normalizeIp(matcher.group(2));
            replyText = matcher.group(3);
            stage = SmtpStage.CONNECT;
        } else if ((matcher = CONNECT.matcher(detail)).matches()) {
            remoteHost = matcher.group(1);
            remoteIp = Addresses.normalizeIp(matcher.group(2));
            stage = SmtpStage.CONNECT;
        } else if ((matcher = LOST.matcher(detail)).matches()) {
            remoteHost = matcher.group(1);
            remoteIp = Addresses.normalizeIp(matcher.group(2));
            stage = stageOfWhile(matcher.group(3));
        }
        Reply reply = ReplyCodes.split(replyText, stage);
        // dsn= is trusted only when well formed (a mangled line can hold "dsn=420.1").
        String enhanced = reply.enhancedStatus() != null ? reply.enhancedStatus() : ReplyCodes.enhancedStatusOrNull(delivery.dsn());
        ServerDirectory.Server server = servers.find(header.host());
        String sendingIp = SendingIps.fromReply(reply.text(), remoteIp);
        if (sendingIp == null && server != null) {
            sendingIp = server.primaryIp();
        }
        String recipient = Addresses.unbracket("<" + delivery.recipient() + ">");
        return event(line, header, Direction.OUTBOUND, status, delivery.queueId(), null, recipient,
                emptyToNull(remoteHost), remoteIp, sendingIp, server == null ? null : server.heloName(),
                reply.stage(), reply.replyCode(), enhanced, dsnAction(status), reply.text());
    }

    /**
     * One MX refused (usually 4xx) and Postfix tries the next one: an attempt that failed, logged without a recipient or
     * status. The reply counts against our sending IP like any other; the message's own fate comes in a later line.
     */
    private ParseOutcome nextMx(SourceLine line, SyslogHeader header, String message) {
        Matcher nextMx = NEXT_MX.matcher(message);
        PostfixScanners.Said said = nextMx.matches() ? PostfixScanners.said(nextMx.group(2)) : null;
        if (said == null) {
            return ParseOutcome.quarantine("unrecognised_next_mx_line");
        }
        String remoteIp = Addresses.normalizeIp(said.ip());
        Reply reply = ReplyCodes.split(said.reply(), SmtpStage.fromWords(said.words()));
        ServerDirectory.Server server = servers.find(header.host());
        String sendingIp = SendingIps.fromReply(reply.text(), remoteIp);
        if (sendingIp == null && server != null) {
            sendingIp = server.primaryIp();
        }
        return event(line, header, Direction.OUTBOUND, "next_mx", nextMx.group(1), null, null, emptyToNull(said.host()), remoteIp, sendingIp,
                server == null ? null : server.heloName(), reply.stage(), reply.replyCode(), reply.enhancedStatus(), null, reply.text());
    }

    private ParseOutcome expired(SourceLine line, SyslogHeader header, String message) {
        Matcher expired = EXPIRED.matcher(message);
        if (!expired.matches()) {
            return message.contains("status=expired") ? ParseOutcome.quarantine("unrecognised_expired_line") : ParseOutcome.IGNORED;
        }
        ServerDirectory.Server server = servers.find(header.host());
        return event(line, header, Direction.OUTBOUND, "expired", expired.group(1), Addresses.unbracket("<" + expired.group(2) + ">"),
                null, null, null, server == null ? null : server.primaryIp(), server == null ? null : server.heloName(),
                SmtpStage.UNKNOWN, null, null, "failed", "status=expired, " + expired.group(3));
    }

    private ParseOutcome reject(SourceLine line, SyslogHeader header, String message) {
        PostfixScanners.Reject reject = PostfixScanners.reject(message);
        if (reject == null) {
            return message.contains("reject: ") ? ParseOutcome.quarantine("unrecognised_reject_line") : ParseOutcome.IGNORED;
        }
        String tail = reject.tail();
        String replyPart = tail;
        String envelope = "";
        int split = PostfixScanners.envelopeStart(tail);
        if (split >= 0) {
            replyPart = tail.substring(0, split);
            envelope = tail.substring(split + 1);
        }
        SmtpStage stage = SmtpStage.fromWords(reject.stage());
        Reply reply = ReplyCodes.split(replyPart, stage);
        String clientName = reject.clientName();
        String clientIp = Addresses.normalizeIp(reject.clientIp());
        String outcome = reject.action().equals("reject") ? "reject" : "milter_reject";
        String queueId = reject.queueId().equals("NOQUEUE") ? null : reject.queueId();
        return event(line, header, Direction.INBOUND, outcome, queueId,
                Addresses.unbracket("<" + PostfixScanners.envelopeValue(envelope, "from=<") + ">"),
                Addresses.unbracket("<" + PostfixScanners.envelopeValue(envelope, "to=<") + ">"),
                clientName.isEmpty() || clientName.equals("unknown") ? null : clientName, clientIp, clientIp,
                emptyToNull(PostfixScanners.envelopeValue(envelope, "helo=<")), reply.stage(), reply.replyCode(), reply.enhancedStatus(), null,
                reply.text());
    }

    private ParseOutcome dnsblRank(SourceLine line, SyslogHeader header, String message) {
        Matcher rank = DNSBL_RANK.matcher(message);
        if (!rank.find()) {
            return ParseOutcome.quarantine("unrecognised_dnsbl_rank_line");
        }
        String clientIp = Addresses.normalizeIp(rank.group(2));
        return event(line, header, Direction.INBOUND, "dnsbl_rank", null, null, null, null, clientIp, clientIp, null,
                SmtpStage.CONNECT, null, null, null, "DNSBL rank " + rank.group(1) + " for [" + clientIp + "]");
    }

    private ParseOutcome listedBy(SourceLine line, SyslogHeader header, String message) {
        Matcher listed = LISTED_BY.matcher(message);
        if (!listed.find()) {
            return message.contains("listed by domain") ? ParseOutcome.quarantine("unrecognised_dnsblog_line") : ParseOutcome.IGNORED;
        }
        String clientIp = Addresses.normalizeIp(listed.group(1));
        return event(line, header, Direction.INBOUND, "dnsbl_listed", null, null, null, null, clientIp, clientIp, null,
                SmtpStage.CONNECT, null, null, null, "addr " + clientIp + " listed by domain " + listed.group(2) + " as " + listed.group(3));
    }

    private static ParseOutcome event(SourceLine line, SyslogHeader header, Direction direction, String outcome, String queueId,
            String sender, String recipient, String remoteHost, String remoteIp, String sendingIp, String heloName,
            SmtpStage stage, Integer replyCode, String enhancedStatus, String dsnAction, String replyText) {
        DeliveryEvent event = new DeliveryEvent(
                EventIds.of(line.file(), line.offset(), 0), header.time(), SourceFormat.POSTFIX, line.file(), line.offset(),
                header.host(), direction, outcome, queueId, null, sender, recipient, remoteHost, remoteIp, sendingIp, heloName,
                stage.label(), replyCode, enhancedStatus, dsnAction, replyText, null, null, null, null, null, null, bounded(line.text()));
        return new ParseOutcome.Events(List.of(event));
    }

    private static SmtpStage stageOfWhile(String whileText) {
        String lower = whileText.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("greeting") || lower.contains("helo") || lower.contains("ehlo") || lower.contains("starttls")) {
            return lower.contains("helo") || lower.contains("ehlo") ? SmtpStage.HELO : SmtpStage.CONNECT;
        }
        if (lower.contains("end of data") || lower.contains("message content")) {
            return SmtpStage.END_OF_DATA;
        }
        if (lower.contains("rcpt")) {
            return SmtpStage.RCPT;
        }
        if (lower.contains("mail from")) {
            return SmtpStage.MAIL;
        }
        if (lower.contains("data")) {
            return SmtpStage.DATA;
        }
        return SmtpStage.UNKNOWN;
    }

    private static String dsnAction(String status) {
        return switch (status) {
            case "deferred" -> "delayed";
            default -> "failed";
        };
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static String bounded(String text) {
        return text.length() <= RAW_LIMIT ? text : text.substring(0, RAW_LIMIT);
    }
}
