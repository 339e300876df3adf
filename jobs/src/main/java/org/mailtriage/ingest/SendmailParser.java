package org.mailtriage.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Sendmail syslog lines → events. Outbound: delivery lines
 * "QID: to=&lt;a&gt;[,&lt;b&gt;], … relay=mx.example.net. [ip], dsn=5.7.1, stat=…" (one event per recipient; the
 * relay's trailing dot is dropped; "stat=Deferred: …" is a deferral). Inbound: ruleset rejects
 * "ruleset=check_relay|check_mail|check_rcpt, arg1=…, relay=host [ip], reject=550 5.7.1 …" and milter rejects.
 * Process names sm-mta, sendmail, sm-msp-queue and sm-acceptingconnections; other programs are ignored.
 */
public final class SendmailParser extends SyslogLineParser {
    public static final List<String> PREFILTER_TOKENS = List.of("dsn=4", "dsn=5", "stat=Deferred", "reject=");

    public static final String FORM_DELIVERY = "delivery";
    public static final String FORM_RULESET_REJECT = "ruleset_reject";
    public static final String FORM_MILTER_REJECT = "milter_reject";
    private static final List<String> FORMS = List.of(FORM_DELIVERY, FORM_RULESET_REJECT, FORM_MILTER_REJECT, FORM_BAD_LINE);

    private static final Set<String> PROGRAMS = Set.of("sm-mta", "sendmail", "sm-msp-queue", "sm-acceptingconnections");
    private static final Pattern QUEUE_ID = Pattern.compile("^([0-9A-Za-z]{6,20}|NOQUEUE): (.*)$", Pattern.DOTALL);
    /** A field boundary: ", " followed by "name=". Values (stat=, reject=) may contain ", " themselves. */
    private static final Pattern FIELD_SEPARATOR = Pattern.compile(", (?=[A-Za-z_][A-Za-z0-9_]*=)");
    /** "mx.example.net. [198.51.100.5]", "[IPv6:2001:db8::5]", "host [ip] (may be forged)", or a bare name. */
    private static final Pattern RELAY = Pattern.compile("^(?:([^\\s\\[]+?)\\.?(?:\\s+|$))?(?:\\[([^\\]]+)\\])?.*$");
    private static final Pattern CONNECT_FAILURE = Pattern.compile("^(?:Connection refused|Connection timed out|Connection reset|No route to host|Network is unreachable)");
    private static final Pattern DEFERRED = Pattern.compile("^Deferred(?::\\s*(.*))?$", Pattern.DOTALL);

    private static final TokenFilter PREFILTER = new TokenFilter(PREFILTER_TOKENS);

    public SendmailParser(ServerDirectory servers) {
        super(servers, FORMS, PROGRAMS::contains);
    }

    @Override
    public TokenFilter prefilter() {
        return PREFILTER;
    }

    @Override
    protected Parsed parseMessage(SourceLine line, SyslogHeader header) {
        String message = header.message();
        String queueId = null;
        Matcher queue = QUEUE_ID.matcher(message);
        if (queue.matches()) {
            queueId = queue.group(1).equals("NOQUEUE") ? null : queue.group(1);
            message = queue.group(2);
        }
        if (message.startsWith("Milter")) {
            return milterReject(line, header, queueId, message);
        }
        Map<String, String> fields = fields(message);
        if (fields.containsKey("to") && fields.containsKey("stat")) {
            return delivery(line, header, queueId, fields);
        }
        if (fields.containsKey("ruleset") && fields.containsKey("reject")) {
            return rulesetReject(line, header, queueId, fields);
        }
        if (message.contains("reject=") || message.contains("stat=")) {
            return Parsed.quarantined(FORM_BAD_LINE, "unrecognised_sendmail_line");
        }
        return Parsed.ignored();
    }

    private Parsed delivery(SourceLine line, SyslogHeader header, String queueId, Map<String, String> fields) {
        String stat = fields.get("stat");
        String dsn = fields.get("dsn");
        boolean deferred = (dsn != null && dsn.startsWith("4")) || stat.startsWith("Deferred");
        if (dsn != null && dsn.startsWith("2") || stat.equals("Sent") || stat.startsWith("Sent ")) {
            return Parsed.of(FORM_DELIVERY, ParseOutcome.IGNORED);
        }
        Matcher deferral = DEFERRED.matcher(stat);
        String replyText = deferral.matches() ? (deferral.group(1) == null ? "" : deferral.group(1)) : stat;
        String remoteHost = null;
        String remoteIp = null;
        String relay = fields.get("relay");
        if (relay != null) {
            Matcher relayMatch = RELAY.matcher(relay.strip());
            if (relayMatch.matches()) {
                remoteHost = relayMatch.group(1);
                remoteIp = relayMatch.group(2);
            }
        }
        SmtpStage stage = CONNECT_FAILURE.matcher(replyText).find() ? SmtpStage.CONNECT : SmtpStage.UNKNOWN;
        Reply reply = ReplyCodes.split(replyText, stage);
        List<String> recipients = recipients(fields.get("to"));
        if (recipients.isEmpty()) {
            return Parsed.quarantined(FORM_BAD_LINE, "no_recipient");
        }
        List<DeliveryEvent> events = new ArrayList<>();
        for (int index = 0; index < recipients.size(); index++) {
            events.add(new EventBuilder(line, SourceFormat.SENDMAIL, header.time(), Direction.OUTBOUND, deferred ? "deferred" : "bounced")
                    .index(index).reportingHost(header.host()).queueId(queueId).recipient(recipients.get(index))
                    .remote(remoteHost, remoteIp).reply(reply, dsn).dsnAction(deferred ? "delayed" : "failed")
                    .outboundDefaults(servers).build());
        }
        return Parsed.of(FORM_DELIVERY, new ParseOutcome.Events(events));
    }

    private Parsed rulesetReject(SourceLine line, SyslogHeader header, String queueId, Map<String, String> fields) {
        String ruleset = fields.get("ruleset");
        SmtpStage stage = switch (ruleset) {
            case "check_relay" -> SmtpStage.CONNECT;
            case "check_mail" -> SmtpStage.MAIL;
            case "check_rcpt" -> SmtpStage.RCPT;
            case "check_data", "check_eoh", "check_eom" -> SmtpStage.END_OF_DATA;
            default -> SmtpStage.UNKNOWN;
        };
        String clientName = null;
        String clientIp = null;
        String relay = fields.get("relay");
        if (relay != null) {
            Matcher relayMatch = RELAY.matcher(relay.strip());
            if (relayMatch.matches()) {
                clientName = relayMatch.group(1);
                clientIp = relayMatch.group(2);
            }
        }
        if (clientIp == null && ruleset.equals("check_relay")) {
            clientIp = fields.get("arg2");
        }
        String argument = fields.get("arg1");
        EventBuilder event = new EventBuilder(line, SourceFormat.SENDMAIL, header.time(), Direction.INBOUND, "reject")
                .reportingHost(header.host()).queueId(queueId).remote(clientName, clientIp).sendingIp(clientIp)
                .reply(ReplyCodes.split(fields.get("reject"), stage), null);
        if (ruleset.equals("check_mail")) {
            event.sender(argument);
        } else if (ruleset.equals("check_rcpt")) {
            event.recipient(argument);
        }
        return Parsed.of(FORM_RULESET_REJECT, new ParseOutcome.Events(List.of(event.build())));
    }

    private Parsed milterReject(SourceLine line, SyslogHeader header, String queueId, String message) {
        int reject = message.indexOf("reject=");
        if (reject < 0) {
            return Parsed.ignored();
        }
        Map<String, String> fields = fields(message.substring(message.indexOf(':') + 1).strip());
        SmtpStage stage = fields.containsKey("rcpt") || fields.containsKey("to") ? SmtpStage.RCPT
                : fields.containsKey("from") ? SmtpStage.MAIL : SmtpStage.END_OF_DATA;
        EventBuilder event = new EventBuilder(line, SourceFormat.SENDMAIL, header.time(), Direction.INBOUND, "milter_reject")
                .reportingHost(header.host()).queueId(queueId)
                .recipient(fields.getOrDefault("rcpt", fields.get("to"))).sender(fields.get("from"))
                .reply(ReplyCodes.split(message.substring(reject + "reject=".length()), stage), null);
        return Parsed.of(FORM_MILTER_REJECT, new ParseOutcome.Events(List.of(event.build())));
    }

    /**
     * "a=1, b=x, y, stat=…" → {a: 1, b: "x, y", stat: …}: a value runs to the next ", name=", and the last
     * fields (stat=, reject=) run to the end of the line, since replies may contain anything.
     */
    static Map<String, String> fields(String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher separator = FIELD_SEPARATOR.matcher(message);
        int start = 0;
        while (start < message.length()) {
            int equals = message.indexOf('=', start);
            if (equals <= start) {
                break;
            }
            String key = message.substring(start, equals).strip();
            int end = message.length();
            if (!key.equals("stat") && !key.equals("reject") && separator.find(equals)) {
                end = separator.start();
            }
            if (key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                fields.putIfAbsent(key, message.substring(equals + 1, end));
            }
            start = end == message.length() ? end : separator.end();
        }
        return fields;
    }

    private static List<String> recipients(String to) {
        List<String> recipients = new ArrayList<>();
        for (String address : to.split(",")) {
            String unbracketed = Addresses.unbracket(address);
            if (unbracketed != null) {
                recipients.add(unbracketed);
            }
        }
        return recipients;
    }
}
