package org.mailtriage.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Stable event ids: the same source file, offset and recipient always give the same id, so reruns dedupe. */
public final class EventIds {
    private EventIds() {
    }

    public static String of(String file, long offset, int index) {
        String key = file + '\u0000' + offset + '\u0000' + index;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
