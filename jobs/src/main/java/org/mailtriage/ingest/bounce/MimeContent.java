package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * What a bounce parser needs from one email's MIME tree, already decoded: the top-level headers,
 * the human-readable text parts of the bounce itself, the machine-readable report parts, and the
 * headers of the returned (original) message.
 *
 * @param deliveryStatus the body of the first message/delivery-status part, or null
 * @param feedbackReport the body of the first message/feedback-report part (ARF), or null
 * @param returnedHeaders headers of the returned message (message/rfc822 or text/rfc822-headers), possibly empty
 * @param problem why the MIME structure could not be read completely, or null
 */
public record MimeContent(
        List<Header> headers,
        String topContentType,
        List<String> texts,
        String deliveryStatus,
        String feedbackReport,
        List<Header> returnedHeaders,
        boolean hasReturnedMessage,
        String problem) {

    public MimeContent {
        headers = List.copyOf(headers);
        requireNonNull(topContentType, "topContentType is null");
        texts = List.copyOf(texts);
        returnedHeaders = List.copyOf(returnedHeaders);
    }

    /** One header field, name as written, value unfolded and with RFC 2047 words decoded. */
    public record Header(String name, String value) {
        public Header {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    public String header(String name) {
        return first(headers, name);
    }

    public List<String> headerValues(String name) {
        return all(headers, name);
    }

    public String returnedHeader(String name) {
        return first(returnedHeaders, name);
    }

    static String first(List<Header> fields, String name) {
        for (Header header : fields) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    static List<String> all(List<Header> fields, String name) {
        return fields.stream().filter(header -> header.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    public String topMimeType() {
        int semicolon = topContentType.indexOf(';');
        return (semicolon < 0 ? topContentType : topContentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
