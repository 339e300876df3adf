package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.PausingListener;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.ReportFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.testing.SparkDistribution;

/**
 * A real Spark standalone master and worker on 127.0.0.1, started from the Maven-provided Spark
 * jars, and {@code nightly} submitted to it in client mode. The worker needs a SPARK_HOME holding a
 * RELEASE file and jars/ (else every executor dies with "Cannot find any build directories").
 * One cluster serves both tests: an undisturbed run, and a run whose executor is killed mid-job.
 */
class SparkStandaloneIT {
    private static final String DATE = "2026-11-26";
    private static final List<String> REPORT_TABLES = List.of("failure_summary", "server_remediation", "delisting_requests");

    @TempDir
    static Path folder;

    private static Map<String, String> sparkEnvironment;
    private static String master;
    private static Process masterProcess;
    private static Process workerProcess;
    private static Path workerLog;
    private static Path undisturbedWarehouse;
    private static Path undisturbedLog;

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

    @BeforeAll
    static void startClusterAndRunOnce() throws Exception {
        SparkDistribution.requireBuilt();
        Path sparkHome = folder.resolve("spark-home");
        Files.createDirectories(sparkHome);
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark from Maven for mailtriage tests\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(sparkHome.resolve("jars"), SparkDistribution.sparkJars().toAbsolutePath());
        sparkEnvironment = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13");
        int masterPort = SparkDistribution.freePort();
        int masterUiPort = SparkDistribution.freePort();
        int workerUiPort = SparkDistribution.freePort();
        master = "spark://127.0.0.1:" + masterPort;
        Path masterLog = folder.resolve("master.log");
        workerLog = folder.resolve("worker.log");
        masterProcess = SparkDistribution.startJava("org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1",
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort)), "512m", sparkEnvironment, masterLog);
        SparkDistribution.awaitLog(masterProcess, masterLog, "I have been elected leader", Duration.ofMinutes(2));
        Files.createDirectories(folder.resolve("work"));
        workerProcess = SparkDistribution.startJava("org.apache.spark.deploy.worker.Worker", List.of(master, "--host", "127.0.0.1",
                "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(workerUiPort),
                "--work-dir", folder.resolve("work").toString()), "512m", sparkEnvironment, workerLog);
        SparkDistribution.awaitLog(workerProcess, workerLog, "Successfully registered with master", Duration.ofMinutes(2));

        undisturbedWarehouse = folder.resolve("warehouse");
        undisturbedLog = folder.resolve("submit.log");
        Process submit = submitNightly(undisturbedWarehouse, List.of(), undisturbedLog);
        try {
            assertThat(submit.waitFor(10, TimeUnit.MINUTES)).as("spark-submit finished").isTrue();
            assertThat(submit.exitValue()).as(SparkDistribution.tail(undisturbedLog)).isZero();
        } finally {
            SparkDistribution.stop(submit);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        SparkDistribution.stop(workerProcess);
        SparkDistribution.stop(masterProcess);
    }

    private static Process submitNightly(Path warehouse, List<String> extraConf, Path log) throws java.io.IOException {
        List<String> arguments = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                "--executor-memory", "1g", "--total-executor-cores", "2"));
        arguments.addAll(extraConf);
        arguments.addAll(List.of("--jars", SparkDistribution.testHooksJar().toString(), "--class", "org.mailtriage.cli.Main", SparkDistribution.submitJar().toString(),
                "nightly", "--date", DATE,
                "--input", ProjectFiles.resolve("data-samples/logs").toUri().toString(),
                "--servers", ProjectFiles.resolve("data-samples/servers.csv").toUri().toString(),
                "--dns-fixture", ProjectFiles.resolve("data-samples/dns/fixture.zone").toUri().toString(),
                "--warehouse", warehouse.toUri().toString()));
        return SparkDistribution.startJava("org.apache.spark.deploy.SparkSubmit", arguments, "1g", sparkEnvironment, log);
    }

    @Test
    void nightlyRunsOnAStandaloneCluster() throws Exception {
        String output = Files.readString(undisturbedLog, StandardCharsets.UTF_8);
        assertThat(output).contains("Connecting to master " + master).contains("  192.0.2.10 (out1.example.com): critical").contains("    needs delisting from ");
        assertThat(Files.readString(workerLog, StandardCharsets.UTF_8)).contains("Asked to launch executor");
        assertThat(executorLogs(folder.resolve("work"))).as("tasks ran on the worker's executor").contains("Running task");
        List<Group> servers = ReportFiles.read(undisturbedWarehouse.resolve("server_remediation/report_date=" + DATE));
        assertThat(servers).extracting(row -> row.getString("ip", 0)).contains("192.0.2.10", "192.0.2.20", "2001:db8:10::25");
        Group out1 = servers.stream().filter(row -> row.getString("ip", 0).equals("192.0.2.10")).findFirst().orElseThrow();
        assertThat(out1.getString("severity", 0)).isEqualTo("critical");
        List<Group> requests = ReportFiles.read(undisturbedWarehouse.resolve("delisting_requests/report_date=" + DATE));
        assertThat(requests).extracting(row -> row.getString("ip", 0) + " " + row.getString("list", 0)).contains("192.0.2.10 zen.spamhaus.org");
    }

    /**
     * The executors pause inside the DNS enrichment tasks ({@code MAILTRIAGE_PAUSE_AT=dns-task:15}); once an
     * executor logs that it is there, its JVM is killed with SIGKILL. The worker starts a new executor,
     * Spark reruns the lost tasks, and the report and the enrich run's counts equal the undisturbed run's.
     */
    @Test
    void anExecutorKilledMidJobIsReplacedAndTheRunGivesTheSameReport() throws Exception {
        Path warehouse = folder.resolve("warehouse-executor-killed");
        Path log = folder.resolve("submit-executor-killed.log");
        Path work = folder.resolve("work");
        java.time.Instant started = java.time.Instant.now();
        Process submit = submitNightly(warehouse, List.of("--conf", "spark.executorEnv." + PausingListener.VARIABLE + "=dns-task:15"), log);
        long killedPid;
        try {
            java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(8));
            while (!executorLogs(work).contains("mailtriage: paused at dns-task")) {
                assertThat(submit.isAlive()).as("run still going while waiting for the pause: " + SparkDistribution.tail(log)).isTrue();
                assertThat(java.time.Instant.now()).as("the executor reached the pause").isBefore(deadline);
                Thread.sleep(250);
            }
            List<ProcessHandle> executors = workerProcess.descendants()
                    .filter(process -> process.isAlive() && process.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .toList();
            assertThat(executors).as("one live executor JVM under the worker").hasSize(1);
            killedPid = executors.get(0).pid();
            executors.get(0).destroyForcibly();
            assertThat(submit.waitFor(10, TimeUnit.MINUTES)).as("spark-submit finished").isTrue();
            assertThat(submit.exitValue()).as(SparkDistribution.tail(log)).isZero();
        } finally {
            SparkDistribution.stop(submit);
        }
        String driverLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(driverLog).as("the kill landed while tasks ran (executor pid " + killedPid + ")").contains("ExecutorLostFailure");

        for (String table : REPORT_TABLES) {
            assertThat(reportRows(warehouse, table)).as(table).isEqualTo(reportRows(undisturbedWarehouse, table)).isNotEmpty();
        }
        assertThat(enrichCounts(warehouse)).as("enrich counts (asked, cached, failed, dns_answers rows) after the retry")
                .isEqualTo(enrichCounts(undisturbedWarehouse));
        System.out.println("SparkStandaloneIT: executor " + killedPid + " killed mid-job; run took "
                + Duration.between(started, java.time.Instant.now()).toSeconds() + " s; enrich counts " + enrichCounts(warehouse));
    }

    /** The date's rows as JSON, without the times DNS answers were asked (each run asks anew). */
    private static List<String> reportRows(Path warehouse, String table) {
        List<String> rows = new ArrayList<>();
        for (String json : SharedSpark.session().read().parquet(warehouse.resolve(table).toUri().toString())
                .where("report_date = DATE'" + DATE + "'").toJSON().collectAsList()) {
            rows.add(ReportFiles.withoutCheckTimes(json));
        }
        rows.sort(null);
        return rows;
    }

    private static Map<String, Long> enrichCounts(Path warehouse) {
        Row run = SharedSpark.session().read().parquet(warehouse.resolve("runs").toUri().toString()).where("command = 'enrich'")
                .selectExpr("dns_questions_asked", "dns_answers_cached", "dns_questions_failed").first();
        Map<String, Long> counts = new HashMap<>();
        counts.put("asked", run.getLong(0));
        counts.put("cached", run.getLong(1));
        counts.put("failed", run.getLong(2));
        counts.put("dns_answers rows", SharedSpark.session().read().parquet(warehouse.resolve("dns_answers").toUri().toString()).count());
        return counts;
    }
}
