package org.mailtriage.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.model.Direction;
import org.mailtriage.model.Reply;
import org.mailtriage.model.ReplyCodes;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.model.SourceFormat;

/**
 * OpenSMTPD (6.x and later) syslog lines → events. Outbound: "SESSION mta delivery evpid=… from=&lt;…&gt; to=&lt;…&gt;
 * source="ip" relay="ip (host)" … result="TempFail|PermFail" stat="reply"" (mda deliveries likewise, with no
 * relay). Inbound: "SESSION smtp failed-command command="RCPT TO:&lt;…&gt;" result="550 …""; the client address is
 * only on the session's "connected" line, so it is filled in only when the line carries address=.
 */
public final class OpenSmtpdParser extends SyslogLineParser {
    public static final List<String> PREFILTER_TOKENS = List.of("result=\"TempFail\"", "result=\"PermFail\"", "failed-command");

    public static final String FORM_MTA_DELIVERY = "mta_delivery";
    public static final String FORM_MDA_DELIVERY = "mda_delivery";
    public static final String FORM_FAILED_COMMAND = "failed_command";
    private static final List<String> FORMS = List.of(FORM_MTA_DELIVERY, FORM_MDA_DELIVERY, FORM_FAILED_COMMAND, FORM_BAD_LINE);

    private static final Pattern EVENT = Pattern.compile("^([0-9a-f]{16}) (mta|mda|smtp) (delivery|failed-command) (.*)$", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
    /** relay="198.51.100.5 (mx.example.net)" in OpenSMTPD; "mx.example.net [198.51.100.5]" accepted too. */
    private static final Pattern RELAY_IP_FIRST = Pattern.compile("^\\[?([0-9A-Fa-f.:]+)\\]?(?:\\s+\\(([^)]*)\\))?$");
    private static final Pattern RELAY_NAME_FIRST = Pattern.compile("^(\\S+)\\s+\\[([^\\]]+)\\]$");

    private static final TokenFilter PREFILTER = new TokenFilter(PREFILTER_TOKENS);

    public OpenSmtpdParser(ServerDirectory servers) {
        super(servers, FORMS, program -> program.equals("smtpd"));
    }

    @Override
    public TokenFilter prefilter() {
        return PREFILTER;
    }

    @Override
    protected Parsed parseMessage(SourceLine line, SyslogHeader header) {
        Matcher event = EVENT.matcher(header.message());
        if (!event.matches()) {
            return Parsed.ignored();
        }
        Map<String, String> fields = fields(event.group(4));
        String agent = event.group(2);
        if (event.group(3).equals("failed-command")) {
            return agent.equals("smtp") ? failedCommand(line, header, event.group(1), fields) : Parsed.ignored();
        }
        String result = fields.get("result");
        if (result == null) {
            return Parsed.quarantined(FORM_BAD_LINE, "delivery_without_result");
        }
        if (!result.equals("TempFail") && !result.equals("PermFail")) {
            return Parsed.ignored();
        }
        String recipient = fields.get("to");
        if (recipient == null) {
            return Parsed.quarantined(FORM_BAD_LINE, "delivery_without_recipient");
        }
        String remoteHost = null;
        String remoteIp = null;
        String relay = fields.get("relay");
        if (relay != null) {
            Matcher ipFirst = RELAY_IP_FIRST.matcher(relay.strip());
            Matcher nameFirst = RELAY_NAME_FIRST.matcher(relay.strip());
            if (ipFirst.matches()) {
                remoteIp = ipFirst.group(1);
                remoteHost = ipFirst.group(2);
            } else if (nameFirst.matches()) {
                remoteHost = nameFirst.group(1);
                remoteIp = nameFirst.group(2);
            }
        }
        boolean temporary = result.equals("TempFail");
        String stat = fields.getOrDefault("stat", "");
        Reply reply = ReplyCodes.split(stat, stat.startsWith("Connection") || stat.startsWith("Network error") ? SmtpStage.CONNECT : SmtpStage.UNKNOWN);
        EventBuilder builder = new EventBuilder(line, SourceFormat.OPENSMTPD, header.time(), Direction.OUTBOUND, temporary ? "deferred" : "bounced")
                .reportingHost(header.host()).queueId(fields.get("evpid")).sender(fields.get("from")).recipient(recipient)
                .remote(remoteHost, remoteIp).sendingIp(fields.get("source")).reply(reply, null)
                .dsnAction(temporary ? "delayed" : "failed");
        if (agent.equals("mta")) {
            // A local (mda) delivery has no remote server and sends from no IP of ours.
            builder.outboundDefaults(servers);
        }
        return Parsed.of(agent.equals("mta") ? FORM_MTA_DELIVERY : FORM_MDA_DELIVERY, new ParseOutcome.Events(List.of(builder.build())));
    }

    private Parsed failedCommand(SourceLine line, SyslogHeader header, String session, Map<String, String> fields) {
        String command = fields.get("command");
        String result = fields.get("result");
        if (command == null || result == null) {
            return Parsed.quarantined(FORM_BAD_LINE, "failed_command_without_result");
        }
        SmtpStage stage = SmtpStage.fromWords(command);
        String argument = command.contains(":") ? command.substring(command.indexOf(':') + 1) : null;
        String clientIp = fields.get("address");
        EventBuilder builder = new EventBuilder(line, SourceFormat.OPENSMTPD, header.time(), Direction.INBOUND, "reject")
                .reportingHost(header.host()).queueId(session).remote(fields.get("host"), clientIp).sendingIp(clientIp)
                .reply(ReplyCodes.split(result, stage), null);
        if (stage == SmtpStage.RCPT) {
            builder.recipient(argument);
        } else if (stage == SmtpStage.MAIL) {
            builder.sender(argument);
        } else if (stage == SmtpStage.HELO && argument == null) {
            String[] words = command.strip().split("\\s+", 2);
            builder.heloName(words.length > 1 ? words[1] : null);
        }
        return Parsed.of(FORM_FAILED_COMMAND, new ParseOutcome.Events(List.of(builder.build())));
    }

    /** key=value and key="quoted \"value\"" pairs. */
    static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        Matcher field = FIELD.matcher(text);
        while (field.find()) {
            String value = field.group(2);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            fields.putIfAbsent(field.group(1), value);
        }
        return fields;
    }
}
