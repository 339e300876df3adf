package org.mailtriage.ingest.bounce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtriage.ingest.EventIds;
import org.mailtriage.model.Addresses;
import org.mailtriage.model.Classification;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.Direction;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.model.SourceFormat;

/** A parsed bounce → one classified {@link DeliveryEvent} per failed recipient. */
public final class BounceEvents {
    static final int RAW_TEXT_LIMIT = 4096;
    /*
     * Both are searched at every position of every diagnostic, so each starts with a cheap test that
     * finds the same matches: the host name starts where no host-name character precedes it (a match
     * starting inside a name always has a twin starting at the name, and every match starts with a
     * host-name character), and every keyword of CLIENT_IP
     * starts with c, y, s, f or i. BounceEventsPatternTest compares them with the plain forms.
     */
    static final Pattern HOST_AND_IP = Pattern.compile(
            "(?i)(?=[a-z0-9.-])(?:host\\s+)?(?<![a-z0-9.-])([a-z0-9.-]+\\.[a-z]{2,})\\.?\\s*\\[((?:\\d{1,3}\\.){3}\\d{1,3}|[0-9a-f:]+)\\]");
    static final Pattern CLIENT_IP = Pattern.compile(
            "(?i)(?=[cysfi])(?:client(?: host)?|your ip(?: address)?|sending ip(?: address)?|connecting ip|from ip|ip address|ip=|\\bip\\b)\\s*[:=]?\\s*\\[?((?:\\d{1,3}\\.){3}\\d{1,3})\\]?");

    private BounceEvents() {
    }

    /**
     * @param fallbackTime used when the bounce carries no readable date
     */
    public static List<DeliveryEvent> of(BounceReport report, BounceClassifier classifier, SourceFormat format, String file,
            long offset, Instant fallbackTime) {
        List<DeliveryEvent> events = new ArrayList<>();
        List<BounceRecipient> recipients = report.recipients();
        for (int index = 0; index < recipients.size(); index++) {
            BounceRecipient recipient = recipients.get(index);
            if (recipient.kind() != BounceKind.FAILURE) {
                continue;
            }
            Classification classification = classifier.classify(recipient);
            String diagnostic = recipient.diagnostic();
            String remoteHost = recipient.remoteMta();
            String remoteIp = null;
            String hostText = (remoteHost == null ? "" : remoteHost) + " " + (diagnostic == null ? "" : diagnostic);
            // Both patterns need a bracket or a dotted quad; most texts have neither, and the scan is cheaper than the regex.
            Matcher hostAndIp = hostText.indexOf('[') >= 0 ? HOST_AND_IP.matcher(hostText) : null;
            if (hostAndIp != null && hostAndIp.find()) {
                remoteIp = Addresses.normalizeIp(hostAndIp.group(2));
                if (remoteHost == null || remoteHost.contains("[")) {
                    remoteHost = hostAndIp.group(1).toLowerCase(Locale.ROOT);
                }
            }
            String sendingIp = report.returned().sendingIp();
            if (diagnostic != null && BounceText.hasDigitDotDigit(diagnostic)) {
                Matcher client = CLIENT_IP.matcher(diagnostic);
                while (client.find()) {
                    String candidate = client.group(1);
                    if (Addresses.looksLikeIp(candidate) && !candidate.equals(remoteIp)) {
                        sendingIp = candidate;
                        break;
                    }
                }
            }
            // The last delivery attempt is when the receiver refused; else when the bounce was written.
            Instant time = BounceParser.parseDate(recipient.lastAttemptDate());
            if (time == null) {
                time = report.time() != null ? report.time() : fallbackTime;
            }
            boolean temporary = "delayed".equals(recipient.action())
                    || (recipient.status() != null && recipient.status().startsWith("4"));
            DeliveryEvent event = new DeliveryEvent(
                    EventIds.of(file, offset, index),
                    time,
                    format,
                    file,
                    offset,
                    report.reportingMta(),
                    Direction.OUTBOUND,
                    temporary ? "deferred" : "bounced",
                    null,
                    report.returned().messageId(),
                    report.returned().sender(),
                    recipient.recipient(),
                    remoteHost,
                    remoteIp,
                    sendingIp,
                    report.returned().heloName(),
                    recipient.stage() == SmtpStage.UNKNOWN ? null : recipient.stage().label(),
                    recipient.replyCode(),
                    recipient.status(),
                    recipient.action(),
                    diagnostic,
                    null, null, null, null, null, null,
                    bound(diagnostic == null ? "" : diagnostic));
            events.add(event.withClassification(classification, null));
        }
        return events;
    }

    private static String bound(String text) {
        return text.length() <= RAW_TEXT_LIMIT ? text : text.substring(0, RAW_TEXT_LIMIT);
    }
}
