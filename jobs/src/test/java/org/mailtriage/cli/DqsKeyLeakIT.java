package org.mailtriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.DnsServerProcess;
import org.mailtriage.testing.FaultyDnsProxy.Fault;
import org.mailtriage.testing.FaultyDnsProxy;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;

/**
 * A Spamhaus DQS key in SPAMHAUS_DQS_KEY (and in spark.executorEnv) never comes out: not on stdout or
 * stderr, not in the log4j output at INFO, not in the Spark event log, not in any warehouse table,
 * not in error details — even when the list's TXT and the resolver's errors echo the name asked.
 * nightly and check-ip run in a child JVM (the key must be in its environment) against rbldnsd,
 * which serves the Spamhaus zones only under their DQS names, behind a proxy that truncates,
 * swallows and refuses some questions.
 */
class DqsKeyLeakIT {
    // An integration test (failsafe, mvn verify): it starts three child JVMs, one of them a whole nightly run.
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz01";
    private static final String SOA = "$SOA 60 ns.example.test. hostmaster.example.test. 1 3600 600 86400 60\n$TTL 60\n";

    @TempDir
    Path temp;

    private static Fault faultOf(String name) {
        if (name.startsWith("20.2.0.192.") || name.startsWith("21.2.0.192.")) {
            return Fault.TRUNCATE;
        }
        if (name.startsWith("30.2.0.192.")) {
            return Fault.SILENT;
        }
        if (name.startsWith("40.2.0.192.")) {
            return Fault.SERVFAIL;
        }
        if (name.startsWith("50.2.0.192.")) {
            return Fault.REFUSED;
        }
        return Fault.NONE;
    }

