package org.mailtriage.ingest.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Walks one email with mime4j's pull parser and keeps only what bounce parsing needs. Bodies are
 * read through bounded buffers, binary attachments are skipped unread, and nesting deeper than the
 * returned message is not descended into, so a 50 MB attachment or a thousand nested
 * message/rfc822 parts cost little. Never throws: a broken structure ends the walk with a problem.
 */
public final class MimeWalker {
    /** Text kept per part; bounce notices are short, the rest is quoted mail. */
    static final int MAX_TEXT_BYTES = 256 * 1024;
    private static final int MAX_TEXT_PARTS = 16;
    private static final String[] FALLBACK_CHARSETS = {"UTF-8", "EUC-JP", "Shift_JIS", "GB18030", "Big5", "EUC-KR"};
    private static final Pattern HTML_TAG = Pattern.compile("(?s)<(?:script|style)[^>]*>.*?</(?:script|style)>|<[^>]*>");
    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]*");
    private static final Pattern HTML_BREAK = Pattern.compile("(?i)<(?:br|/p|/div|/tr|/li|/h\\d)[^>]*>");

    private MimeWalker() {
    }

    public static MimeContent walk(byte[] message) {
        byte[] bytes = normalizeLineEndings(message);
        MimeConfig config = new MimeConfig.Builder()
                .setMaxLineLen(-1)
                .setMaxHeaderCount(2000)
                .setMaxHeaderLen(256 * 1024)
                .setMalformedHeaderStartsBody(true)
                .build();
        MimeTokenStream stream = new MimeTokenStream(config);
        stream.parse(new ByteArrayInputStream(bytes));

        List<MimeContent.Header> headers = new ArrayList<>();
        List<MimeContent.Header> returned = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String topContentType = "text/plain";
        String deliveryStatus = null;
        String feedback = null;
        boolean hasReturned = false;
        boolean returnedDone = false;
        String problem = null;
        int messageDepth = 0;
        boolean headerIsMessage = false;
        boolean headerIsReturned = false;
        boolean partIsAttachment = false;
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_MESSAGE -> {
                        messageDepth++;
                        headerIsMessage = true;
                        headerIsReturned = messageDepth == 2 && !returnedDone;
                        if (headerIsReturned) {
                            hasReturned = true;
                        }
                        if (messageDepth >= 2) {
                            // The returned message's own parts are of no interest; do not descend further.
                            stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
                        }
                    }
                    case T_END_MESSAGE -> {
                        if (messageDepth == 2) {
                            returnedDone = true;
                        }
                        messageDepth--;
                        if (messageDepth <= 1) {
                            stream.setRecursionMode(RecursionMode.M_RECURSE);
                        }
                    }
                    case T_START_BODYPART -> {
                        headerIsMessage = false;
                        partIsAttachment = false;
                    }
                    case T_FIELD -> {
                        Field field = stream.getField();
                        MimeContent.Header header = new MimeContent.Header(field.getName(), decodeHeader(field.getBody()));
                        if (headerIsMessage && messageDepth == 1) {
                            headers.add(header);
                            if (header.name().equalsIgnoreCase("Content-Type")) {
                                topContentType = header.value();
                            }
                        } else if (headerIsMessage && headerIsReturned) {
                            returned.add(header);
                        } else if (!headerIsMessage && messageDepth == 1 && header.name().equalsIgnoreCase("Content-Disposition")) {
                            partIsAttachment = header.value().toLowerCase(Locale.ROOT).startsWith("attachment");
                        }
                    }
                    case T_END_HEADER -> headerIsMessage = false;
                    case T_BODY -> {
                        if (messageDepth != 1) {
                            break;
                        }
                        BodyDescriptor body = stream.getBodyDescriptor();
                        String type = body.getMimeType() == null ? "text/plain" : body.getMimeType().toLowerCase(Locale.ROOT);
                        if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
                            // Read whole (the email itself is capped): each recipient past a cut would be lost unseen.
                            String text = read(stream, body.getCharset(), MboxReader.MAX_EMAIL_BYTES);
                            // Some reports carry one delivery-status part per recipient.
                            deliveryStatus = deliveryStatus == null ? text : deliveryStatus + "\n\n" + text;
                        } else if (type.equals("message/feedback-report")) {
                            String text = read(stream, body.getCharset());
                            if (feedback == null) {
                                feedback = text;
                            }
                        } else if (type.equals("text/rfc822-headers") || type.equals("message/rfc822-headers")
                                || type.equals("message/global-headers") || type.equals("message/global")
                                || type.equals("message/rfc822")) {
                            // message/rfc822 arrives here only when mime4j could not descend into it.
                            String text = read(stream, body.getCharset());
                            if (!returnedDone && returned.isEmpty()) {
                                returned.addAll(HeaderBlock.parse(text));
                                hasReturned = true;
                                returnedDone = true;
                            }
                        } else if (type.startsWith("text/") && partIsAttachment) {
                            // An attached text is the original's headers or body, not the bounce's own words.
                            String text = read(stream, body.getCharset());
                            if (!returnedDone && returned.isEmpty()) {
                                returned.addAll(HeaderBlock.parse(text));
                            }
                        } else if (type.startsWith("text/") && texts.size() < MAX_TEXT_PARTS) {
                            String text = read(stream, body.getCharset());
                            if (type.equals("text/html")) {
                                text = htmlToText(text);
                            }
                            texts.add(text);
                        }
                    }
                    default -> {
                        // Multipart bounds, preambles and epilogues carry nothing a bounce parser uses.
                    }
                }
            }
        } catch (IOException | MimeException | RuntimeException e) {
            problem = "mime_error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new MimeContent(headers, topContentType, texts, deliveryStatus, feedback, returned, hasReturned, problem);
    }

    /** mime4j reads LF and CRLF; a file written with bare CR line ends (old Mac) is turned into LF first. */
    static byte[] normalizeLineEndings(byte[] message) {
        boolean loneCr = false;
        for (int index = 0; index < message.length; index++) {
            if (message[index] == '\r' && (index + 1 == message.length || message[index + 1] != '\n')) {
                loneCr = true;
                break;
            }
        }
        if (!loneCr) {
            return message;
        }
        byte[] copy = new byte[message.length];
        int length = 0;
        for (int index = 0; index < message.length; index++) {
            byte current = message[index];
            if (current == '\r' && (index + 1 == message.length || message[index + 1] != '\n')) {
                copy[length++] = '\n';
            } else {
                copy[length++] = current;
            }
        }
        return length == copy.length ? copy : java.util.Arrays.copyOf(copy, length);
    }

    static String decodeHeader(String raw) {
        if (raw == null) {
            return "";
        }
        String unfolded = (raw.indexOf('\n') < 0 ? raw : FOLD.matcher(raw).replaceAll(" ")).strip();
        if (!unfolded.contains("=?")) {
            return unfolded;
        }
        try {
            return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return unfolded;
        }
    }

    private static String read(MimeTokenStream stream, String charsetName) throws IOException {
        return read(stream, charsetName, MAX_TEXT_BYTES);
    }

    private static String read(MimeTokenStream stream, String charsetName, int maxBytes) throws IOException {
        InputStream in = stream.getDecodedInputStream();
        byte[] bytes = in.readNBytes(maxBytes);
        return decode(bytes, charsetName);
    }

    /** Bytes → text in the declared charset; GB2312 is read as its superset GB18030; unknown names fall back to UTF-8. */
    static String decode(byte[] bytes, String charsetName) {
        String text = new String(bytes, charsetFor(charsetName));
        if (replacements(text) * 20 <= text.length()) {
            return text;
        }
        // Mislabelled text (EUC-JP sent as ISO-2022-JP, GBK as us-ascii): take the charset that reads it best.
        String best = text;
        for (String candidate : FALLBACK_CHARSETS) {
            String decoded = new String(bytes, Charset.forName(candidate));
            if (replacements(decoded) < replacements(best)) {
                best = decoded;
            }
        }
        return best;
    }

    private static int replacements(String text) {
        int count = 0;
        for (int index = 0; index < text.length(); index++) {
            if (text.charAt(index) == '\uFFFD') {
                count++;
            }
        }
        return count;
    }

    static Charset charsetFor(String charsetName) {
        if (charsetName == null || charsetName.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String name = charsetName.strip().toLowerCase(Locale.ROOT).replace("\"", "");
        switch (name) {
            case "us-ascii", "ascii", "ansi_x3.4-1968" -> {
                // Many MTAs send 8-bit text labelled us-ascii; UTF-8 reads ASCII unchanged.
                return StandardCharsets.UTF_8;
            }
            case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn" -> {
                return Charset.forName("GB18030");
            }
            default -> {
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
    }

    static String htmlToText(String html) {
        String text = HTML_BREAK.matcher(html).replaceAll("\n");
        text = HTML_TAG.matcher(text).replaceAll(" ");
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
