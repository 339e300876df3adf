package org.mailtriage.ingest.bounce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.model.SmtpStage;

/**
 * Amazon SES sends bounce, complaint and delivery notifications as JSON (often wrapped, escaped,
 * in an SNS envelope) instead of a DSN. Reads the few fields needed with patterns that accept the
 * escaped form too; a full JSON parser would have to undo the SNS wrapping first.
 */
final class AmazonSesNotification {
    private static final String QUOTE = "\\\\?\"";
    private static final Pattern TYPE = Pattern.compile(QUOTE + "notificationType" + QUOTE + "\\s*:\\s*" + QUOTE + "(\\w+)");
    private static final Pattern RECIPIENT_OBJECT = Pattern.compile("\\{[^{}]*?" + QUOTE + "emailAddress" + QUOTE + "\\s*:\\s*" + QUOTE
            + "([^\"\\\\]+)[^{}]*\\}");
    private static final Pattern DELIVERY_RECIPIENTS = Pattern.compile(QUOTE + "recipients" + QUOTE + "\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern SMTP_RESPONSE = Pattern.compile(QUOTE + "smtpResponse" + QUOTE + "\\s*:\\s*" + QUOTE + "([^\"\\\\]*)");

    private AmazonSesNotification() {
    }

    /** The report, or null when the text is not a notification this class knows. */
    static BounceReport parse(String text, ReturnedMessage returned, String subject, Instant date) {
        String flat = text.replaceAll("\r?\n ?", "");
        Matcher type = TYPE.matcher(flat);
        if (!type.find()) {
            return null;
        }
        List<BounceRecipient> recipients = new ArrayList<>();
        switch (type.group(1)) {
            case "Bounce" -> {
                Matcher object = RECIPIENT_OBJECT.matcher(flat);
                while (object.find()) {
                    String body = object.group();
                    recipients.add(BounceParser.recipient(BounceKind.FAILURE, object.group(1), field(body, "action"),
                            DeliveryStatus.statusOf(nullToEmpty(field(body, "status"))), stripType(field(body, "diagnosticCode")),
                            null, null, null));
                }
            }
            case "Complaint" -> {
                Matcher object = RECIPIENT_OBJECT.matcher(flat);
                while (object.find()) {
                    recipients.add(new BounceRecipient(BounceKind.FEEDBACK, object.group(1), null, null, null, null, null,
                            SmtpStage.UNKNOWN, null));
                }
                if (recipients.isEmpty()) {
                    recipients.add(new BounceRecipient(BounceKind.FEEDBACK, null, null, null, null, null, null, SmtpStage.UNKNOWN, null));
                }
                return new BounceReport(BounceKind.FEEDBACK, recipients, null, date, returned, subject, null);
            }
            case "Delivery" -> {
                Matcher list = DELIVERY_RECIPIENTS.matcher(flat);
                Matcher response = SMTP_RESPONSE.matcher(flat);
                String smtpResponse = response.find() ? response.group(1) : null;
                if (list.find()) {
                    for (String address : list.group(1).split(",")) {
                        String cleaned = address.replaceAll("[\\\\\"\\s]", "");
                        if (!cleaned.isEmpty()) {
                            recipients.add(BounceParser.recipient(BounceKind.DELIVERED, cleaned, "delivered", null, smtpResponse,
                                    null, null, null));
                        }
                    }
                }
                if (recipients.isEmpty()) {
                    return null;
                }
                return new BounceReport(BounceKind.DELIVERED, recipients, null, date, returned, subject, null);
            }
            default -> {
                return null;
            }
        }
        if (recipients.isEmpty()) {
            return null;
        }
        return new BounceReport(BounceKind.FAILURE, recipients, null, date, returned, subject, null);
    }

    private static String field(String object, String name) {
        Matcher matcher = Pattern.compile(QUOTE + name + QUOTE + "\\s*:\\s*" + QUOTE + "([^\"\\\\]*)").matcher(object);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String stripType(String diagnostic) {
        if (diagnostic == null) {
            return null;
        }
        int semicolon = diagnostic.indexOf(';');
        return semicolon >= 0 && semicolon < 16 ? diagnostic.substring(semicolon + 1).strip() : diagnostic;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
