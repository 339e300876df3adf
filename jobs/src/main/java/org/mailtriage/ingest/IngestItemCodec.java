package org.mailtriage.ingest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Ingest items as compact byte arrays, for the cache between the ingest job's writes: Spark sizes a
 * byte array at once, where it walks every field of an object (SizeEstimator), and Java serialization
 * of records cost more than the parsing. The first byte tells the kind ({@link #EVENT}, ...) so a
 * filter need not decode. Within one job only: the layout follows the records' fields and enums.
 */
public final class IngestItemCodec {
    public static final byte EVENT = 1;
    public static final byte QUARANTINE = 2;
    public static final byte COUNTS = 3;
    private static final int UTF16 = -2;

    private IngestItemCodec() {
    }

    public static byte[] encode(IngestItem item) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            if (item.event() != null) {
                out.writeByte(EVENT);
                DeliveryEvent event = item.event();
                writeString(out, event.eventId());
                out.writeLong(event.eventTime().getEpochSecond());
                out.writeInt(event.eventTime().getNano());
                out.writeByte(event.sourceFormat().ordinal());
                writeString(out, event.sourceFile());
                out.writeLong(event.sourceOffset());
                writeString(out, event.reportingHost());
                out.writeByte(event.direction().ordinal());
                for (String text : new String[] {event.outcome(), event.queueId(), event.messageId(), event.sender(), event.recipient(),
                        event.remoteHost(), event.remoteIp(), event.sendingIp(), event.heloName(), event.smtpStage()}) {
                    writeString(out, text);
                }
                out.writeInt(event.replyCode() == null ? Integer.MIN_VALUE : event.replyCode());
                for (String text : new String[] {event.enhancedStatus(), event.dsnAction(), event.replyText(), event.reason(),
                        event.guideRule(), event.remedy(), event.ruleId(), event.blocklist(), event.rawText()}) {
                    writeString(out, text);
                }
            } else if (item.quarantine() != null) {
                out.writeByte(QUARANTINE);
                QuarantineRecord record = item.quarantine();
                out.writeByte(record.sourceFormat().ordinal());
                writeString(out, record.sourceFile());
                out.writeLong(record.sourceOffset());
                writeString(out, record.reason());
                writeString(out, record.rawText());
            } else {
                out.writeByte(COUNTS);
                InputCounts counts = item.counts();
                for (long value : new long[] {counts.linesRead(), counts.linesWithEvents(), counts.linesIgnored(), counts.linesQuarantined(),
                        counts.emailsRead(), counts.emailsWithEvents(), counts.emailsNotBounces(), counts.emailsQuarantined(), counts.events()}) {
                    out.writeLong(value);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static IngestItem decode(byte[] encoded) {
        // Unsynchronized reads: ByteArrayInputStream locks on every byte.
        DataInputStream in = new DataInputStream(new UnsynchronizedInput(encoded));
        try {
            byte kind = in.readByte();
            if (kind == EVENT) {
                String eventId = readString(in);
                Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
                SourceFormat format = SourceFormat.values()[in.readByte()];
                String file = readString(in);
                long offset = in.readLong();
                String host = readString(in);
                Direction direction = Direction.values()[in.readByte()];
                String[] texts = new String[10];
                for (int index = 0; index < texts.length; index++) {
                    texts[index] = readString(in);
                }
                int code = in.readInt();
                String[] more = new String[9];
                for (int index = 0; index < more.length; index++) {
                    more[index] = readString(in);
                }
                return IngestItem.of(new DeliveryEvent(eventId, time, format, file, offset, host, direction, texts[0], texts[1], texts[2],
                        texts[3], texts[4], texts[5], texts[6], texts[7], texts[8], texts[9], code == Integer.MIN_VALUE ? null : code,
                        more[0], more[1], more[2], more[3], more[4], more[5], more[6], more[7], more[8]));
            }
            if (kind == QUARANTINE) {
                SourceFormat format = SourceFormat.values()[in.readByte()];
                String file = readString(in);
                long offset = in.readLong();
                return IngestItem.of(new QuarantineRecord(format, file, offset, readString(in), readString(in)));
            }
            if (kind == COUNTS) {
                long[] values = new long[9];
                for (int index = 0; index < values.length; index++) {
                    values[index] = in.readLong();
                }
                return IngestItem.of(new InputCounts(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
                        values[8]));
            }
            throw new IllegalArgumentException("unknown item kind " + kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Same length and no '?' means plain ASCII; otherwise a lone surrogate may have become '?' in UTF-8.
        if ((bytes.length != text.length() || hasQuestionMark(bytes)) && hasSurrogates(text)) {
            out.writeInt(UTF16);
            out.writeInt(text.length());
            out.writeChars(text);
            return;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static boolean hasQuestionMark(byte[] bytes) {
        for (byte value : bytes) {
            if (value == '?') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSurrogates(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (Character.isSurrogate(text.charAt(index))) {
                return true;
            }
        }
        return false;
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == UTF16) {
            char[] chars = new char[in.readInt()];
            for (int index = 0; index < chars.length; index++) {
                chars[index] = in.readChar();
            }
            return new String(chars);
        }
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A byte array as an input stream without ByteArrayInputStream's per-call locking. */
    private static final class UnsynchronizedInput extends java.io.InputStream {
        private final byte[] bytes;
        private int position;

        UnsynchronizedInput(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int count = Math.min(length, bytes.length - position);
            if (count <= 0) {
                return -1;
            }
            System.arraycopy(bytes, position, target, offset, count);
            position += count;
            return count;
        }
    }
}
