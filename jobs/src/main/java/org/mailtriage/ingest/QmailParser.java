package org.mailtriage.ingest;

import java.math.BigDecimal;
import java.time.Instant;
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
 * qmail-send log lines → events: "delivery N: failure|deferral: report". The recipient is on the earlier
 * "starting delivery N: msg M to remote|local R" line and the sender on "info msg M: … from &lt;S&gt;", so this
 * parser keeps a little state: one instance reads one range of one file in order (as LogChunkReader does).
 * Timestamps are multilog's TAI64N labels ("@4000000069267c3a0b2f1c3c") or splogger's Unix seconds behind a
 * syslog header ("qmail: 1764151270.123456 …"). qmail writes the report with "_" for spaces and "/" between lines.
 * qmail-smtpd logs no rejects, so there is no inbound side.
 */
public final class QmailParser extends StampedLineParser {
    public static final List<String> PREFILTER_TOKENS = List.of("starting delivery ", "info msg ", ": failure: ", ": deferral: ");

    public static final String FORM_BOOKKEEPING = "bookkeeping";
    public static final String FORM_REMOTE_SAID = "remote_said";
    public static final String FORM_REPORT_ONLY = "report_only";
    private static final List<String> FORMS = List.of(FORM_BOOKKEEPING, FORM_REMOTE_SAID, FORM_REPORT_ONLY, FORM_BAD_LINE);

