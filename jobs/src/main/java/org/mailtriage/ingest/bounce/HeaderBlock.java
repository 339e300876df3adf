package org.mailtriage.ingest.bounce;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads "Name: value" header lines with folded continuations, as found in text/rfc822-headers
 * parts, in message/delivery-status blocks and in original messages quoted inline in a bounce text.
 */
final class HeaderBlock {
    private HeaderBlock() {
    }

    /** All header fields of the text, stopping at the first blank line after at least one field. */
    static List<MimeContent.Header> parse(String text) {
        List<MimeContent.Header> headers = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : BounceText.allLines(text)) {
            if (line.isBlank()) {
                if (!headers.isEmpty() || name != null) {
                    break;
                }
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isFieldName(line, colon)) {
                if (name == null && headers.isEmpty()) {
                    continue;
                }
                break;
            }
            if (name != null) {
                headers.add(new MimeContent.Header(name, MimeWalker.decodeHeader(value.toString())));
            }
            name = line.substring(0, colon).strip();
            value.setLength(0);
            value.append(line.substring(colon + 1).strip());
        }
        if (name != null) {
            headers.add(new MimeContent.Header(name, MimeWalker.decodeHeader(value.toString())));
        }
        return headers;
    }

    static boolean isFieldName(String line, int colon) {
        for (int index = 0; index < colon; index++) {
            char character = line.charAt(index);
            if (character <= ' ' || character > '~') {
                return false;
            }
        }
        return true;
    }
}
