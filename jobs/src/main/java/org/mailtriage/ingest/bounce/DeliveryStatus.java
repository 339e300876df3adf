package org.mailtriage.ingest.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of an RFC 3464 message/delivery-status body: the per-message block (Reporting-MTA,
 * Arrival-Date …) and one block per recipient. Tolerates the usual breakage: missing blank lines
 * between blocks, unindented continuation lines, type prefixes left out.
 */
public record DeliveryStatus(String reportingMta, String arrivalDate, String receivedFromMta, List<Recipient> recipients) {
    private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    public DeliveryStatus {
        recipients = List.copyOf(recipients);
    }

    /** One per-recipient block; every field may be null. */
    public record Recipient(String finalRecipient, String originalRecipient, String action, String status,
            String remoteMta, String diagnosticType, String diagnostic, String lastAttemptDate) {

        public String address() {
            return finalRecipient != null ? finalRecipient : originalRecipient;
        }
    }

    public static DeliveryStatus parse(String text) {
        String reportingMta = null;
        String arrivalDate = null;
        String receivedFrom = null;
        List<Recipient> recipients = new ArrayList<>();
        RecipientBuilder current = null;
        String lastName = null;
        StringBuilder lastValue = null;
        List<String[]> fields = new ArrayList<>();
        for (String line : BounceText.allLines(text)) {
            if (line.isBlank()) {
                fields.add(null);
                lastName = null;
                continue;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            int colon = line.indexOf(':');
            boolean looksLikeField = !continuation && colon > 0 && HeaderBlock.isFieldName(line, colon);
            if (!looksLikeField) {
                if (lastName != null) {
                    String[] previous = fields.get(fields.size() - 1);
                    previous[1] = previous[1] + " " + line.strip();
                }
                continue;
            }
            lastName = line.substring(0, colon).strip();
            lastValue = new StringBuilder(line.substring(colon + 1).strip());
            fields.add(new String[] {lastName, lastValue.toString()});
        }
        for (String[] field : fields) {
            if (field == null) {
                if (current != null) {
                    recipients.add(current.build());
                    current = null;
                }
                continue;
            }
            String name = field[0].toLowerCase(Locale.ROOT);
            String value = field[1].strip();
            switch (name) {
                case "reporting-mta" -> reportingMta = typed(value);
                case "arrival-date" -> arrivalDate = value;
                case "received-from-mta" -> receivedFrom = typed(value);
                case "final-recipient", "original-recipient", "x-actual-recipient", "action", "status", "remote-mta",
                        "diagnostic-code", "last-attempt-date" -> {
                    boolean startsNew = current == null
                            || (name.equals("final-recipient") && current.finalRecipient != null)
                            || (name.equals("original-recipient") && current.originalRecipient != null);
                    if (startsNew) {
                        if (current != null) {
                            recipients.add(current.build());
                        }
                        current = new RecipientBuilder();
                    }
                    current.set(name, value);
                }
                default -> {
                    // Extension fields (X-Postfix-Sender, Will-Retry-Until …) are not used.
                }
            }
        }
        if (current != null) {
            recipients.add(current.build());
        }
        recipients.removeIf(recipient -> recipient.address() == null && recipient.status() == null && recipient.diagnostic() == null);
        return new DeliveryStatus(reportingMta, arrivalDate, receivedFrom, recipients);
    }

    /** "rfc822; user@example.com" → "user@example.com"; "dns; mx.example.net" → "mx.example.net". */
    static String typed(String value) {
        int semicolon = value.indexOf(';');
        String rest = semicolon >= 0 && semicolon < 16 ? value.substring(semicolon + 1) : value;
        rest = rest.strip();
        if (rest.startsWith("<") && rest.endsWith(">")) {
            rest = rest.substring(1, rest.length() - 1).strip();
        }
        return rest.isEmpty() ? null : rest;
    }

    static String statusOf(String value) {
        Matcher matcher = STATUS.matcher(value);
        return matcher.find() ? matcher.group() : null;
    }

    private static final class RecipientBuilder {
        private String finalRecipient;
        private String originalRecipient;
        private String action;
        private String status;
        private String remoteMta;
        private String diagnosticType;
        private String diagnostic;
        private String lastAttempt;

        void set(String name, String value) {
            switch (name) {
                case "final-recipient" -> finalRecipient = address(value);
                case "x-actual-recipient" -> {
                    if (finalRecipient == null) {
                        finalRecipient = address(value);
                    }
                }
                case "original-recipient" -> originalRecipient = address(value);
                case "action" -> action = value.toLowerCase(Locale.ROOT).split("[\\s(]", 2)[0];
                case "status" -> status = statusOf(value);
                case "remote-mta" -> remoteMta = typed(value);
                case "diagnostic-code" -> {
                    int semicolon = value.indexOf(';');
                    if (semicolon >= 0 && semicolon < 16 && !value.substring(0, semicolon).contains(" ")) {
                        diagnosticType = value.substring(0, semicolon).strip().toLowerCase(Locale.ROOT);
                        diagnostic = value.substring(semicolon + 1).strip();
                        if (diagnosticType.startsWith("x-unix") || diagnosticType.startsWith("x-local")) {
                            // Not an SMTP reply but a local delivery program's exit status: keep the type, it is the clue.
                            diagnostic = diagnosticType + "; " + diagnostic;
                        }
                    } else {
                        diagnostic = value;
                    }
                }
                case "last-attempt-date" -> lastAttempt = value;
                default -> throw new IllegalStateException("unexpected field " + name);
            }
        }

        private static String address(String value) {
            String address = typed(value);
            if (address == null) {
                return null;
            }
            int space = address.indexOf(' ');
            return space > 0 ? address.substring(0, space) : address;
        }

        Recipient build() {
            return new Recipient(finalRecipient, originalRecipient, action, status, remoteMta, diagnosticType,
                    diagnostic == null || diagnostic.isBlank() ? null : diagnostic, lastAttempt);
        }
    }
}
