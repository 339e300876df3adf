package org.mailtriage.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.model.Direction;
import org.mailtriage.model.ReplyCodes;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.model.SourceFormat;

/**
 * Courier MTA syslog lines → events. Outbound, courieresmtp logs an attempt over several lines of one
 * "id=…,from=&lt;…&gt;,addr=&lt;…&gt;": the command it sent ("&gt;&gt;&gt; RCPT TO:&lt;…&gt;"), each reply line
 * ("550-5.7.1 …", "550 5.7.1 …") or a connection error, and last "status: deferred|failure|success". The event is
 * made at the status line, from the lines before it; so this parser keeps a little state and one instance must
 * read one range of one file in order (as LogChunkReader does). Inbound, courieresmtpd logs
 * "error,relay=::ffff:ip,msg="550 …",cmd: RCPT TO:&lt;…&gt;" and "error,relay=…,from=&lt;…&gt;,to=&lt;…&gt;: 5xx …".
 */
public final class CourierParser extends SyslogLineParser {
    public static final List<String> PREFILTER_TOKENS = List.of("addr=<", "error,relay=");

    public static final String FORM_DIALOG = "dialog";
    public static final String FORM_STATUS = "status";
    public static final String FORM_ERROR_MESSAGE = "error_message";
    public static final String FORM_ERROR_ENVELOPE = "error_envelope";
    private static final List<String> FORMS = List.of(FORM_DIALOG, FORM_STATUS, FORM_ERROR_MESSAGE, FORM_ERROR_ENVELOPE, FORM_BAD_LINE);

    private static final int MAX_PENDING = 10_000;
    private static final Pattern OUTBOUND = Pattern.compile("^id=([^,]+),from=<([^>]*)>,addr=<([^>]*)>(?:: (.*)|,status: (\\w+))$", Pattern.DOTALL);
    private static final Pattern ERROR_MESSAGE = Pattern.compile("^error,relay=([^,]+),(?:ident=[^,]*,)?msg=\"(.*)\",cmd: (.*)$", Pattern.DOTALL);
    private static final Pattern ERROR_ENVELOPE = Pattern.compile(
            "^error,relay=([^,]+),(?:ident=[^,]*,)?(?:from=<([^>]*)>,)?(?:to=<([^>]*)>)?: (.*)$", Pattern.DOTALL);

    private static final TokenFilter PREFILTER = new TokenFilter(PREFILTER_TOKENS);

    /** What the lines before a status line said about one recipient of one message. */
    private static final class Attempt {
        private SmtpStage stage = SmtpStage.UNKNOWN;
        private final StringBuilder reply = new StringBuilder();
    }

