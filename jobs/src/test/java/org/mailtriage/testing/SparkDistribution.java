package org.mailtriage.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.mailtriage.warehouse.RunPointListener;

/**
 * For the integration tests that run Spark the way users do: the shaded jar from {@code package},
 * Spark's jars from {@code jobs/target/lib}, and JVMs started as separate processes (spark-submit,
 * a standalone master and worker). Every process started here is stopped by its PID, with its
 * children (a worker's executors).
 */
public final class SparkDistribution {
    private static Path testHooksJar;

    private SparkDistribution() {
    }

    public static Path submitJar() {
        return Path.of(System.getProperty("mailtriage.submitJar", ProjectFiles.resolve("jobs/target/mailtriage.jar").toString()));
    }

    public static Path sparkJars() {
        return Path.of(System.getProperty("mailtriage.sparkJars", ProjectFiles.resolve("jobs/target/lib").toString()));
    }

    /**
     * The tests' run-point listener ({@link PausingListener} and its {@code META-INF/services} entry) as a jar for
     * spark-submit's {@code --jars}: the production jar carries no listener. Written once per test JVM.
     */
    public static synchronized Path testHooksJar() throws IOException {
        if (testHooksJar == null) {
            Path classes;
            try {
                classes = Path.of(PausingListener.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            Path jar = Files.createTempFile("mailtriage-test-hooks", ".jar");
            jar.toFile().deleteOnExit();
            String service = "META-INF/services/" + RunPointListener.class.getName();
            String listener = PausingListener.class.getName().replace('.', '/') + ".class";
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (String entry : List.of(service, listener)) {
                    out.putNextEntry(new JarEntry(entry));
                    Files.copy(classes.resolve(entry), out);
                    out.closeEntry();
                }
            }
            testHooksJar = jar;
        }
        return testHooksJar;
    }

    /** Fails under CI, skips elsewhere, when {@code mvn package} has not built the jar and its lib folder. */
    public static void requireBuilt() {
        RequiredComponent.require(Files.isRegularFile(submitJar()) && Files.isDirectory(sparkJars())
                && hasSparkCore(), "the submit jar and Spark's jars (mvn package: jobs/target/mailtriage.jar, jobs/target/lib)");
    }

    private static boolean hasSparkCore() {
        try (var files = Files.list(sparkJars())) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("spark-core_"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The JVM flags Spark's launcher adds on Java 17; a JVM started by hand needs them. */
    public static List<String> javaFlags() {
        String flags = System.getProperty("mailtriage.sparkJavaFlags", "");
        return flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** java flags -Xmx -cp 'lib/*' mainClass args, output to a log file. */
    public static Process startJava(String mainClass, List<String> arguments, String maxHeap, Map<String, String> environment, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaFlags());
        command.add("-Xmx" + maxHeap);
        command.add("-cp");
        command.add(sparkJars().resolve("*").toString());
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits until the log holds the text; fails with the log's tail when the process dies or time runs out. */
    public static void awaitLog(Process process, Path log, String text, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("process ended (exit " + process.exitValue() + ") before logging \"" + text + "\":\n" + tail(log));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no \"" + text + "\" in the log after " + timeout + ":\n" + tail(log));
    }

    public static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    /** Stops a process we started, and its children, by PID: politely, then forcibly. */
    public static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroy();
                child.onExit().completeOnTimeout(child, 10, java.util.concurrent.TimeUnit.SECONDS).join();
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        }
    }
}