    @Test
    void theKeyNeverLeaves() throws Exception {
        Map<String, String> datasets = new LinkedHashMap<>();
        String echo = "asked as $ at " + KEY + ".zen.dq.spamhaus.net, see https://check.spamhaus.org/";
        datasets.put(KEY + ".zen.dq.spamhaus.net:ip4set", SOA + ":127.0.0.2:SBL " + echo + "\n127.0.0.2\n192.0.2.0/24\n198.51.100.0/24\n203.0.113.0/24\n");
        datasets.put(KEY + ".zen.dq.spamhaus.net:ip6trie", ":127.0.0.3:CSS " + echo + "\n2001:db8::/32\n");
        datasets.put(KEY + ".dbl.dq.spamhaus.net:dnset", SOA + ":127.0.1.2:DBL asked as $ at " + KEY + ".dbl.dq.spamhaus.net\ndbltest.com\n.example\n.test\n");
        Path warehouse = temp.resolve("warehouse");
        Path eventLog = Files.createDirectories(temp.resolve("event-log"));
        Path log4jFile = temp.resolve("driver.log");
        Path log4jConfig = Files.writeString(temp.resolve("log4j2.properties"), """
                rootLogger.level = info
                rootLogger.appenderRef.stderr.ref = console
                rootLogger.appenderRef.file.ref = file
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = """ + log4jFile + """

                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %d %p %c: %m%n
                """);
        List<Path> outputs = new ArrayList<>();
        try (DnsServerProcess rbldnsd = DnsServerProcess.rbldnsd(temp.resolve("rbldnsd"), datasets);
                FaultyDnsProxy proxy = FaultyDnsProxy.in(rbldnsd.address(), DqsKeyLeakIT::faultOf, 0, Duration.ZERO, 1)) {
            String server = "127.0.0.1:" + proxy.address().getPort();
            List<String> dns = List.of("--dns-server", server, "--dns-timeout-ms", "300", "--dns-retries", "1");
            List<String> nightly = new ArrayList<>(List.of("nightly", "--date", "2026-11-26",
                    "--input", ProjectFiles.resolve("data-samples/logs/mail.log").toString(), ProjectFiles.resolve("data-samples/bounces").toString(),
                    "--servers", ProjectFiles.resolve("data-samples/servers.csv").toString(), "--warehouse", warehouse.toString()));
            nightly.addAll(dns);
            int nightlyExit = runChild(nightly, log4jConfig, eventLog, temp.resolve("nightly"), outputs);
            assertThat(nightlyExit).as(Files.readString(temp.resolve("nightly.err"))).isIn(0, 1);
            for (String ip : List.of("192.0.2.10", "192.0.2.20")) {
                List<String> checkIp = new ArrayList<>(List.of("check-ip", ip));
                checkIp.addAll(dns);
                runChild(checkIp, log4jConfig, eventLog, temp.resolve("check-ip-" + ip), outputs);
            }
        }

        try (Stream<Path> files = Files.walk(eventLog)) {
            files.filter(Files::isRegularFile).forEach(outputs::add);
        }
        try (Stream<Path> files = Files.walk(warehouse)) {
            files.filter(Files::isRegularFile).forEach(outputs::add);
        }
        outputs.add(log4jFile);
        String eventLogText = readAll(eventLog);
        assertThat(eventLogText).as("the event log was written").contains("SparkListenerEnvironmentUpdate")
                .contains("spark.executorEnv.SPAMHAUS_DQS_KEY");
        for (Path output : outputs) {
            String text = new String(Files.readAllBytes(output), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            assertThat(text).as("bytes of " + output).doesNotContain(KEY);
        }

        // Compressed Parquet pages hide text from a byte search: read every table's every column too.
        SparkSession spark = SharedSpark.session();
        List<String> tables;
        try (Stream<Path> children = Files.list(warehouse)) {
            tables = children.filter(DqsKeyLeakIT::holdsParquet).map(path -> path.getFileName().toString()).sorted().toList();
        }
        assertThat(tables).contains("events", "dns_answers", "delisting_requests", "server_remediation", "runs");
        for (String table : tables) {
            Dataset<Row> rows = spark.read().parquet(warehouse.resolve(table).toString());
            for (String json : rows.toJSON().collectAsList()) {
                assertThat(json.toLowerCase(Locale.ROOT)).as(table).doesNotContain(KEY);
            }
        }

        // The key was used: rbldnsd answers only under the DQS names, and its echoed text arrived redacted.
        Dataset<Row> zen = spark.read().parquet(warehouse.resolve("dns_answers").toString()).where("zone = 'zen.spamhaus.org'");
        assertThat(zen.where("outcome = 'listed' and txt like '%<DQS key>.zen.dq.spamhaus.net%'").count()).isPositive();
        assertThat(zen.where("outcome = 'listed'").select("question").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .allSatisfy(question -> assertThat(question).endsWith(".zen.spamhaus.org"));
        assertThat(zen.where("subject = '192.0.2.20' and check = 'dnsbl'").select("outcome", "error_kind").collectAsList())
                .extracting(Object::toString).containsOnly("[unknown,network]");
        assertThat(spark.read().parquet(warehouse.resolve("delisting_requests").toString()).where("list = 'zen.spamhaus.org' and txt like '%DQS key%'")
                .count()).isPositive();
        assertThat(Files.readString(temp.resolve("check-ip-192.0.2.10.out"))).contains("<DQS key>");
        assertThat(eventLogText).contains("*********(redacted)");
    }

    private static boolean holdsParquet(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readAll(Path directory) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    /** Runs the CLI in a child JVM with the key in its environment and in spark.executorEnv; stdout/stderr to PREFIX.out/.err. */
    private static int runChild(List<String> args, Path log4jConfig, Path eventLog, Path prefix, List<Path> outputs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("-XX:+IgnoreUnrecognized") || flag.startsWith("-Dio.netty")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=" + log4jConfig,
                "-Dspark.eventLog.enabled=true", "-Dspark.eventLog.compress=false", "-Dspark.eventLog.dir=" + eventLog.toUri(),
                "-Dspark.executorEnv.SPAMHAUS_DQS_KEY=" + KEY,
                "-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
                "org.mailtriage.cli.Main"));
        command.addAll(args);
        Path out = Path.of(prefix + ".out");
        Path err = Path.of(prefix + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("SPAMHAUS_DQS_KEY", KEY);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child did not finish: " + args);
        }
        outputs.add(out);
        outputs.add(err);
        return process.exitValue();
    }
}
