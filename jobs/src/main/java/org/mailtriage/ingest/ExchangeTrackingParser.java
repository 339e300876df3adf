package org.mailtriage.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.Direction;
import org.mailtriage.model.Reply;
import org.mailtriage.model.ReplyCodes;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.model.SourceFormat;

/**
 * Exchange message tracking log records (MSGTRK*.LOG) → events. The columns come from the file's own
 * {@code #Fields:} line (26 in Exchange 2010, 30 from 2013 on), so one parser instance reads one file, in order;
 * {@link ExchangeTrackingReader} feeds it whole CSV records (a quoted field may hold a line break).
 * FAIL (outcome "bounced") and DEFER ("deferred") records give one event per failed recipient ({@code recipient-address} and
 * {@code recipient-status} are ";"-separated lists, paired by position); a DSN record gives events only when it
 * carries a failure status itself (usually the FAIL record before it already did); a DSN's recipient-address is the
 * original sender and its related-recipient-address the recipients that failed. The status text, plain
 * ("550 5.1.1 …") or structured ("[{LRT=…};{LED=451 4.4.0 …};{FQDN=mx…};{IP=…}]"), is classified like any reply.
 * Direction: directionality "Incoming" (a remote sender's mail that our server refused) is inbound, else outbound.
 */
public final class ExchangeTrackingParser extends MtaLineParser implements FormAwareParser {
    public static final List<String> PREFILTER_TOKENS = List.of("#Fields:", ",FAIL,", ",DEFER,", ",DSN,");

    public static final String FORM_FIELDS_HEADER = "fields_header";
    public static final String FORM_FAIL = "fail";
    public static final String FORM_DEFER = "defer";
    public static final String FORM_DSN_FAILURE = "dsn_failure";
    public static final String FORM_DSN_NOTICE = "dsn_notice";
    public static final String FORM_BAD_RECORD = "bad_record";
    private static final List<String> FORMS = List.of(FORM_FIELDS_HEADER, FORM_FAIL, FORM_DEFER, FORM_DSN_FAILURE, FORM_DSN_NOTICE,
            FORM_BAD_RECORD);

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(false).get();
    /** A new status in a ";"-separated list starts with a reply code, an enhanced status or a "[{" structure. */
    private static final Pattern STATUS_SEPARATOR = Pattern.compile(";(?=\\s*(?:\\[\\{|[245]\\d\\d(?:[ -]|$)|[245]\\.\\d{1,3}\\.\\d{1,3}))");
    private static final Pattern STRUCTURED_PART = Pattern.compile("\\{([A-Za-z]+)=(.*?)\\}(?=;\\{|\\]$)", Pattern.DOTALL);
    private static final TokenFilter PREFILTER = new TokenFilter(PREFILTER_TOKENS);

    private Map<String, Integer> columns;
    private int columnCount;

    public ExchangeTrackingParser(ServerDirectory servers) {
        super(servers, FORMS);
    }

    @Override
    public TokenFilter prefilter() {
        return PREFILTER;
    }

    /** How many columns the last #Fields line named; 0 before it. */
    public int columnCount() {
        return columnCount;
    }

