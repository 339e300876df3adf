package org.mailtriage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real DNS server started by a test on a free loopback port: rbldnsd for blocklist zones, nsd
 * for ordinary zones. Stopped (by its own process handle) when closed.
 */
public final class DnsServerProcess implements AutoCloseable {
    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private DnsServerProcess(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** {@code 127.0.0.1:PORT}, as {@code --dns-server} takes it. */
    public String hostPort() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /**
     * rbldnsd serving datasets: each entry of {@code datasets} is {@code zone:type} → file text,
     * e.g. {@code "zen.test:ip4set"} → data. Several datasets may serve one zone (suffix the key with
     * {@code #n} to keep them apart).
     */
    public static DnsServerProcess rbldnsd(Path directory, Map<String, String> datasets) {
        Path executable = RequiredComponent.requireExecutable("rbldnsd", "rbldnsd");
        try {
            Files.createDirectories(directory);
            // Started as root, rbldnsd drops to its own user, which must be able to read the data.
            readableByAll(directory);
            int port = FreePorts.udpAndTcp();
            List<String> command = new ArrayList<>(List.of(executable.toString(), "-n", "-b", "127.0.0.1/" + port,
                    "-r", directory.toString(), "-p", directory.resolve("rbldnsd.pid").toString()));
            int index = 0;
            for (Map.Entry<String, String> dataset : datasets.entrySet()) {
                String spec = dataset.getKey().replaceAll("#.*", "");
                String file = "data" + index++ + ".txt";
                Files.writeString(directory.resolve(file), dataset.getValue(), StandardCharsets.UTF_8);
                // rbldnsd skips a file modified within the current second (it may still be being written) until its next check.
                Files.setLastModifiedTime(directory.resolve(file), FileTime.from(Instant.now().minusSeconds(10)));
                readableByAll(directory.resolve(file));
                command.add(spec + ":" + file);
            }
            Path log = directory.resolve("rbldnsd.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            DnsServerProcess server = new DnsServerProcess(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), log);
            server.awaitReady("rbldnsd");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nsd serving ordinary zones: zone name → zone file text. */
    public static DnsServerProcess nsd(Path directory, Map<String, String> zones) {
        Path executable = RequiredComponent.requireExecutable("nsd", "nsd");
        try {
            Files.createDirectories(directory);
            int port = FreePorts.udpAndTcp();
            StringBuilder config = new StringBuilder()
                    .append("server:\n")
                    .append("  ip-address: 127.0.0.1@").append(port).append('\n')
                    .append("  username: \"\"\n")
                    .append("  database: \"\"\n")
                    .append("  zonesdir: \"").append(directory).append("\"\n")
                    .append("  pidfile: \"").append(directory.resolve("nsd.pid")).append("\"\n")
                    .append("  xfrdfile: \"").append(directory.resolve("xfrd.state")).append("\"\n")
                    .append("  zonelistfile: \"").append(directory.resolve("zone.list")).append("\"\n")
                    .append("  server-count: 1\n")
                    .append("  verbosity: 1\n")
                    .append("remote-control:\n  control-enable: no\n");
            int index = 0;
            for (Map.Entry<String, String> zone : zones.entrySet()) {
                String file = "zone" + index++ + ".zone";
                Files.writeString(directory.resolve(file), zone.getValue(), StandardCharsets.UTF_8);
                config.append("zone:\n  name: \"").append(zone.getKey()).append("\"\n  zonefile: \"").append(file).append("\"\n");
            }
            Path configFile = directory.resolve("nsd.conf");
            Files.writeString(configFile, config.toString(), StandardCharsets.UTF_8);
            Path log = directory.resolve("nsd.log");
            Process process = new ProcessBuilder(executable.toString(), "-d", "-c", configFile.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            DnsServerProcess server = new DnsServerProcess(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), log);
            server.awaitReady("nsd");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readableByAll(Path path) throws IOException {
        for (Path each = path; each != null && each.startsWith(System.getProperty("java.io.tmpdir")) && !each.equals(Path.of(System.getProperty("java.io.tmpdir"))); each = each.getParent()) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(each);
            permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
            if (Files.isDirectory(each)) {
                permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
            }
            Files.setPosixFilePermissions(each, permissions);
        }
    }

    private void awaitReady(String what) throws IOException {
        SimpleResolver probe = new SimpleResolver(address);
        probe.setTimeout(Duration.ofMillis(200));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited: " + Files.readString(log));
            }
            try {
                probe.send(Message.newQuery(Record.newRecord(Name.fromString("ready.probe.invalid."), Type.A, DClass.IN)));
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
        }
        close();
        throw new IllegalStateException(what + " did not answer within 10 s: " + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