    private static final int MAX_PENDING = 10_000;
    /** TAI64 labels count from 2^62 and run 10 seconds ahead of UTC (the libtai convention). */
    private static final long TAI64_EPOCH = 0x4000000000000000L + 10;
    private static final Pattern TAI64N = Pattern.compile("^@([0-9a-f]{16})([0-9a-f]{8})\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern SPLOGGER = Pattern.compile("^(\\d{9,11}(?:\\.\\d{1,9})?)\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern STARTING = Pattern.compile("^starting delivery (\\d+): msg (\\d+) to (remote|local) (.*)$");
    private static final Pattern INFO = Pattern.compile("^info msg (\\d+): bytes \\d+ from <([^>]*)>");
    private static final Pattern RESULT = Pattern.compile("^delivery (\\d+): (failure|deferral|success): (.*)$", Pattern.DOTALL);
    private static final Pattern REMOTE_IP = Pattern.compile("(?:^|Connected to |Giving up on )((?:\\d{1,3}\\.){3}\\d{1,3})");
    private static final Pattern REPLY_LINE = Pattern.compile("^[245]\\d\\d[ -]");

    private static final TokenFilter PREFILTER = new TokenFilter(PREFILTER_TOKENS);

    private record Delivery(String message, String recipient, boolean remote) {
    }

    private final Map<String, Delivery> deliveries = bounded();
    private final Map<String, String> senders = bounded();

    public QmailParser(ServerDirectory servers) {
        super(servers, FORMS, program -> program.startsWith("qmail"));
    }

    @Override
    public TokenFilter prefilter() {
        return PREFILTER;
    }

    @Override
    protected Stamped ownStamp(SourceLine line) {
        Matcher tai = TAI64N.matcher(line.text());
        if (!tai.matches()) {
            return null;
        }
        long label = Long.parseUnsignedLong(tai.group(1), 16);
        return new Stamped(instant(label - TAI64_EPOCH, Long.parseLong(tai.group(2), 16) % 1_000_000_000L), tai.group(3));
    }

    /** splogger writes its own Unix seconds after the syslog header: those are the line's time. */
    @Override
    protected Stamped syslogStamp(SyslogHeader header) {
        Matcher splogger = SPLOGGER.matcher(header.message());
        if (!splogger.matches()) {
            return new Stamped(header.time(), header.message());
        }
        BigDecimal seconds = new BigDecimal(splogger.group(1));
        return new Stamped(instant(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue()), splogger.group(2));
    }

    @Override
    protected Parsed parseMessage(SourceLine line, Instant time, String host, String message) {
        Matcher matcher;
        if ((matcher = STARTING.matcher(message)).matches()) {
            deliveries.put(matcher.group(1), new Delivery(matcher.group(2), matcher.group(4).strip(), matcher.group(3).equals("remote")));
            return Parsed.of(FORM_BOOKKEEPING, ParseOutcome.IGNORED);
        }
        if ((matcher = INFO.matcher(message)).find()) {
            senders.put(matcher.group(1), matcher.group(2));
            return Parsed.of(FORM_BOOKKEEPING, ParseOutcome.IGNORED);
        }
        if (!(matcher = RESULT.matcher(message)).matches()) {
            return message.contains(": failure: ") || message.contains(": deferral: ")
                    ? Parsed.quarantined(FORM_BAD_LINE, "unrecognised_qmail_line") : Parsed.ignored();
        }
        Delivery delivery = deliveries.remove(matcher.group(1));
        if (matcher.group(2).equals("success")) {
            return Parsed.of(FORM_BOOKKEEPING, ParseOutcome.IGNORED);
        }
        boolean deferred = matcher.group(2).equals("deferral");
        String[] reportLines = matcher.group(3).replace('_', ' ').split("/");
        String form = FORM_REPORT_ONLY;
        StringBuilder reply = new StringBuilder();
        String remoteIp = null;
        SmtpStage stage = SmtpStage.UNKNOWN;
        for (int index = 0; index < reportLines.length; index++) {
            String reportLine = reportLines[index].strip();
            Matcher ip = REMOTE_IP.matcher(reportLine);
            if (remoteIp == null && ip.find()) {
                remoteIp = ip.group(1);
                stage = stageOf(reportLine);
            }
            if (reportLine.startsWith("Remote host said: ")) {
                form = FORM_REMOTE_SAID;
                reply.append(reportLine.substring("Remote host said: ".length()));
                while (index + 1 < reportLines.length && REPLY_LINE.matcher(reportLines[index + 1]).find()) {
                    reply.append(' ').append(reportLines[++index].strip());
                }
            }
        }
        if (reply.length() == 0) {
            reply.append(String.join(" ", reportLines).strip());
            if (stage == SmtpStage.UNKNOWN && reply.indexOf("establish an SMTP connection") >= 0) {
                stage = SmtpStage.CONNECT;
            }
        }
        EventBuilder event = new EventBuilder(line, SourceFormat.QMAIL, time, Direction.OUTBOUND, deferred ? "deferred" : "bounced")
                .reportingHost(host).remote(null, remoteIp).reply(ReplyCodes.split(reply.toString(), stage), null)
                .dsnAction(deferred ? "delayed" : "failed");
        if (delivery != null) {
            event.queueId(delivery.message()).recipient(delivery.recipient()).sender(senders.get(delivery.message()));
        }
        if (delivery == null || delivery.remote()) {
            event.outboundDefaults(servers);
        }
        return Parsed.of(form, new ParseOutcome.Events(List.of(event.build())));
    }

    /** Null for a label outside the years a log can hold (a corrupt label, not a time). */
    private static Instant instant(long seconds, long nanos) {
        try {
            Instant time = Instant.ofEpochSecond(seconds, nanos);
            return time.getEpochSecond() < 0 || time.getEpochSecond() > 32_503_680_000L ? null : time;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static SmtpStage stageOf(String reportLine) {
        if (reportLine.contains("does not like recipient")) {
            return SmtpStage.RCPT;
        }
        if (reportLine.contains("sender was rejected")) {
            return SmtpStage.MAIL;
        }
        if (reportLine.contains("my name was rejected")) {
            return SmtpStage.HELO;
        }
        if (reportLine.contains("greeting failed")) {
            return SmtpStage.CONNECT;
        }
        if (reportLine.contains("failed on DATA command")) {
            return SmtpStage.DATA;
        }
        if (reportLine.contains("failed after I sent the message")) {
            return SmtpStage.END_OF_DATA;
        }
        return SmtpStage.UNKNOWN;
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_PENDING;
            }
        };
    }
}