    @Override
    public Parsed parseWithForm(SourceLine line) {
        String text = line.text();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("#")) {
            if (text.startsWith("#Fields:")) {
                readFields(text.substring("#Fields:".length()));
                return Parsed.of(FORM_FIELDS_HEADER, ParseOutcome.IGNORED);
            }
            return Parsed.ignored();
        }
        if (columns == null) {
            return Parsed.quarantined(FORM_BAD_RECORD, "record_before_fields_header");
        }
        CSVRecord record;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSV)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                return Parsed.quarantined(FORM_BAD_RECORD, "not_one_csv_record: " + records.size());
            }
            record = records.get(0);
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            return Parsed.quarantined(FORM_BAD_RECORD, "bad_csv: " + e.getMessage());
        }
        if (record.size() != columnCount) {
            return Parsed.quarantined(FORM_BAD_RECORD, "field_count " + record.size() + " (#Fields names " + columnCount + ")");
        }
        String eventId = get(record, "event-id");
        if (eventId == null) {
            return Parsed.quarantined(FORM_BAD_RECORD, "no_event_id");
        }
        return switch (eventId.toUpperCase(Locale.ROOT)) {
            case "FAIL" -> failure(line, record, FORM_FAIL, "bounced");
            case "DEFER" -> failure(line, record, FORM_DEFER, "deferred");
            case "DSN" -> failure(line, record, FORM_DSN_FAILURE, "dsn");
            default -> Parsed.ignored();
        };
    }

    private void readFields(String names) {
        Map<String, Integer> byName = new HashMap<>();
        String[] parts = names.strip().split(",");
        for (int index = 0; index < parts.length; index++) {
            byName.put(parts[index].strip().toLowerCase(Locale.ROOT), index);
        }
        columns = byName;
        columnCount = parts.length;
    }

    private Parsed failure(SourceLine line, CSVRecord record, String form, String outcome) {
        Instant time = time(get(record, "date-time"), line);
        if (time == null) {
            return Parsed.quarantined(FORM_BAD_RECORD, "bad_date_time");
        }
        boolean dsn = form.equals(FORM_DSN_FAILURE);
        List<String> statuses = split(STATUS_SEPARATOR, get(record, "recipient-status"));
        List<String> recipients = split(Pattern.compile(";"), dsn && get(record, "related-recipient-address") != null
                ? get(record, "related-recipient-address") : get(record, "recipient-address"));
        if (dsn && statuses.stream().noneMatch(ExchangeTrackingParser::isFailureStatus)) {
            return Parsed.of(FORM_DSN_NOTICE, ParseOutcome.IGNORED);
        }
        if (recipients.isEmpty()) {
            recipients = java.util.Collections.singletonList(null);
        }
        if (statuses.isEmpty()) {
            statuses = List.of("");
        }
        if (statuses.size() != 1 && statuses.size() != recipients.size()) {
            return Parsed.quarantined(FORM_BAD_RECORD, "recipient_status_count " + statuses.size() + " for " + recipients.size() + " recipients");
        }
        boolean inbound = "incoming".equalsIgnoreCase(get(record, "directionality"));
        List<DeliveryEvent> events = new ArrayList<>();
        for (int index = 0; index < recipients.size(); index++) {
            String status = statuses.size() == 1 ? statuses.get(0) : statuses.get(index);
            if (isSuccessStatus(status)) {
                continue;
            }
            events.add(event(line, record, time, outcome, inbound, recipients.get(index), status, index));
        }
        if (events.isEmpty()) {
            return Parsed.of(form, ParseOutcome.IGNORED);
        }
        return Parsed.of(form, new ParseOutcome.Events(events));
    }

    private DeliveryEvent event(SourceLine line, CSVRecord record, Instant time, String outcome, boolean inbound, String recipient,
            String status, int index) {
        String replyText = status;
        String remoteHost = null;
        String remoteIp = null;
        if (status.startsWith("[{")) {
            Map<String, String> parts = new HashMap<>();
            Matcher part = STRUCTURED_PART.matcher(status);
            while (part.find()) {
                parts.put(part.group(1).toUpperCase(Locale.ROOT), part.group(2).strip());
            }
            replyText = parts.getOrDefault("LED", "");
            remoteHost = parts.get("FQDN");
            remoteIp = parts.get("IP");
        }
        Reply reply = ReplyCodes.split(replyText, replyText.startsWith("Connection") ? SmtpStage.CONNECT : SmtpStage.UNKNOWN);
        String action = outcome.equals("deferred") || (reply.replyCode() != null && reply.replyCode() < 500) ? "delayed" : "failed";
        EventBuilder builder = new EventBuilder(line, SourceFormat.EXCHANGE, time, inbound ? Direction.INBOUND : Direction.OUTBOUND, outcome)
                .index(index).queueId(get(record, "internal-message-id")).messageId(get(record, "message-id"))
                .sender(outcome.equals("dsn") ? get(record, "recipient-address")
                        : firstOf(get(record, "sender-address"), get(record, "return-path")))
                .recipient(recipient)
                .reply(reply, null).dsnAction(action);
        String clientIp = firstOf(get(record, "original-client-ip"), get(record, "client-ip"));
        if (inbound) {
            builder.reportingHost(get(record, "server-hostname")).remote(get(record, "client-hostname"), clientIp).sendingIp(clientIp);
        } else {
            boolean smtpSend = "SMTP".equalsIgnoreCase(get(record, "source"));
            builder.reportingHost(smtpSend ? firstOf(get(record, "client-hostname"), get(record, "server-hostname")) : get(record, "server-hostname"))
                    .remote(firstOf(remoteHost, smtpSend ? get(record, "server-hostname") : null),
                            firstOf(remoteIp, smtpSend ? get(record, "server-ip") : null))
                    .sendingIp(smtpSend ? get(record, "client-ip") : null)
                    .outboundDefaults(servers);
        }
        return builder.build();
    }

    private String get(CSVRecord record, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static Instant time(String text, SourceLine line) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(text).atZone(line.zone()).toInstant();
            } catch (DateTimeException again) {
                return null;
            }
        }
    }

    private static List<String> split(Pattern separator, String text) {
        List<String> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        for (String part : separator.split(text)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static boolean isSuccessStatus(String status) {
        return status.startsWith("2") && ReplyCodes.split(status, SmtpStage.UNKNOWN).replyCode() != null;
    }

    private static boolean isFailureStatus(String status) {
        if (status.startsWith("[{")) {
            return status.contains("{LED=4") || status.contains("{LED=5");
        }
        Integer code = ReplyCodes.split(status, SmtpStage.UNKNOWN).replyCode();
        return code != null && code >= 400;
    }

    private static String firstOf(String first, String second) {
        return first != null ? first : second;
    }
}
