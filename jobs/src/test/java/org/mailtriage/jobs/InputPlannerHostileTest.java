package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.model.SourceFormat;

/** Planning over entries that are not plain files: nothing blocks, nothing is read twice, each is reported with a reason. */
class InputPlannerHostileTest {
    private static final String LOG = "Nov 26 01:02:21 out1 postfix/qmgr[6111]: 29A793DB74: removed\n".repeat(200);

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fifosSymlinkLoopsAndDanglingLinksAreReportedUnreadableAndADirectoryCycleIsReadOnce() throws Exception {
        Files.writeString(directory.resolve("maillog"), LOG);
        assertThat(new ProcessBuilder("mkfifo", directory.resolve("pipe.log").toString()).start().waitFor()).isZero();
        Files.createSymbolicLink(directory.resolve("loop-a.log"), Path.of("loop-b.log"));
        Files.createSymbolicLink(directory.resolve("loop-b.log"), Path.of("loop-a.log"));
        Files.createSymbolicLink(directory.resolve("dangling.log"), Path.of("missing.log"));
        Files.createSymbolicLink(directory.resolve("cycle"), Path.of("."));

        InputPlanner.Plan plan = planner().plan(List.of(directory.toString()));

        assertThat(plan.splits()).singleElement().satisfies(split -> assertThat(split.path()).endsWith("/maillog"));
        assertThat(plan.unreadable()).extracting(file -> file.path().substring(file.path().lastIndexOf('/') + 1) + " " + file.reason())
                .containsExactlyInAnyOrder("pipe.log unreadable: not a regular file (FIFO, socket or device)",
                        "loop-a.log unreadable: dangling symlink or symlink loop", "loop-b.log unreadable: dangling symlink or symlink loop",
                        "dangling.log unreadable: dangling symlink or symlink loop");
    }

    @Test
    void aTruncatedGzipIsSniffedOnWhatDecompressesBeforeTheDamage() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (int index = 0; index < 200; index++) {
                gzip.write(("Nov 26 01:02:21 out1 postfix/qmgr[6111]: " + String.format("%010X", index * 7919L) + ": removed\n").getBytes());
            }
        }
        byte[] whole = bytes.toByteArray();
        Files.write(directory.resolve("maillog.gz"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

        InputPlanner.Plan plan = planner().plan(List.of(directory.toString()));

        assertThat(plan.unrecognised()).isEmpty();
        assertThat(plan.splits()).singleElement().satisfies(split -> assertThat(split.format()).isEqualTo(SourceFormat.POSTFIX));
    }

    @Test
    void smallSplitsArePackedIntoAFewTasksPerCore() {
        assertThat(IngestJob.partitions(1, 2)).isEqualTo(1);
        assertThat(IngestJob.partitions(5, 2)).isEqualTo(5);
        assertThat(IngestJob.partitions(145, 2)).isEqualTo(8);
        assertThat(IngestJob.partitions(145, 0)).isEqualTo(4);
    }

    private static InputPlanner planner() {
        return new InputPlanner(new Configuration(), InputPlanner.DEFAULT_SPLIT_BYTES, null, LocalDate.of(2026, 11, 26), ZoneOffset.UTC);
    }
}
