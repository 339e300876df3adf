package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery from the folder states a killed swap can leave, built by hand (no Spark needed). */
class PartitionSwapTest {
    private static final Configuration HADOOP = new Configuration();
    private static final String DAY = "2026-11-26";

    @TempDir
    Path folder;

    private Path table() {
        return folder.resolve("server_remediation");
    }

    private void file(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    private String content(String partition) throws IOException {
        return Files.readString(table().resolve(partition).resolve("part-0.parquet"), StandardCharsets.UTF_8);
    }

    @Test
    void killedBetweenTheRenamesWithACommittedStagingFinishesTheSwap() throws IOException {
        file(table().resolve("_replaced-" + DAY + "-1/report_date=" + DAY + "/part-0.parquet"), "old");
        file(table().resolve("_staging-" + DAY + "-1/report_date=" + DAY + "/part-0.parquet"), "new");
        file(table().resolve("_staging-" + DAY + "-1/_SUCCESS"), "");
        List<String> repaired = PartitionSwap.recover(HADOOP, new Warehouse(folder.toUri().toString()), "server_remediation", DAY);
        assertThat(repaired).containsExactly("server_remediation/report_date=" + DAY + " (swap finished)");
        assertThat(content("report_date=" + DAY)).isEqualTo("new");
        assertThat(table()).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("_"));
    }

    @Test
    void killedBetweenTheRenamesWithoutACommittedStagingRestoresTheOldPartition() throws IOException {
        file(table().resolve("_replaced-" + DAY + "-2/report_date=" + DAY + "/part-0.parquet"), "old");
        List<String> repaired = PartitionSwap.recover(HADOOP, new Warehouse(folder.toUri().toString()), "server_remediation", DAY);
        assertThat(repaired).containsExactly("server_remediation/report_date=" + DAY + " (old partition restored)");
        assertThat(content("report_date=" + DAY)).isEqualTo("old");
        assertThat(table()).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("_"));
    }

    @Test
    void aFinishedSwapOnlyLosesItsLeftoversAndOtherDatesAreNotTouched() throws IOException {
        file(table().resolve("report_date=" + DAY + "/part-0.parquet"), "new");
        file(table().resolve("_replaced-" + DAY + "-3/report_date=" + DAY + "/part-0.parquet"), "old");
        file(table().resolve("_staging-" + DAY + "-4/_temporary/0/part-0.parquet"), "half");
        file(table().resolve("_staging-2026-11-25-5/report_date=2026-11-25/part-0.parquet"), "another run's");
        List<String> repaired = PartitionSwap.recover(HADOOP, new Warehouse(folder.toUri().toString()), "server_remediation", DAY);
        assertThat(repaired).isEmpty();
        assertThat(content("report_date=" + DAY)).isEqualTo("new");
        try (var listing = Files.list(table())) {
            assertThat(listing.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("report_date=" + DAY, "_staging-2026-11-25-5");
        }
    }

    @Test
    void removeTakesThePartitionAwayWhole() throws IOException {
        file(table().resolve("report_date=" + DAY + "/part-0.parquet"), "old");
        file(table().resolve("report_date=2026-11-25/part-0.parquet"), "other day");
        PartitionSwap.remove(HADOOP, new Warehouse(folder.toUri().toString()), "server_remediation", "report_date", DAY, DAY);
        try (var listing = Files.list(table())) {
            assertThat(listing.map(path -> path.getFileName().toString())).containsExactly("report_date=2026-11-25");
        }
    }
    @Test
    void aCommitKeepsOnlyTheFilesOfSuccessfulTaskAttempts() throws IOException {
        file(table().resolve("report_date=" + DAY + "/part-0.parquet"), "old");
        Warehouse warehouse = new Warehouse(folder.toUri().toString());
        org.apache.hadoop.fs.Path staging = PartitionSwap.beginStaging(HADOOP, warehouse, "server_remediation", DAY);
        Path stagingFolder = Path.of(staging.toUri().getPath());
        // Attempt 0 of task 1 failed after writing a file; attempt 1 succeeded and reported its file.
        file(stagingFolder.resolve("report_date=" + DAY + "/part-00001-0-lost.parquet"), "half");
        file(stagingFolder.resolve("report_date=" + DAY + "/part-0.parquet"), "new");
        PartitionSwap.commitStaged(HADOOP, warehouse, "server_remediation", "report_date", staging,
                List.of(stagingFolder.resolve("report_date=" + DAY + "/part-0.parquet").toUri().toString()));
        assertThat(content("report_date=" + DAY)).isEqualTo("new");
        try (var files = Files.list(table().resolve("report_date=" + DAY))) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith(".")))
                    .containsExactly("part-0.parquet");
        }
        assertThat(table()).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("_"));
    }
}
