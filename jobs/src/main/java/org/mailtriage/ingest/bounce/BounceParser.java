package org.mailtriage.ingest.bounce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.ingest.AsciiChars;
import org.mailtriage.model.Addresses;
import org.mailtriage.model.ReplyCodes;
import org.mailtriage.model.SmtpStage;

/**
 * One email → {@link BounceReport}. Reads, in this order: ARF feedback reports, RFC 3464
 * delivery-status parts (per recipient), auto-replies (RFC 3834), and the free-text notices
 * MTAs and providers write instead of (or beside) a DSN. A plain function: no state, never throws.
 */
public final class BounceParser {
    static final int MAX_DIAGNOSTIC_CHARS = 2000;
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    /** A line that starts with a recipient: "<a@b>:", "a@b", "a@b: reason", "<a@b>... reason", "a@b on <date>". */
    private static final Pattern RECIPIENT_LINE = Pattern.compile(
            "^\\s*(?:(?:>>>|<<<|[*•-])\\s*)?(?:[245]\\d\\d[ -]\\s*)?(?:(?:failed recipient|recipient address|recipient|original-recipient|final-recipient|address|rcpt to|rcpt)\\s*:\\s*(?:rfc822;\\s*)?)?"
                    + "[<\"]?(" + ADDRESS.pattern() + ")[>\"]?\\s*(?::(?!\\d)|\\.\\.\\.|,|\\s+on\\s|\\s+\\(|\\s+<|\\s+\\[|\\s+(?=\\p{L})|\\s*$)",
            Pattern.CASE_INSENSITIVE);
    /** A recipient named after a label inside a sentence: "Could not be delivered to: <a@b>", "Unable to deliver message to <a@b>". */
    private static final Pattern RECIPIENT_AFTER_LABEL = Pattern.compile(
            "(?i)(?:delivered to|deliver (?:your )?(?:message |mail )?to|delivering (?:your )?(?:message |mail )?to|delivery to|failed to|undeliverable to|"
                    + "addressed to|recipient|rcpt to|mailbox|address|收件人|收信人|宛先|destinataire|empfänger)\\s*[:：]?\\s*(?:the following (?:address|recipient)e?s?:?\\s*)?[<\"]?(" + ADDRESS.pattern() + ")");
    private static final Pattern TRANSCRIPT_MARKER = Pattern.compile("(?i)transcript of (?:the )?session follows");
    /** A reply line of a session transcript: "550 5.1.1 …", "550-…", "451 4.0.0 …". */
    private static final Pattern TRANSCRIPT_REPLY = Pattern.compile("([245]\\d\\d)(?:[ -]|$)");
    private static final Pattern DSN_FIELDS_START = Pattern.compile("(?im)^(?:reporting-mta|final-recipient|original-recipient|action)\\s*:");
    /** "User's mailbox is full: <a@b>", "Delivery failed 20 attempts: a@b": the address ends the line after a colon. */
    private static final Pattern RECIPIENT_AT_LINE_END = Pattern.compile(":\\s*[<\"]?(" + ADDRESS.pattern() + ")[>\"]?\\.?\\s*$");
    private static final Pattern FEEDBACK_SUBJECT = Pattern.compile("(?i)complaint about message|abuse report|spam complaint|spam report|feedback report");
    /** The line that introduces the copy of the original message. */
    private static final Pattern RETURNED_MARKER = Pattern.compile(
            "(?i)^[\\s\\-=_*>|]*(?:this is a copy of|below this line is a copy|below is a copy of|a copy of the original|"
                    + "copy of the message|original message|the original message (?:headers )?(?:follows|is attached|is included|is below)|"
                    + "undelivered message (?:headers )?follows|unsent message (?:headers )?follows|returned message|"
                    + "message headers follow|header of original message|headers of the original|original mail|"
                    + "content-type: message/rfc822|------ ?original ?(?:message|mail))");
    /** The first three letters of each RETURNED_MARKER phrase, lower case ("------ original" leaves "ori" after the rule). */
    private static final Set<String> RETURNED_MARKER_LEADS = Set.of(
            "thi", "bel", "a c", "cop", "ori", "the", "und", "uns", "ret", "mes", "hea", "con");
    /** The phrases that make a ruled line ("----- … -----") mark the original message (see isRuledMarker). */
    private static final List<String> RULED_MARKER_PHRASES = List.of("original message", "original mail", "copy of the message",
            "header of the original", "headers of the original", "returned message", "unsent message", "undelivered message",
            "message follows", "原始邮件", "原邮件", "原始郵件", "元のメッセージ");
    /*
     * The next four are searched at every position of long texts; each starts with a lookahead for
     * its first character, which finds the same matches but fails most positions in one test
     * (BounceTextTest compares them with the plain forms).
     */
    static final Pattern REPLY_CODE = Pattern.compile("(?=[245])(?:(?<![\\w.:/#=-])|(?<=\\s:))([245]\\d\\d)(?=[\\s,;-]|:\\s|$)(?![ -]\\d{1,2}(?:[ :]|$))");
    static final Pattern STATUS_AFTER_CODE = Pattern.compile("(?=[245])(?<![\\w.])([245]\\d\\d)[ -]['\"]?([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]*\\d)");
    static final Pattern STATUS_IN_TEXT = Pattern.compile("(?=[245])(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
    static final Pattern STAGE_WORDS = Pattern.compile(
            "(?i)(?=[iardc>\\[])(?:(?:in reply to|after|>>>|response to|during|command|did not like our|does not like)\\s+(RCPT(?: TO)?|recipient|MAIL(?: FROM)?|DATA|end of data|"
                    + "end of message|HELO|EHLO|connect|initial connection|the initial greeting)|\\[(RCPT_TO|MAIL_FROM|DATA)\\])");
    private static final List<String> STAGE_LEAD_WORDS = List.of("in reply to", "after", ">>>", "response to", "during", "command",
            "did not like our", "does not like", "[rcpt_to]", "[mail_from]", "[data]");
    private static final Pattern PROTOCOL_MARK_AT_START = Pattern.compile("^\\s*(?:>>>|<<<)?\\s*");
    private static final Pattern OPEN_QUOTE_AT_END = Pattern.compile("[<\"]\\s*$");
    private static final Pattern CLOSE_QUOTE_AND_COLON = Pattern.compile("^[>\"]?\\s*(?::|\\.\\.\\.)?");
    private static final Pattern CLOSE_QUOTE_COLON = Pattern.compile("^[>\"]?\\s*:?");
    private static final Pattern REPLY_CODE_ONLY = Pattern.compile("[245]\\d\\d[ -]?\\s*");
    private static final Pattern STARTS_WITH_REPLY_CODE = Pattern.compile("(?s)^[245]\\d\\d\\b.*");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliver|delivery (?:status|failure|notification|report|problem|has failed|failed|incomplete)|failure notice|returned mail|"
                    + "mail delivery|could not be delivered|not delivered|nondeliverable|non-deliverable|unzustellbar|non remis|"
                    + "error sending|rejected|bounce|mail system error|warning: message|delayed mail|message delayed|"
                    + "退信|配信|未送|不能|失败|送信エラー|エラー|fehlgeschlagen|onbestelbaar|mail failure|failed mail|delivery error");
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
            "(?i)^\\s*(?:auto(?:matic)?[ -_]?(?:reply|response|antwort|respond)|out of (?:the )?office|autoreply|"
                    + "away from|vacation|i am away|i'm away|on vacation|abwesenheit|absence|automatische antwort|réponse automatique|"
                    + "respuesta automática|risposta automatica|自動応答|自動返信|自动回复|自動回覆|不在)");

    private BounceParser() {
    }

    public static BounceReport parse(byte[] input) {
        byte[] message = withoutMboxFromLine(input);
        MimeContent content = MimeWalker.walk(message);
        String subject = content.header("Subject");
        Instant date = parseDate(content.header("Date"));
        List<String> notices = new ArrayList<>();
        List<MimeContent.Header> returnedHeaders = new ArrayList<>(content.returnedHeaders());
        for (String text : content.texts()) {
            String[] split = splitAtReturnedCopy(text);
            notices.add(split[0]);
            if (returnedHeaders.isEmpty() && split[1] != null) {
                returnedHeaders.addAll(HeaderBlock.parse(split[1]));
            }
        }
        String notice = String.join("\n", notices);
        String deliveryStatusText = content.deliveryStatus();
        if (deliveryStatusText == null && !content.texts().isEmpty()) {
            // Some MTAs write the DSN fields into the text part itself.
            Matcher fields = DSN_FIELDS_START.matcher(notice);
            if (fields.find() && notice.toLowerCase(Locale.ROOT).contains("final-recipient:")) {
                deliveryStatusText = notice.substring(fields.start());
                notice = notice.substring(0, fields.start());
            }
            if (deliveryStatusText == null && noticeBlocks(notice, List.of()).isEmpty()) {
                // No recipient in the text: the report itself may be the forwarded message (a bounce of a bounce, X5).
                String nested = RawSections.of(message).deliveryStatus();
                if (nested != null && nested.toLowerCase(Locale.ROOT).contains("final-recipient:")) {
                    deliveryStatusText = nested;
                }
            }
        } else if (deliveryStatusText == null) {
            // Boundaries missing or wrong: mime4j saw no parts. Read the raw body as sections instead.
            RawSections raw = RawSections.of(message);
            notice = raw.notice();
            deliveryStatusText = raw.deliveryStatus();
            if (returnedHeaders.isEmpty()) {
                returnedHeaders.addAll(raw.returnedHeaders());
            }
        }
        ReturnedMessage returned = returnedMessage(returnedHeaders);

        if (content.feedbackReport() != null || content.topContentType().toLowerCase(Locale.ROOT).contains("feedback-report")
                || (FEEDBACK_SUBJECT.matcher(nullToEmpty(subject)).find() && !hasBounceHeaders(content))) {
            return feedback(content, returned, subject, date);
        }
        if (notice.contains("notificationType")) {
            BounceReport notification = AmazonSesNotification.parse(notice, returned, subject, date);
            if (notification != null) {
                return notification;
            }
        }
        if (deliveryStatusText != null) {
            DeliveryStatus status = DeliveryStatus.parse(deliveryStatusText);
            if (!status.recipients().isEmpty()) {
                List<BounceRecipient> recipients = fromDeliveryStatus(status, notice);
                // The bounce's own date is when the failure was reported; Arrival-Date is when our MTA took the message.
                Instant arrival = parseDate(status.arrivalDate());
                return report(recipients, status.reportingMta(), date != null ? date : arrival, returned, subject, content.problem());
            }
        }
        if (isAutoReply(content) && !hasBounceHeaders(content)) {
            return new BounceReport(BounceKind.VACATION, List.of(new BounceRecipient(BounceKind.VACATION,
                    Addresses.unbracket(firstAddress(content.header("From"))), null, null, null, null, null, SmtpStage.UNKNOWN, null)),
                    null, date, returned, subject, content.problem());
        }
        List<BounceRecipient> recipients = fromNotice(notice, content, returned);
        if (recipients.isEmpty() || !looksLikeBounce(content, notice)) {
            return new BounceReport(BounceKind.NOT_A_BOUNCE, List.of(), null, date, returned, subject, content.problem());
        }
        return report(recipients, null, date, returned, subject, content.problem());
    }

    /** A message saved from an mbox keeps its "From sender date" separator line; it is not a header. */
    static byte[] withoutMboxFromLine(byte[] message) {
        if (message.length < 5 || message[0] != 'F' || message[1] != 'r' || message[2] != 'o' || message[3] != 'm' || message[4] != ' ') {
            return message;
        }
        for (int index = 0; index < message.length; index++) {
            if (message[index] == '\n' || message[index] == '\r') {
                int start = index + 1;
                if (message[index] == '\r' && start < message.length && message[start] == '\n') {
                    start++;
                }
                return java.util.Arrays.copyOfRange(message, start, message.length);
            }
        }
        return new byte[0];
    }

    private static BounceReport report(List<BounceRecipient> recipients, String reportingMta, Instant time, ReturnedMessage returned,
            String subject, String problem) {
        boolean anyFailure = recipients.stream().anyMatch(recipient -> recipient.kind() == BounceKind.FAILURE);
        BounceKind kind = anyFailure ? BounceKind.FAILURE : BounceKind.DELIVERED;
        return new BounceReport(kind, recipients, reportingMta, time, returned, subject, problem);
    }

    private static BounceReport feedback(MimeContent content, ReturnedMessage returned, String subject, Instant date) {
        List<BounceRecipient> recipients = new ArrayList<>();
        String report = content.feedbackReport() == null ? "" : content.feedbackReport();
        for (MimeContent.Header field : HeaderBlock.parse(report)) {
            if (field.name().equalsIgnoreCase("Original-Rcpt-To") || field.name().equalsIgnoreCase("Removal-Recipient")) {
                recipients.add(new BounceRecipient(BounceKind.FEEDBACK, Addresses.unbracket(field.value()), null, null, null,
                        null, null, SmtpStage.UNKNOWN, null));
            }
        }
        if (recipients.isEmpty()) {
            recipients.add(new BounceRecipient(BounceKind.FEEDBACK, returned.to(), null, null, null, null, null, SmtpStage.UNKNOWN, null));
        }
        return new BounceReport(BounceKind.FEEDBACK, recipients, null, date, returned, subject, content.problem());
    }

    private static List<BounceRecipient> fromDeliveryStatus(DeliveryStatus status, String notice) {
        Map<String, NoticeBlock> blocks = noticeBlocks(notice, List.of());
        List<BounceRecipient> recipients = new ArrayList<>();
        for (DeliveryStatus.Recipient dsn : status.recipients()) {
            String address = dsn.address();
            String diagnostic = dsn.diagnostic();
            NoticeBlock block = address == null ? null : blocks.get(address.toLowerCase(Locale.ROOT));
            if (block == null && status.recipients().size() == 1 && blocks.size() == 1) {
                // The text names the recipient as written (or as forwarded); the DSN names the final one.
                block = blocks.values().iterator().next();
            }
            if (block != null && (diagnostic == null || !hasReplyCode(diagnostic) && hasReplyCode(block.text()))) {
                diagnostic = diagnostic == null ? block.text() : diagnostic + " " + block.text();
            }
            if (diagnostic == null && status.recipients().size() == 1) {
                diagnostic = nonBlank(notice);
            }
            boolean delivered = "delivered".equals(dsn.action()) || "relayed".equals(dsn.action()) || "expanded".equals(dsn.action())
                    || (dsn.status() != null && dsn.status().startsWith("2"));
            BounceRecipient recipient = recipient(delivered ? BounceKind.DELIVERED : BounceKind.FAILURE, address, dsn.action(), dsn.status(),
                    diagnostic, dsn.remoteMta(), dsn.lastAttemptDate(), block == null ? null : block.text());
            if (!delivered && (recipient.stage() == SmtpStage.UNKNOWN || recipient.replyCode() == null)) {
                recipient = withTranscript(recipient, notice, status.recipients().size() == 1);
            }
            recipients.add(dsn.diagnosticType() == null ? recipient : recipient.withDiagnosticType(dsn.diagnosticType()));
        }
        return recipients;
    }

    /**
     * Fills the stage and reply code a Sendmail-style session transcript gives ("----- Transcript of session
     * follows -----", then "&gt;&gt;&gt; DATA" and "&lt;&lt;&lt; 550 …", or a bare "451 4.0.0 …" line): the reply that
     * names the recipient, or with a single recipient the one that agrees with what is known of its code or status.
     */
    static BounceRecipient withTranscript(BounceRecipient recipient, String notice, boolean onlyRecipient) {
        Matcher marker = notice == null ? null : TRANSCRIPT_MARKER.matcher(notice);
        if (marker == null || !marker.find()) {
            return recipient;
        }
        String address = recipient.recipient() == null ? null : recipient.recipient().toLowerCase(Locale.ROOT);
        SmtpStage stage = SmtpStage.UNKNOWN;
        for (String raw : BounceText.lines(notice.substring(marker.end()))) {
            String line = raw.strip();
            if (line.startsWith(">>>")) {
                stage = SmtpStage.fromWords(line.substring(3).strip());
                continue;
            }
            String reply = line.startsWith("<<<") ? line.substring(3).strip() : line;
            Matcher code = TRANSCRIPT_REPLY.matcher(reply);
            if (!code.lookingAt()) {
                continue;
            }
            int replyCode = Integer.parseInt(code.group(1));
            boolean namesRecipient = address != null && reply.toLowerCase(Locale.ROOT).contains(address);
            boolean agrees = recipient.replyCode() != null ? recipient.replyCode() == replyCode
                    : recipient.status() == null || recipient.status().charAt(0) == code.group(1).charAt(0);
            if (agrees && (namesRecipient || onlyRecipient)) {
                return new BounceRecipient(recipient.kind(), recipient.recipient(), recipient.action(), recipient.status(),
                        recipient.replyCode() != null ? recipient.replyCode() : Integer.valueOf(replyCode), recipient.diagnostic(),
                        recipient.remoteMta(), recipient.stage() != SmtpStage.UNKNOWN ? recipient.stage() : stage,
                        recipient.lastAttemptDate(), recipient.diagnosticType());
            }
        }
        return recipient;
    }

    /** Builds a recipient, reading reply code, status and stage from the diagnostic text. */
    static BounceRecipient recipient(BounceKind kind, String address, String action, String dsnStatus, String diagnostic,
            String remoteMta, String lastAttempt, String extraText) {
        String text = diagnostic == null ? null : bound(BounceText.collapseSpaces(diagnostic.strip()));
        Integer code = text == null ? null : replyCode(text);
        String afterCode = code == null ? null : statusAfter(text, code);
        boolean consistent = afterCode != null && afterCode.charAt(0) == Integer.toString(code).charAt(0);
        if (code != null && dsnStatus != null && Integer.toString(code).charAt(0) != dsnStatus.charAt(0) && !consistent) {
            // "554 4.4.7 … <421 4.4.2 …>": the reply that agrees with the DSN's class is the one that counts, else none.
            code = replyCode(text, dsnStatus.charAt(0));
            afterCode = code == null ? null : statusAfter(text, code);
            consistent = afterCode != null && afterCode.charAt(0) == Integer.toString(code).charAt(0);
        }
        String textStatus = text == null ? null : statusIn(text, code);
        if (text != null && code != null) {
            // Flattened multi-line replies repeat "550-5.7.1" inside the text; drop the repeats so phrases read whole.
            text = ReplyCodes.joinContinuations(text, code, textStatus);
        }
        // The receiver's own status (right after its reply code) is more exact than the one the reporting MTA derived.
        String status = dsnStatus;
        if (consistent) {
            status = afterCode;
        } else if (status == null || (isGeneric(status) && textStatus != null && textStatus.charAt(0) == status.charAt(0))) {
            status = textStatus != null ? textStatus : status;
        }
        SmtpStage stage = stageOf(text);
        if (stage == SmtpStage.UNKNOWN && extraText != null) {
            stage = stageOf(BounceText.collapseSpaces(extraText));
        }
        return new BounceRecipient(kind, address == null ? null : Addresses.unbracket(address), action, status, code, text, remoteMta,
                stage, lastAttempt);
    }

    private static boolean isGeneric(String status) {
        return status.length() >= 5 && status.substring(1).equals(".0.0");
    }

    private static List<BounceRecipient> fromNotice(String notice, MimeContent content, ReturnedMessage returned) {
        List<String> exclude = new ArrayList<>();
        for (String name : List.of("From", "To", "Reply-To", "Sender")) {
            String value = content.header(name);
            if (value != null) {
                Matcher matcher = ADDRESS.matcher(value);
                while (matcher.find()) {
                    exclude.add(matcher.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (returned.sender() != null) {
            exclude.add(returned.sender().toLowerCase(Locale.ROOT));
        }
        Map<String, NoticeBlock> blocks = noticeBlocks(notice, exclude);
        List<String> failed = content.headerValues("X-Failed-Recipients").stream()
                .flatMap(value -> ADDRESS.matcher(value).results().map(MatchResult -> MatchResult.group()))
                .toList();
        List<BounceRecipient> recipients = new ArrayList<>();
        String wholeNotice = nonBlank(notice);
        if (!failed.isEmpty()) {
            for (String address : failed) {
                NoticeBlock block = blocks.get(address.toLowerCase(Locale.ROOT));
                String text = block != null && !block.text().isBlank() ? block.text() : wholeNotice;
                recipients.add(recipient(BounceKind.FAILURE, address, null, null, text, null, null, null));
            }
            return recipients;
        }
        for (NoticeBlock block : blocks.values()) {
            String text = block.text().isBlank() || !hasSubstance(block.text()) ? wholeNotice : block.text();
            recipients.add(recipient(BounceKind.FAILURE, block.address(), null, null, text, null, null, null));
        }
        if (recipients.isEmpty() && wholeNotice != null && looksLikeBounce(content, wholeNotice)) {
            String address = returned.to() != null ? firstAddress(returned.to()) : null;
            recipients.add(recipient(BounceKind.FAILURE, address, null, null, wholeNotice, null, null, null));
        }
        return recipients;
    }

    /** A recipient's paragraph in a bounce text: the address line and the lines under it. */
    record NoticeBlock(String address, String text) {
    }

    /** Recipient blocks of a bounce text, keyed by lower-cased address, in order of appearance. */
    static Map<String, NoticeBlock> noticeBlocks(String notice, List<String> exclude) {
        Map<String, NoticeBlock> blocks = new LinkedHashMap<>();
        if (notice == null || notice.isBlank()) {
            return blocks;
        }
        String[] lines = BounceText.lines(notice);
        for (int index = 0; index < lines.length; index++) {
            Matcher matcher = recipientLine(lines[index]);
            if (matcher == null) {
                continue;
            }
            String address = matcher.group(1);
            String key = address.toLowerCase(Locale.ROOT);
            if (exclude.contains(key) || key.startsWith("mailer-daemon@") || key.startsWith("postmaster@")) {
                continue;
            }
            String line = lines[index];
            String before = OPEN_QUOTE_AT_END.matcher(PROTOCOL_MARK_AT_START.matcher(line.substring(0, matcher.start(1))).replaceAll(""))
                    .replaceAll("");
            String after = CLOSE_QUOTE_AND_COLON.matcher(line.substring(matcher.end(1))).replaceFirst("");
            StringBuilder text = new StringBuilder();
            String lead = "";
            if (line.strip().startsWith(">>>")) {
                // ">>> RCPT TO:<a@b>" then "<<< 553 …": the command line says which stage the reply answered.
                text.append(line.strip()).append('\n');
            } else if (index > 0 && lines[index - 1].strip().startsWith(">>>")) {
                text.append(lines[index - 1].strip()).append('\n');
            } else {
                // Kept after the recipient's own reply, so that reply's code stays the first one in the text.
                lead = transcriptLead(lines, index);
            }
            // A leading reply code ("554 <a@b>... reason") belongs to the reply; labels ("Recipient:") do not.
            if (REPLY_CODE_ONLY.matcher(before).matches() && !STARTS_WITH_REPLY_CODE.matcher(after.strip()).matches()) {
                text.append(before.strip()).append(' ');
            }
            text.append(after);
            for (int next = index + 1; next < lines.length && next <= index + 20; next++) {
                String following = lines[next];
                if (following.isBlank() || recipientLine(following) != null && !following.contains(" said")) {
                    break;
                }
                text.append('\n').append(following.strip());
            }
            if (!lead.isEmpty()) {
                text.append('\n').append(lead);
            }
            String blockText = text.toString().strip();
            NoticeBlock existing = blocks.get(key);
            if (existing == null) {
                blocks.put(key, new NoticeBlock(address, blockText));
            } else if (!hasReplyCode(existing.text()) && hasReplyCode(blockText)) {
                blocks.put(key, new NoticeBlock(existing.address(), blockText));
            }
        }
        if (blocks.isEmpty()) {
            for (int index = 0; index < lines.length; index++) {
                if (lines[index].indexOf('@') < 0) {
                    continue;
                }
                Matcher matcher = RECIPIENT_AFTER_LABEL.matcher(lines[index]);
                boolean labelled = matcher.find();
                if (!labelled) {
                    matcher = RECIPIENT_AT_LINE_END.matcher(lines[index]);
                }
                if (!labelled && !matcher.find() || exclude.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                // After a label the reason follows the address; at the end of a line it precedes it ("Mailbox is full: <a@b>").
                String reason = labelled ? "" : OPEN_QUOTE_AT_END.matcher(lines[index].substring(0, matcher.start(1))).replaceAll("") + " ";
                StringBuilder text = new StringBuilder(reason + CLOSE_QUOTE_COLON.matcher(lines[index].substring(matcher.end(1))).replaceFirst(""));
                for (int next = index + 1; next < lines.length && next <= index + 10 && !lines[next].isBlank(); next++) {
                    text.append('\n').append(lines[next].strip());
                }
                blocks.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), new NoticeBlock(matcher.group(1), text.toString().strip()));
            }
        }
        return blocks;
    }

    /**
     * The transcript lines between "Transcript of session follows" and a reply line that names the
     * recipient ("mail.local: unknown user: a" before "554 <a@b>... Service unavailable"): the
     * local reason is written there, as is a refused MAIL FROM ("<<< 501 … open relay") that failed
     * every recipient after it. Empty when the line does not sit in such a transcript.
     */
    private static String transcriptLead(String[] lines, int index) {
        int start = index;
        while (start > 0 && index - start < 4) {
            String previous = lines[start - 1];
            if (TRANSCRIPT_MARKER.matcher(previous).find()) {
                StringBuilder lead = new StringBuilder();
                for (int line = start; line < index; line++) {
                    lead.append(lines[line].strip()).append('\n');
                }
                return lead.toString();
            }
            boolean protocolLine = previous.strip().startsWith(">>>") || previous.strip().startsWith("<<<");
            if (previous.isBlank() || recipientLine(previous) != null && !protocolLine) {
                return "";
            }
            start--;
        }
        return "";
    }

    private static boolean hasSubstance(String text) {
        return hasReplyCode(text) || BounceText.letterChars(text.indexOf('@') < 0 ? text : ADDRESS.matcher(text).replaceAll("")) >= 8;
    }

    /** Splits a text part into the bounce notice and the original message quoted after it (null when none). */
    static String[] splitAtReturnedCopy(String text) {
        String[] lines = text.split("\n", -1);
        int offset = 0;
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            if (line.length() < 160 && mayMarkReturnedCopy(line) && (RETURNED_MARKER.matcher(line).lookingAt() || isRuledMarker(line))) {
                String rest = text.substring(Math.min(text.length(), offset + line.length() + 1));
                return new String[] {text.substring(0, offset), rest};
            }
            offset += line.length() + 1;
        }
        return new String[] {text, null};
    }

    /**
     * Whether the line may match RETURNED_MARKER or RULED_MARKER: after the marker's leading rule
     * characters come the first three letters of one of its phrases, or the line starts with a rule of two.
     * Most lines fail here without a regex.
     */
    private static boolean mayMarkReturnedCopy(String line) {
        int index = 0;
        while (index < line.length() && (AsciiChars.isRegexSpace(line.charAt(index)) || "-=_*>|".indexOf(line.charAt(index)) >= 0)) {
            index++;
        }
        if (index + 3 <= line.length()) {
            String lead = new String(new char[] {AsciiChars.lower(line.charAt(index)), AsciiChars.lower(line.charAt(index + 1)),
                AsciiChars.lower(line.charAt(index + 2))});
            if (RETURNED_MARKER_LEADS.contains(lead)) {
                return true;
            }
        }
        int start = 0;
        while (start < line.length() && AsciiChars.isRegexSpace(line.charAt(start))) {
            start++;
        }
        return start + 1 < line.length() && "-=_*".indexOf(line.charAt(start)) >= 0 && "-=_*".indexOf(line.charAt(start + 1)) >= 0;
    }

    /**
     * RULED_MARKER by hand: white space, a rule of two or more of "-=_*", then one of its phrases
     * (ASCII case ignored) before any line terminator. The regex's ".*" tried every phrase at every
     * position of the line; this is one search per phrase.
     */
    static boolean isRuledMarker(String line) {
        int start = 0;
        while (start < line.length() && AsciiChars.isRegexSpace(line.charAt(start))) {
            start++;
        }
        if (start + 1 >= line.length() || "-=_*".indexOf(line.charAt(start)) < 0 || "-=_*".indexOf(line.charAt(start + 1)) < 0) {
            return false;
        }
        int end = start + 2;
        while (end < line.length() && !isLineTerminator(line.charAt(end))) {
            end++;
        }
        StringBuilder lower = new StringBuilder(end - start - 2);
        for (int index = start + 2; index < end; index++) {
            lower.append(AsciiChars.lower(line.charAt(index)));
        }
        for (String phrase : RULED_MARKER_PHRASES) {
            if (lower.indexOf(phrase) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** What the regex "." does not match. */
    private static boolean isLineTerminator(char character) {
        return character == '\n' || character == '\r' || character == '\u0085' || character == '\u2028' || character == '\u2029';
    }

    private static ReturnedMessage returnedMessage(List<MimeContent.Header> headers) {
        if (headers.isEmpty()) {
            return ReturnedMessage.NONE;
        }
        String messageId = MimeContent.first(headers, "Message-ID");
        if (messageId != null) {
            messageId = messageId.strip();
        }
        String sender = firstAddress(MimeContent.first(headers, "Return-Path"));
        if (sender == null) {
            sender = firstAddress(MimeContent.first(headers, "From"));
        }
        if (sender == null) {
            sender = firstAddress(MimeContent.first(headers, "Sender"));
        }
        String to = firstAddress(MimeContent.first(headers, "To"));
        ReceivedHeaders.Hop hop = ReceivedHeaders.sendingHop(MimeContent.all(headers, "Received"));
        return new ReturnedMessage(messageId, sender, to, hop == null ? null : hop.ip(), hop == null ? null : hop.heloName());
    }

    private static boolean isAutoReply(MimeContent content) {
        String autoSubmitted = nullToEmpty(content.header("Auto-Submitted")).toLowerCase(Locale.ROOT);
        if (autoSubmitted.startsWith("auto-replied")) {
            return true;
        }
        if (content.header("X-Autoreply") != null || content.header("X-Autorespond") != null
                || content.header("X-Autoresponder") != null) {
            return true;
        }
        String precedence = nullToEmpty(content.header("Precedence")).toLowerCase(Locale.ROOT);
        if (precedence.contains("auto_reply") || precedence.contains("auto-reply")) {
            return true;
        }
        return AUTO_REPLY_SUBJECT.matcher(nullToEmpty(content.header("Subject"))).find();
    }

    private static boolean looksLikeBounce(MimeContent content, String notice) {
        String returnPath = content.header("Return-Path");
        boolean nullSender = returnPath != null && returnPath.chars().allMatch(character -> character == '<' || character == '>'
                || AsciiChars.isRegexSpace((char) character));
        return nullSender || hasBounceHeaders(content) || content.hasReturnedMessage() || hasReplyCode(notice);
    }

    /** Exim and Office 365 mark bounces "Auto-Submitted: auto-replied" too; these headers tell a bounce from an auto-reply. */
    private static boolean hasBounceHeaders(MimeContent content) {
        String from = nullToEmpty(content.header("From")).toLowerCase(Locale.ROOT);
        if (from.contains("mailer-daemon") || from.contains("postmaster") || from.contains("mail delivery")
                || from.contains("mail-daemon") || from.contains("mailer") || from.contains("daemon")) {
            return true;
        }
        if (!content.headerValues("X-Failed-Recipients").isEmpty()) {
            return true;
        }
        return BOUNCE_SUBJECT.matcher(nullToEmpty(content.header("Subject"))).find();
    }

    static boolean hasReplyCode(String text) {
        return text != null && replyCode(text) != null;
    }

    /** The first SMTP failure reply code in a text ("550 5.1.1 …", "said: 550-…"), else the first 2xx one, or null. */
    static Integer replyCode(String text) {
        return replyCode(text, null);
    }

    /** Like {@link #replyCode(String)}, but only codes of the given class (2, 4 or 5) when it is not null. */
    static Integer replyCode(String text, Character statusClass) {
        Matcher matcher = REPLY_CODE.matcher(text);
        Integer positive = null;
        while (matcher.find()) {
            int code = Integer.parseInt(matcher.group(1));
            if (code % 100 > 59 || (statusClass != null && matcher.group(1).charAt(0) != statusClass)) {
                continue;
            }
            if (code >= 400 || statusClass != null) {
                return code;
            }
            if (positive == null) {
                // A greeting or an earlier "250 OK" in a transcript is not the reply that failed.
                positive = code;
            }
        }
        return positive;
    }

    /** The first enhanced status in a text, preferring one whose class agrees with the reply code. */
    static String statusIn(String text, Integer code) {
        Matcher matcher = STATUS_IN_TEXT.matcher(text);
        String first = null;
        while (matcher.find()) {
            String status = matcher.group();
            if (code == null || status.charAt(0) == Integer.toString(code).charAt(0)) {
                return status;
            }
            if (first == null) {
                first = status;
            }
        }
        return code == null ? first : null;
    }

    /** The enhanced status written right after the first occurrence of the reply code ("550 5.7.1", "550-'5.2.2"), or null. */
    static String statusAfter(String text, int code) {
        Matcher matcher = STATUS_AFTER_CODE.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(Integer.toString(code))) {
                return matcher.group(2);
            }
        }
        return null;
    }

    static SmtpStage stageOf(String text) {
        if (text == null) {
            return SmtpStage.UNKNOWN;
        }
        if (!mayNameStage(text)) {
            return SmtpStage.UNKNOWN;
        }
        Matcher matcher = STAGE_WORDS.matcher(text);
        while (matcher.find()) {
            String words = matcher.group(1) != null ? matcher.group(1) : matcher.group(2).replace('_', ' ');
            String lower = words.toLowerCase(Locale.ROOT);
            if (lower.startsWith("connect") || lower.contains("initial") || lower.contains("greeting")) {
                return SmtpStage.CONNECT;
            }
            if (lower.equals("recipient")) {
                return SmtpStage.RCPT;
            }
            if (lower.startsWith("end of")) {
                return SmtpStage.END_OF_DATA;
            }
            SmtpStage stage = SmtpStage.fromWords(words);
            if (stage != SmtpStage.UNKNOWN) {
                return stage;
            }
        }
        return SmtpStage.UNKNOWN;
    }

    /** Whether the text holds one of STAGE_WORDS's literal words; most do not, and these searches are cheaper than the regex. */
    private static boolean mayNameStage(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : STAGE_LEAD_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** A line that starts with a recipient (RECIPIENT_LINE found), or null; a line without '@' is not tried. */
    private static Matcher recipientLine(String line) {
        if (line.indexOf('@') < 0) {
            return null;
        }
        Matcher matcher = RECIPIENT_LINE.matcher(line);
        // Anchored at the start ("^"): lookingAt finds what find finds without trying every later position.
        return matcher.lookingAt() ? matcher : null;
    }

    static String firstAddress(String value) {
        if (value == null) {
            return null;
        }
        if (value.indexOf('@') < 0) {
            return null;
        }
        Matcher matcher = ADDRESS.matcher(value);
        return matcher.find() ? matcher.group() : null;
    }

    static Instant parseDate(String value) {
        return MailDates.parse(value);
    }

    private static String bound(String text) {
        return text.length() <= MAX_DIAGNOSTIC_CHARS ? text : text.substring(0, MAX_DIAGNOSTIC_CHARS);
    }

    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
