package org.mailtriage.ingest.bounce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a bounce whose MIME boundaries are missing or do not match the declared one (common in
 * hand-edited and broken bounces): the raw body is cut at lines that look like boundaries, and each
 * section is sorted by its own Content-Type line or, failing that, by what it contains.
 */
record RawSections(String notice, String deliveryStatus, List<MimeContent.Header> returnedHeaders) {
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern BOUNDARY_LINE = Pattern.compile("^--[^\\s-][^\\s]{4,}$");
    private static final Pattern DSN_FIELD = Pattern.compile("(?im)^(?:final-recipient|original-recipient)\\s*:");

    RawSections {
        returnedHeaders = List.copyOf(returnedHeaders);
    }

    static RawSections of(byte[] message) {
        byte[] bytes = MimeWalker.normalizeLineEndings(message);
        int bodyStart = bodyStart(bytes);
        int length = Math.min(bytes.length - bodyStart, MAX_BODY_BYTES);
        String body = new String(bytes, bodyStart, Math.max(0, length), StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            if (BOUNDARY_LINE.matcher(line.strip()).matches()) {
                sections.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(line).append('\n');
        }
        sections.add(current.toString());
        StringBuilder notice = new StringBuilder();
        String deliveryStatus = null;
        List<MimeContent.Header> returned = new ArrayList<>();
        for (String section : sections) {
            String type = partType(section);
            String content = stripPartHeaders(section, type);
            if (type.contains("delivery-status")) {
                if (deliveryStatus == null) {
                    deliveryStatus = fromFirstField(content);
                }
            } else if (type.contains("rfc822")) {
                if (returned.isEmpty()) {
                    returned.addAll(HeaderBlock.parse(content));
                }
            } else if (type.isEmpty() || type.startsWith("text/plain")) {
                if (DSN_FIELD.matcher(content).find() && deliveryStatus == null) {
                    String[] split = content.split("(?im)^(?=(?:reporting-mta|final-recipient|original-recipient)\\s*:)", 2);
                    notice.append(split[0]).append('\n');
                    deliveryStatus = split.length > 1 ? split[1] : null;
                } else {
                    notice.append(content).append('\n');
                }
            }
        }
        return new RawSections(notice.toString(), deliveryStatus, returned);
    }

    private static String fromFirstField(String content) {
        String[] split = content.split("(?im)^(?=(?:reporting-mta|final-recipient|original-recipient)\\s*:)", 2);
        return split.length > 1 ? split[1] : content;
    }

    /** The Content-Type a section declares in its own leading header lines, lower case, or "". */
    private static String partType(String section) {
        String trimmed = section.stripLeading();
        if (!trimmed.regionMatches(true, 0, "content-", 0, 8)) {
            return "";
        }
        for (MimeContent.Header header : HeaderBlock.parse(trimmed)) {
            if (header.name().equalsIgnoreCase("Content-Type")) {
                return header.value().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static String stripPartHeaders(String section, String type) {
        String trimmed = section.stripLeading();
        if (!trimmed.regionMatches(true, 0, "content-", 0, 8)) {
            return section;
        }
        int blank = trimmed.indexOf("\n\n");
        return blank < 0 ? "" : trimmed.substring(blank + 2);
    }

    private static int bodyStart(byte[] bytes) {
        for (int index = 0; index + 1 < bytes.length; index++) {
            if (bytes[index] == '\n' && bytes[index + 1] == '\n') {
                return index + 2;
            }
            if (bytes[index] == '\n' && index + 2 < bytes.length && bytes[index + 1] == '\r' && bytes[index + 2] == '\n') {
                return index + 3;
            }
        }
        return bytes.length;
    }
}
