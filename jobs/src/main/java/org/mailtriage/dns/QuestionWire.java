package org.mailtriage.dns;

import java.nio.charset.StandardCharsets;

/**
 * The wire form of a one-question query (RFC 1035 §4.1): a 12-byte header with RD set and
 * QDCOUNT 1, then the name as length-prefixed labels, the type and class IN. Built straight from
 * the text, because at tens of thousands of questions a second building dnsjava Name and Message
 * objects first costs more than sending them. The id (bytes 0–1) is filled in per attempt.
 */
final class QuestionWire {
    private QuestionWire() {
    }

    /** The query bytes, or null when the name cannot be a DNS name (empty label, label over 63 or name over 255 bytes). */
    static byte[] encode(String name, int type) {
        String text = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        byte[] nameBytes = text.getBytes(StandardCharsets.UTF_8);
        int wireNameLength = nameBytes.length + 2;
        if (text.isEmpty() || wireNameLength > 255) {
            return null;
        }
        byte[] wire = new byte[12 + wireNameLength + 4];
        wire[2] = 0x01; // RD
        wire[5] = 1; // QDCOUNT
        int position = 12;
        int labelStart = 0;
        for (int i = 0; i <= nameBytes.length; i++) {
            if (i == nameBytes.length || nameBytes[i] == '.') {
                int length = i - labelStart;
                if (length < 1 || length > 63) {
                    return null;
                }
                wire[position++] = (byte) length;
                System.arraycopy(nameBytes, labelStart, wire, position, length);
                position += length;
                labelStart = i + 1;
            }
        }
        wire[position++] = 0;
        wire[position++] = (byte) (type >>> 8);
        wire[position++] = (byte) type;
        wire[position++] = 0;
        wire[position] = 1; // class IN
        return wire;
    }
}
