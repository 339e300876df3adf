package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
    @Test
    void sameIdsAsNameBasedUuidsOfFileOffsetAndIndex() {
        for (String file : new String[] {"/var/log/mail.log", "hdfs://nn/logs/maillog-20261127.gz", "日志.log", ""}) {
            for (long offset : new long[] {0, 1, 4_294_967_296L, Long.MAX_VALUE}) {
                for (int index = 0; index < 3; index++) {
                    String key = file + '\u0000' + offset + '\u0000' + index;
                    assertThat(EventIds.of(file, offset, index))
                            .isEqualTo(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
                }
            }
        }
    }
}
