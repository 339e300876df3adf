package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.testing.SharedSpark;

class RunLogTest {
    @TempDir
    Path folder;

    @Test
    void concurrentAppendsKeepEveryRow() throws Exception {
        Warehouse warehouse = new Warehouse(folder.toUri().toString());
        int writers = 3;
        int rowsEach = 4;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        List<Future<?>> work = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int number = writer;
            work.add(executor.submit(() -> {
                for (int row = 0; row < rowsEach; row++) {
                    Instant started = Instant.parse("2026-11-2" + (5 + number) + "T02:15:00Z");
                    RunLog.append(SharedSpark.session(), warehouse, new RunRecord("run-" + number + "-" + row, "nightly", "test", started,
                            started.plusSeconds(60), List.of("in"), 1, 0, InputCounts.ZERO, 0, null, null, null, "success", null));
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get(10, TimeUnit.MINUTES);
        }
        executor.shutdown();
        List<Row> rows = SharedSpark.session().read().parquet(warehouse.table("runs")).collectAsList();
        assertThat(rows).hasSize(writers * rowsEach);
        assertThat(rows.stream().map(row -> row.<String>getAs("run_id")).distinct()).hasSize(writers * rowsEach);
        try (Stream<Path> left = Files.list(folder.resolve("runs"))) {
            assertThat(left.map(path -> path.getFileName().toString())).allMatch(name -> name.startsWith("run_date="));
        }
    }
}
