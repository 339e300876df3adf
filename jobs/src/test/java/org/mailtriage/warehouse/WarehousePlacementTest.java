package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts as inside, without Spark: neighbours with a common prefix are apart, globs count from their directory. */
class WarehousePlacementTest {
    @TempDir
    Path temp;

    @Test
    void apart() {
        assertApart(temp.resolve("logs").toString(), temp.resolve("logs-warehouse").toString());
        assertApart(temp.resolve("logs/*.gz").toString(), temp.resolve("warehouse").toString());
        assertApart("file://" + temp.resolve("logs"), temp.resolve("warehouse").toString());
        assertApart("hdfs://namenode:8020/logs", "hdfs://namenode:8020/warehouse");
    }

    @Test
    void inside() {
        assertInside(temp.resolve("logs").toString(), temp.resolve("logs/w").toString());
        assertInside("file://" + temp.resolve("logs"), temp.resolve("logs/w").toString());
        assertInside(temp.resolve("logs/2026-*/mail.log").toString(), temp.resolve("logs/w").toString());
        assertInside("hdfs://namenode:8020/data", "hdfs://namenode:8020/data/warehouse");
        assertInside("hdfs://namenode:8020/data/w/in", "hdfs://namenode:8020/data/w");
    }

    @Test
    void globPrefix() {
        assertThat(WarehousePlacement.withoutGlob("/var/log/mail*.gz")).isEqualTo("/var/log");
        assertThat(WarehousePlacement.withoutGlob("/var/log/{a,b}/mail.log")).isEqualTo("/var/log");
        assertThat(WarehousePlacement.withoutGlob("*.log")).isEqualTo(".");
        assertThat(WarehousePlacement.withoutGlob("/*")).isEqualTo("/");
        assertThat(WarehousePlacement.withoutGlob("/var/log/mail.log")).isEqualTo("/var/log/mail.log");
    }

    private static void assertApart(String input, String warehouse) {
        assertThatCode(() -> WarehousePlacement.checkApart(new Configuration(), new Warehouse(warehouse), List.of(input)))
                .as(input + " / " + warehouse).doesNotThrowAnyException();
    }

    private static void assertInside(String input, String warehouse) {
        assertThatThrownBy(() -> WarehousePlacement.checkApart(new Configuration(), new Warehouse(warehouse), List.of(input)))
                .as(input + " / " + warehouse).isInstanceOf(BadInputException.class).hasMessageContaining("inside");
    }
}
