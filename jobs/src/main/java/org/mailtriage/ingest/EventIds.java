package org.mailtriage.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Stable event ids: the same source file, offset and recipient always give the same id, so reruns dedupe. */
public final class EventIds {
    /** Looking MD5 up per event cost as much as hashing; one digest per thread gives the same name-based (v3) UUID. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 not supported", e);
        }
    });

    private EventIds() {
    }

    /** Equals {@code UUID.nameUUIDFromBytes((file + '\0' + offset + '\0' + index).getBytes(UTF_8)).toString()}. */
    public static String of(String file, long offset, int index) {
        String key = file + '\u0000' + offset + '\u0000' + index;
        MessageDigest digest = MD5.get();
        byte[] hash = digest.digest(key.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int position = 0; position < 8; position++) {
            most = (most << 8) | (hash[position] & 0xff);
            least = (least << 8) | (hash[position + 8] & 0xff);
        }
        return new UUID(most, least).toString();
    }
}