    private final Map<String, Attempt> attempts = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Attempt> eldest) {
            return size() > MAX_PENDING;
        }
    };

    public CourierParser(ServerDirectory servers) {
        super(servers, FORMS, program -> program.startsWith("courier"));
    }

    @Override
    public TokenFilter prefilter() {
        return PREFILTER;
    }

    @Override
    protected Parsed parseMessage(SourceLine line, SyslogHeader header) {
        String program = header.component();
        if (program.equals("courieresmtp") || program.equals("courierlocal")) {
            return outbound(line, header);
        }
        if (program.equals("courieresmtpd")) {
            return inbound(line, header);
        }
        return Parsed.ignored();
    }

    private Parsed outbound(SourceLine line, SyslogHeader header) {
        Matcher outbound = OUTBOUND.matcher(header.message());
        if (!outbound.matches()) {
            return Parsed.quarantined(FORM_BAD_LINE, "unrecognised_courieresmtp_line");
        }
        String key = outbound.group(1) + '\u0000' + outbound.group(3);
        String status = outbound.group(5);
        if (status == null) {
            Attempt attempt = attempts.computeIfAbsent(key, ignored -> new Attempt());
            String text = outbound.group(4).strip();
            if (text.startsWith(">>> ")) {
                attempt.stage = SmtpStage.fromWords(text.substring(4));
                attempt.reply.setLength(0);
            } else {
                // A multi-line reply arrives one line each: "550-5.7.1 a", "550 5.7.1 b". Joined with spaces,
                // ReplyCodes drops the repeated codes, as for Postfix's flattened replies.
                if (attempt.reply.length() > 0) {
                    attempt.reply.append(' ');
                }
                attempt.reply.append(text);
            }
            return Parsed.of(FORM_DIALOG, ParseOutcome.IGNORED);
        }
        Attempt attempt = attempts.remove(key);
        if (status.equals("success")) {
            return Parsed.of(FORM_STATUS, ParseOutcome.IGNORED);
        }
        if (!status.equals("deferred") && !status.equals("failure")) {
            return Parsed.quarantined(FORM_BAD_LINE, "unknown_courier_status");
        }
        boolean deferred = status.equals("deferred");
        String reply = attempt == null ? "" : attempt.reply.toString();
        SmtpStage stage = attempt == null ? SmtpStage.UNKNOWN : attempt.stage;
        if (stage == SmtpStage.UNKNOWN && reply.startsWith("Connection")) {
            stage = SmtpStage.CONNECT;
        }
        EventBuilder event = new EventBuilder(line, SourceFormat.COURIER, header.time(), Direction.OUTBOUND, deferred ? "deferred" : "bounced")
                .reportingHost(header.host()).queueId(outbound.group(1)).sender(outbound.group(2)).recipient(outbound.group(3))
                .reply(ReplyCodes.split(reply, stage), null).dsnAction(deferred ? "delayed" : "failed")
                .outboundDefaults(servers);
        return Parsed.of(FORM_STATUS, new ParseOutcome.Events(List.of(event.build())));
    }

    private Parsed inbound(SourceLine line, SyslogHeader header) {
        String message = header.message();
        Matcher withMessage = ERROR_MESSAGE.matcher(message);
        if (withMessage.matches()) {
            SmtpStage stage = SmtpStage.fromWords(withMessage.group(3));
            String clientIp = clientIp(withMessage.group(1));
            String command = withMessage.group(3);
            String argument = command.contains(":") ? command.substring(command.indexOf(':') + 1) : null;
            EventBuilder event = new EventBuilder(line, SourceFormat.COURIER, header.time(), Direction.INBOUND, "reject")
                    .reportingHost(header.host()).remote(null, clientIp).sendingIp(clientIp)
                    .reply(ReplyCodes.split(withMessage.group(2), stage), null);
            if (stage == SmtpStage.RCPT) {
                event.recipient(argument);
            } else if (stage == SmtpStage.MAIL) {
                event.sender(argument);
            }
            return Parsed.of(FORM_ERROR_MESSAGE, new ParseOutcome.Events(List.of(event.build())));
        }
        Matcher withEnvelope = ERROR_ENVELOPE.matcher(message);
        if (withEnvelope.matches()) {
            String clientIp = clientIp(withEnvelope.group(1));
            SmtpStage stage = withEnvelope.group(3) != null ? SmtpStage.RCPT : withEnvelope.group(2) != null ? SmtpStage.MAIL : SmtpStage.UNKNOWN;
            EventBuilder event = new EventBuilder(line, SourceFormat.COURIER, header.time(), Direction.INBOUND, "reject")
                    .reportingHost(header.host()).remote(null, clientIp).sendingIp(clientIp)
                    .sender(withEnvelope.group(2)).recipient(withEnvelope.group(3))
                    .reply(ReplyCodes.split(withEnvelope.group(4), stage), null);
            return Parsed.of(FORM_ERROR_ENVELOPE, new ParseOutcome.Events(List.of(event.build())));
        }
        return message.startsWith("error,") ? Parsed.quarantined(FORM_BAD_LINE, "unrecognised_courieresmtpd_error") : Parsed.ignored();
    }

    /** Courier logs IPv4 clients as IPv4-mapped IPv6 ("::ffff:203.0.113.5"). */
    private static String clientIp(String relay) {
        String ip = relay.strip();
        return ip.regionMatches(true, 0, "::ffff:", 0, 7) && ip.indexOf('.') > 0 ? ip.substring(7) : ip;
    }
}
