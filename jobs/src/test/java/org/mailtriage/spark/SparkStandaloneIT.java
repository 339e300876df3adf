package org.mailtriage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.ReportFiles;
import org.mailtriage.testing.SparkDistribution;

/**
 * A real Spark standalone master and worker on 127.0.0.1, started from the Maven-provided Spark
 * jars, and {@code nightly} submitted to it in client mode. The worker needs a SPARK_HOME holding a
 * RELEASE file and jars/ (else every executor dies with "Cannot find any build directories").
 */
class SparkStandaloneIT {
    @TempDir
    Path folder;

    /** Everything the worker's executors wrote to stderr (work/app-…/N/stderr). */
    private static String executorLogs(Path workDirectory) throws java.io.IOException {
        StringBuilder logs = new StringBuilder();
        try (var files = Files.walk(workDirectory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("stderr")).toList()) {
                logs.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return logs.toString();
    }

    @Test
    void nightlyRunsOnAStandaloneCluster() throws Exception {
        SparkDistribution.requireBuilt();
        Path sparkHome = folder.resolve("spark-home");
        Files.createDirectories(sparkHome);
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark from Maven for mailtriage tests\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(sparkHome.resolve("jars"), SparkDistribution.sparkJars().toAbsolutePath());
        Map<String, String> sparkEnvironment = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13");
        int masterPort = SparkDistribution.freePort();
        int masterUiPort = SparkDistribution.freePort();
        int workerUiPort = SparkDistribution.freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        Path warehouse = folder.resolve("warehouse");
        Process masterProcess = null;
        Process workerProcess = null;
        Process submit = null;
        Path masterLog = folder.resolve("master.log");
        Path workerLog = folder.resolve("worker.log");
        Path submitLog = folder.resolve("submit.log");
        try {
            masterProcess = SparkDistribution.startJava("org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1",
                    "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort)), "512m", sparkEnvironment, masterLog);
            SparkDistribution.awaitLog(masterProcess, masterLog, "I have been elected leader", Duration.ofMinutes(2));
            Files.createDirectories(folder.resolve("work"));
            workerProcess = SparkDistribution.startJava("org.apache.spark.deploy.worker.Worker", List.of(master, "--host", "127.0.0.1",
                    "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(workerUiPort),
                    "--work-dir", folder.resolve("work").toString()), "512m", sparkEnvironment, workerLog);
            SparkDistribution.awaitLog(workerProcess, workerLog, "Successfully registered with master", Duration.ofMinutes(2));

            submit = SparkDistribution.startJava("org.apache.spark.deploy.SparkSubmit", List.of(
                    "--master", master, "--deploy-mode", "client", "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.ui.enabled=false", "--executor-memory", "1g", "--total-executor-cores", "2",
                    "--class", "org.mailtriage.cli.Main", SparkDistribution.submitJar().toString(),
                    "nightly", "--date", "2026-11-26",
                    "--input", ProjectFiles.resolve("data-samples/logs").toUri().toString(),
                    "--servers", ProjectFiles.resolve("data-samples/servers.csv").toUri().toString(),
                    "--dns-fixture", ProjectFiles.resolve("data-samples/dns/fixture.zone").toUri().toString(),
                    "--warehouse", warehouse.toUri().toString()), "1g", sparkEnvironment, submitLog);
            assertThat(submit.waitFor(10, TimeUnit.MINUTES)).as("spark-submit finished").isTrue();
            assertThat(submit.exitValue()).as(SparkDistribution.tail(submitLog)).isZero();
        } finally {
            SparkDistribution.stop(submit);
            SparkDistribution.stop(workerProcess);
            SparkDistribution.stop(masterProcess);
        }
        String output = Files.readString(submitLog, StandardCharsets.UTF_8);
        assertThat(output).contains("Connecting to master " + master).contains(" servers need delisting: 192.0.2.10 (out1.example.com) from ");
        assertThat(Files.readString(workerLog, StandardCharsets.UTF_8)).contains("Asked to launch executor");
        assertThat(executorLogs(folder.resolve("work"))).as("tasks ran on the worker's executor").contains("Running task");
        List<Group> servers = ReportFiles.read(warehouse.resolve("server_remediation/report_date=2026-11-26"));
        assertThat(servers).extracting(row -> row.getString("ip", 0)).contains("192.0.2.10", "192.0.2.20", "2001:db8:10::25");
        Group out1 = servers.stream().filter(row -> row.getString("ip", 0).equals("192.0.2.10")).findFirst().orElseThrow();
        assertThat(out1.getString("severity", 0)).isEqualTo("critical");
        List<Group> requests = ReportFiles.read(warehouse.resolve("delisting_requests/report_date=2026-11-26"));
        assertThat(requests).extracting(row -> row.getString("ip", 0) + " " + row.getString("list", 0)).contains("192.0.2.10 zen.spamhaus.org");
    }
}
