package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.ReportFiles;
import org.mailtriage.testing.SparkDistribution;

/** The shaded jar through org.apache.spark.deploy.SparkSubmit on local[2], as a user submits it. */
class SparkSubmitLocalIT {
    @TempDir
    Path folder;

    @Test
    void nightlyRunsUnderSparkSubmit() throws Exception {
        SparkDistribution.requireBuilt();
        Path warehouse = folder.resolve("warehouse");
        Path log = folder.resolve("submit.log");
        Process submit = SparkDistribution.startJava("org.apache.spark.deploy.SparkSubmit", List.of(
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--class", "org.mailtriage.cli.Main", SparkDistribution.submitJar().toString(),
                "nightly", "--date", "2026-11-26",
                "--input", ProjectFiles.resolve("data-samples/logs").toUri().toString(),
                "--servers", ProjectFiles.resolve("data-samples/servers.csv").toUri().toString(),
                "--dns-fixture", ProjectFiles.resolve("data-samples/dns/fixture.zone").toUri().toString(),
                "--warehouse", warehouse.toUri().toString()), "1g", Map.of(), log);
        try {
            assertThat(submit.waitFor(10, TimeUnit.MINUTES)).as("spark-submit finished").isTrue();
            assertThat(submit.exitValue()).as(SparkDistribution.tail(log)).isZero();
        } finally {
            SparkDistribution.stop(submit);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).contains("  192.0.2.10 (out1.example.com): critical").contains("    needs delisting from ");
        List<Group> requests = ReportFiles.read(warehouse.resolve("delisting_requests/report_date=2026-11-26"));
        assertThat(requests).extracting(row -> row.getString("ip", 0) + " " + row.getString("list", 0))
                .contains("192.0.2.10 zen.spamhaus.org", "192.0.2.20 bl.spamcop.net");
        assertThat(ReportFiles.read(warehouse.resolve("server_remediation/report_date=2026-11-26"))).isNotEmpty();
    }
}
