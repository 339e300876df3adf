package org.mailtriage.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.model.Direction;
import org.mailtriage.model.Reply;
import org.mailtriage.model.ReplyCodes;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.model.SourceFormat;

/**
 * Exim mainlog lines → events. Outbound: {@code **} (bounced) and {@code ==} (deferred) delivery lines,
 * with the remote host either in the {@code H=} field (Exim ≥ 4.80: "H=mx [ip]: SMTP error from remote mail
 * server after RCPT TO:&lt;…&gt;: 550 …") or inside the message (older: "SMTP error … after RCPT TO:&lt;…&gt;:
 * host mx [ip]: 550 …"). Inbound: ACL rejects ("H=(helo) [ip] F=&lt;…&gt; rejected RCPT &lt;…&gt;: text") and
 * the built-in HELO syntax check; Exim logs no reply code for those, so the code stays empty and the text alone
 * is classified. Lines carry Exim's own time ("2026-11-26 03:14:15[.123] [+0100] [[pid]]") or a syslog header
 * (log_file_path = syslog); Exim writes multi-line replies with a literal "\n".
 */
public final class EximParser extends StampedLineParser {
    public static final List<String> PREFILTER_TOKENS = List.of("** ", "== ", "rejected ");

    public static final String FORM_SMTP_ERROR_HOST_FIELD = "smtp_error_host_field";
    public static final String FORM_SMTP_ERROR_HOST_IN_MESSAGE = "smtp_error_host_in_message";
    public static final String FORM_DELIVERY_OTHER = "delivery_other";
    public static final String FORM_DEFER_RETRY_WAIT = "defer_retry_wait";
    public static final String FORM_REJECT_ACL = "reject_acl";
    public static final String FORM_REJECT_HELO_SYNTAX = "reject_helo_syntax";
    public static final String FORM_REJECT_LOCAL_SCAN = "reject_local_scan";
    private static final List<String> FORMS = List.of(FORM_SMTP_ERROR_HOST_FIELD, FORM_SMTP_ERROR_HOST_IN_MESSAGE,
            FORM_DELIVERY_OTHER, FORM_DEFER_RETRY_WAIT, FORM_REJECT_ACL, FORM_REJECT_HELO_SYNTAX, FORM_REJECT_LOCAL_SCAN, FORM_BAD_LINE);

