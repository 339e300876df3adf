package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.mailtriage.ingest.ChunkIterator;
import org.mailtriage.ingest.IngestItem;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.model.DeliveryEvent;
import org.mailtriage.model.QuarantineRecord;
import org.mailtriage.model.SourceFormat;

/**
 * Reads the emails of one split of a bounce archive and yields failure events, quarantine records
 * and, last, the split's counts. Every email read is counted once: as an email with events, as a
 * non-bounce (delivered reports, auto-replies, feedback, ordinary mail), or as quarantined.
 */
public final class EmailChunkReader extends ChunkIterator {
    private static final int QUARANTINE_RAW_LIMIT = 4096;

    /** The split's counts: every email read ends up in exactly one of the three that follow it. */
    private long emailsRead;
    private long emailsWithEvents;
    private long emailsNotBounces;
    private long emailsQuarantined;
    private long events;

    private final EmailSource source;
    private final String file;
    private final SourceFormat format;
    private final BounceClassifier classifier;
    private final Instant fallbackTime;

    public EmailChunkReader(EmailSource source, String file, SourceFormat format, BounceClassifier classifier, Instant fallbackTime) {
        this.source = requireNonNull(source, "source is null");
        this.file = requireNonNull(file, "file is null");
        this.format = requireNonNull(format, "format is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.fallbackTime = requireNonNull(fallbackTime, "fallbackTime is null");
    }

    @Override
    protected void advance() {
        RawEmail email;
        try {
            email = source.next();
        } catch (IOException | RuntimeException e) {
            // A corrupt gzip member or a read error ends this split; what was read stays counted.
            emailsRead++;
            quarantine(-1, "read_error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), "");
            finish();
            return;
        }
        if (email == null) {
            finish();
            return;
        }
        emailsRead++;
        if (email.problem() != null) {
            quarantine(email.offset(), email.problem(), preview(email.bytes()));
            return;
        }
        String unreadable = unreadable(email.bytes());
        if (unreadable != null) {
            quarantine(email.offset(), unreadable, preview(email.bytes()));
            return;
        }
        BounceReport report;
        List<DeliveryEvent> found;
        try {
            report = BounceParser.parse(email.bytes());
            found = BounceEvents.of(report, classifier, format, file, email.offset(), fallbackTime);
        } catch (RuntimeException | StackOverflowError e) {
            // A parser bug must cost one email, not the job: keep the email and say why.
            quarantine(email.offset(), "parser_error: " + e.getClass().getSimpleName(), preview(email.bytes()));
            return;
        }
        if (!found.isEmpty()) {
            emailsWithEvents++;
            for (DeliveryEvent event : found) {
                emit(IngestItem.of(event));
                events++;
            }
        } else if (report.kind() == BounceKind.NOT_A_BOUNCE && report.problem() != null) {
            quarantine(email.offset(), report.problem(), preview(email.bytes()));
        } else {
            emailsNotBounces++;
        }
    }

    /** What a split yields when its file cannot even be opened: one quarantined email, and balanced counts. */
    public static Iterator<IngestItem> unreadableFile(String file, SourceFormat format, String reason) {
        return List.of(IngestItem.of(new QuarantineRecord(format, file, 0, reason, "")),
                IngestItem.of(new InputCounts(0, 0, 0, 0, 1, 0, 0, 1, 0))).iterator();
    }

    /** Why the bytes are not an email at all (empty, no header fields), or null. */
    static String unreadable(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        if (head.isBlank()) {
            return "empty_email: " + bytes.length + " bytes";
        }
        String text = head.stripLeading();
        int firstEnd = lineEnd(text, 0);
        String firstLine = text.substring(0, firstEnd);
        if (firstLine.startsWith("From ")) {
            // An mbox separator line: the header starts on the next line (CRLF, LF or a lone CR ends a line).
            int next = firstEnd + (text.startsWith("\r\n", firstEnd) ? 2 : 1);
            firstLine = next > text.length() ? "" : text.substring(next, lineEnd(text, next));
        }
        int colon = firstLine.indexOf(':');
        if (colon <= 0 || !HeaderBlock.isFieldName(firstLine, colon)) {
            return "no_header_fields: the email does not start with a header";
        }
        return null;
    }

    private static int lineEnd(String text, int start) {
        for (int index = start; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '\n' || character == '\r') {
                return index;
            }
        }
        return text.length();
    }

    private void quarantine(long offset, String reason, String raw) {
        emailsQuarantined++;
        emit(IngestItem.of(new QuarantineRecord(format, file, Math.max(offset, 0), reason, raw)));
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, QUARANTINE_RAW_LIMIT), StandardCharsets.UTF_8);
        return text.length() <= QUARANTINE_RAW_LIMIT ? text : text.substring(0, QUARANTINE_RAW_LIMIT);
    }

    @Override
    protected InputCounts counts() {
        return new InputCounts(0, 0, 0, 0, emailsRead, emailsWithEvents, emailsNotBounces, emailsQuarantined, events);
    }
}