    private static final Pattern NATIVE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?)(?: ([+-]\\d{4}))?(?: \\[\\d+\\])?\\s+(.*)$", Pattern.DOTALL);
    private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    /** Old ids: 1RookS-000Pg8-VO; Exim 4.97+: 1wtcTj-00000008OnA-0eY6. */
    private static final Pattern MESSAGE_ID = Pattern.compile("^([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) (.*)$", Pattern.DOTALL);
    private static final Pattern SMTP_ERROR = Pattern.compile(
            "^SMTP error from remote mail(?:er| server) after (?:pipelined )?(.+?): (?:host (\\S+) \\[([^\\]]+)\\](?::\\d+)?: )?(.*)$",
            Pattern.DOTALL);
    private static final Pattern HOST_FIELD = Pattern.compile("^(?:(\\S+) )?\\[([^\\]]+)\\](?::\\d+)?$");
    private static final Pattern CONNECT_ERROR = Pattern.compile(
            "^(?:Connection refused|Connection timed out|Network is unreachable|No route to host|Connection reset)", Pattern.CASE_INSENSITIVE);
    private static final Pattern REJECTED = Pattern.compile(
            "(?:^|\\s)(temporarily )?rejected (RCPT|MAIL|after DATA|connection|EHLO or HELO|EHLO|HELO|[A-Za-z-]+)\\b(.*)$", Pattern.DOTALL);
    /** Exim's H= / "from" client: "name (helo) [ip]:port", any part but the IP optional. */
    private static final Pattern CLIENT = Pattern.compile("(?:^|\\s)(?:H=)?(?:([^\\s(\\[]+) )?(?:\\(([^)]*)\\) )?\\[([^\\]]+)\\](?::\\d+)?");
    private static final Pattern CLIENT_FIELD = Pattern.compile("(?:^|\\s)H=((?:[^\\s(\\[]+ )?(?:\\([^)]*\\) )?\\[[^\\]]+\\](?::\\d+)?)");
    private static final Pattern HELO_FROM = Pattern.compile("^ from (.*?\\[[^\\]]+\\](?::\\d+)?): (.*)$", Pattern.DOTALL);
    private static final Pattern SENDER_FIELD = Pattern.compile("(?:^|\\s)F=<([^>]*)>");
    private static final Pattern ENVELOPE_ADDRESS = Pattern.compile("^\\s*<([^>]*)>");

    private static final TokenFilter PREFILTER = new TokenFilter(PREFILTER_TOKENS);

    public EximParser(ServerDirectory servers) {
        super(servers, FORMS, program -> program.toLowerCase(Locale.ROOT).startsWith("exim"));
    }

    @Override
    public TokenFilter prefilter() {
        return PREFILTER;
    }

    @Override
    protected Stamped ownStamp(SourceLine line) {
        Matcher nativeTime = NATIVE.matcher(line.text());
        return nativeTime.matches() ? new Stamped(parseTime(nativeTime.group(1), nativeTime.group(2), line), nativeTime.group(3)) : null;
    }

    /** Exim may keep its own time prefix under syslog too; the header's time stands, the prefix is dropped. */
    @Override
    protected Stamped syslogStamp(SyslogHeader header) {
        Matcher inner = NATIVE.matcher(header.message());
        return new Stamped(header.time(), inner.matches() ? inner.group(3) : header.message());
    }

    @Override
    protected Parsed parseMessage(SourceLine line, Instant time, String host, String body) {
        String messageId = null;
        Matcher id = MESSAGE_ID.matcher(body);
        if (id.matches()) {
            messageId = id.group(1);
            body = id.group(2);
        }
        if (body.startsWith("** ") || body.startsWith("== ")) {
            return delivery(line, time, host, messageId, body);
        }
        // Reject lines start with the client (H=, or U= for local SMTP) or with "rejected"; a delivery
        // line quoting "rejected" in its C="…" confirmation is no reject.
        Matcher rejected = REJECTED.matcher(body);
        if ((body.startsWith("H=") || body.startsWith("U=") || body.startsWith("rejected ")) && rejected.find()) {
            return reject(line, time, host, messageId, body, rejected);
        }
        return Parsed.ignored();
    }

    private Parsed delivery(SourceLine line, Instant time, String host, String messageId, String body) {
        boolean bounced = body.startsWith("**");
        DeliveryFields fields = DeliveryFields.read(body.substring(3));
        if (fields == null) {
            return Parsed.quarantined(FORM_BAD_LINE, "unrecognised_delivery_line");
        }
        String message = literalNewlines(fields.message());
        if (!bounced && message.contains("retry time not reached")) {
            // Exim did not try this time: no attempt, so no failure to report.
            return Parsed.of(FORM_DEFER_RETRY_WAIT, ParseOutcome.IGNORED);
        }
        String remoteHost = null;
        String remoteIp = null;
        if (fields.host() != null) {
            Matcher hostField = HOST_FIELD.matcher(fields.host());
            if (hostField.matches()) {
                remoteHost = hostField.group(1);
                remoteIp = hostField.group(2);
            }
        }
        String form = FORM_DELIVERY_OTHER;
        SmtpStage stage = CONNECT_ERROR.matcher(message).find() ? SmtpStage.CONNECT : SmtpStage.UNKNOWN;
        String replyText = message;
        Matcher smtpError = SMTP_ERROR.matcher(message);
        if (smtpError.matches()) {
            stage = stageOf(smtpError.group(1));
            replyText = smtpError.group(4);
            if (smtpError.group(2) != null) {
                form = FORM_SMTP_ERROR_HOST_IN_MESSAGE;
                remoteHost = smtpError.group(2);
                remoteIp = smtpError.group(3);
            } else {
                form = FORM_SMTP_ERROR_HOST_FIELD;
            }
        }
        Reply reply = ReplyCodes.split(replyText, stage);
        EventBuilder event = new EventBuilder(line, SourceFormat.EXIM, time, Direction.OUTBOUND, bounced ? "bounced" : "deferred")
                .reportingHost(host).queueId(messageId).recipient(fields.recipient()).remote(remoteHost, remoteIp)
                .reply(reply, null).dsnAction(bounced ? "failed" : "delayed").outboundDefaults(servers);
        return Parsed.of(form, new ParseOutcome.Events(List.of(event.build())));
    }

    private Parsed reject(SourceLine line, Instant time, String host, String messageId, String body, Matcher rejected) {
        String command = rejected.group(2);
        String after = rejected.group(3);
        String prefix = body.substring(0, rejected.start());
        String form = FORM_REJECT_ACL;
        String clientText = null;
        String recipient = null;
        String helo = null;
        SmtpStage stage;
        Matcher clientField = CLIENT_FIELD.matcher(prefix);
        if (clientField.find()) {
            clientText = clientField.group(1);
        }
        switch (command) {
            case "by" -> {
                // "F=<sender> rejected by local_scan(): TEXT": our MX's content scan refused the message after DATA.
                if (!after.startsWith(" local_scan()")) {
                    return Parsed.quarantined(FORM_BAD_LINE, "unrecognised_reject_line");
                }
                form = FORM_REJECT_LOCAL_SCAN;
                stage = SmtpStage.END_OF_DATA;
                after = after.substring(" local_scan()".length());
                if (after.isBlank()) {
                    // Exim logs no text when local_scan() gave none; its SMTP answer was "Administrative prohibition".
                    after = ": local_scan() rejected the message";
                }
            }
            case "RCPT" -> {
                stage = SmtpStage.RCPT;
                recipient = group(ENVELOPE_ADDRESS, after);
            }
            case "MAIL" -> stage = SmtpStage.MAIL;
            case "after DATA" -> stage = SmtpStage.END_OF_DATA;
            case "connection" -> stage = SmtpStage.CONNECT;
            case "EHLO or HELO" -> {
                stage = SmtpStage.HELO;
                helo = after.strip().split("[\\s:]", 2)[0];
            }
            case "EHLO", "HELO" -> {
                stage = SmtpStage.HELO;
                Matcher from = HELO_FROM.matcher(after);
                if (!from.matches()) {
                    return Parsed.quarantined(FORM_BAD_LINE, "unrecognised_reject_line");
                }
                form = FORM_REJECT_HELO_SYNTAX;
                clientText = from.group(1);
                after = ": " + from.group(2);
                int argument = from.group(2).indexOf("argument(s): ");
                helo = argument < 0 ? null : from.group(2).substring(argument + "argument(s): ".length()).strip();
            }
            case "VRFY", "EXPN", "ETRN", "AUTH", "STARTTLS" -> {
                // Refused commands that carry no mail: not delivery failures.
                return Parsed.of(FORM_REJECT_ACL, ParseOutcome.IGNORED);
            }
            default -> {
                return Parsed.quarantined(FORM_BAD_LINE, "unrecognised_reject_line");
            }
        }
        int textStart = after.indexOf(": ");
        if (clientText == null || textStart < 0) {
            return Parsed.quarantined(FORM_BAD_LINE, "unrecognised_reject_line");
        }
        String text = literalNewlines(after.substring(textStart + 2)).strip();
        Matcher client = CLIENT.matcher(clientText);
        if (!client.find()) {
            return Parsed.quarantined(FORM_BAD_LINE, "unrecognised_reject_client");
        }
        String clientName = client.group(1);
        if (helo == null) {
            helo = client.group(2) != null ? client.group(2) : clientName;
        }
        String clientIp = client.group(3);
        EventBuilder event = new EventBuilder(line, SourceFormat.EXIM, time, Direction.INBOUND,
                rejected.group(1) != null ? "temporary_reject" : "reject")
                .reportingHost(host).queueId(messageId).sender(group(SENDER_FIELD, prefix)).recipient(recipient)
                .remote(clientName, clientIp).sendingIp(clientIp).heloName(helo)
                .reply(new Reply(null, null, stage, text), null);
        return Parsed.of(form, new ParseOutcome.Events(List.of(event.build())));
    }

    private static Instant parseTime(String local, String offset, SourceLine line) {
        try {
            LocalDateTime dateTime = LocalDateTime.parse(local, LOCAL_TIME);
            if (offset != null) {
                return OffsetDateTime.of(dateTime, ZoneOffset.of(offset)).toInstant();
            }
            return dateTime.atZone(line.zone()).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static SmtpStage stageOf(String command) {
        String lower = command.toLowerCase(Locale.ROOT);
        if (lower.startsWith("initial connection")) {
            return SmtpStage.CONNECT;
        }
        if (lower.startsWith("end of data")) {
            return SmtpStage.END_OF_DATA;
        }
        return SmtpStage.fromWords(command);
    }

    /** Exim writes the lines of a multi-line reply joined by a literal backslash-n. */
    static String literalNewlines(String text) {
        return text.replace("\\n", " ");
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * The fields of a delivery line after the flag: "address [&lt;parent&gt;] [K=value …] [defer (n)] [H=host [ip]]: message".
     * Values may be quoted (DN="…") and may contain colons (X=TLS1.3:…); the message starts at the first ": " outside them.
     */
    record DeliveryFields(String recipient, String host, String message) {
        static DeliveryFields read(String text) {
            int position = 0;
            int length = text.length();
            int end = position;
            while (end < length && text.charAt(end) != ' ') {
                end++;
            }
            String address = text.substring(position, end);
            if (address.isEmpty()) {
                return null;
            }
            if (address.endsWith(":")) {
                return new DeliveryFields(address.substring(0, address.length() - 1), null, text.substring(end).strip());
            }
            position = end;
            String host = null;
            while (position < length) {
                while (position < length && text.charAt(position) == ' ') {
                    position++;
                }
                if (position >= length) {
                    return new DeliveryFields(address, host, "");
                }
                char first = text.charAt(position);
                if (first == ':') {
                    return new DeliveryFields(address, host, text.substring(position + 1).strip());
                }
                if (first == '<') {
                    int close = text.indexOf('>', position);
                    if (close < 0) {
                        return null;
                    }
                    position = close + 1;
                    if (position < length && text.charAt(position) == ':') {
                        return new DeliveryFields(address, host, text.substring(position + 1).strip());
                    }
                    continue;
                }
                if (text.startsWith("defer (", position)) {
                    int close = text.indexOf(')', position);
                    if (close < 0) {
                        return null;
                    }
                    position = close + 1;
                    if (position < length && text.charAt(position) == ':') {
                        return new DeliveryFields(address, host, text.substring(position + 1).strip());
                    }
                    continue;
                }
                int equals = keyEnd(text, position);
                if (equals < 0) {
                    return new DeliveryFields(address, host, text.substring(position).strip());
                }
                String key = text.substring(position, equals);
                int valueStart = equals + 1;
                int valueEnd;
                if (valueStart < length && text.charAt(valueStart) == '"') {
                    valueEnd = closingQuote(text, valueStart + 1);
                    if (valueEnd < 0) {
                        return null;
                    }
                    valueEnd++;
                } else {
                    valueEnd = valueStart;
                    while (valueEnd < length && text.charAt(valueEnd) != ' ') {
                        valueEnd++;
                    }
                    if (key.equals("H") && valueStart < length && text.charAt(valueStart) != '[' && text.startsWith(" [", valueEnd)) {
                        valueEnd += 2;
                        while (valueEnd < length && text.charAt(valueEnd) != ' ') {
                            valueEnd++;
                        }
                    }
                }
                String value = text.substring(valueStart, valueEnd);
                boolean messageFollows = value.endsWith(":") && (valueEnd == length || text.charAt(valueEnd) == ' ');
                if (messageFollows) {
                    value = value.substring(0, value.length() - 1);
                }
                if (key.equals("H")) {
                    host = value;
                }
                position = valueEnd;
                if (messageFollows) {
                    return new DeliveryFields(address, host, text.substring(position).strip());
                }
            }
            return new DeliveryFields(address, host, "");
        }

        /** Index of the '=' of a "K=" field starting at position (1–4 letters), or -1. */
        private static int keyEnd(String text, int position) {
            int index = position;
            while (index < text.length() && index - position < 4 && Character.isLetter(text.charAt(index))) {
                index++;
            }
            return index > position && index < text.length() && text.charAt(index) == '=' ? index : -1;
        }

        private static int closingQuote(String text, int from) {
            for (int index = from; index < text.length(); index++) {
                char character = text.charAt(index);
                if (character == '\\') {
                    index++;
                } else if (character == '"') {
                    return index;
                }
            }
            return -1;
        }
    }
}
