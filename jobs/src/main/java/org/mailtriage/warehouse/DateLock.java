package org.mailtriage.warehouse;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * One run per (warehouse, date) at a time: a lock file {@code _locks/<date>.lock} in the warehouse,
 * created only if absent. Runs for different dates write different partitions and do not wait for
 * each other. The lock file says who holds it (host, pid, the process's start time). A lock whose
 * holder was on this host and is no longer running (killed, crashed) is taken over with a warning;
 * one held from another host can only be judged and removed by hand.
 *
 * <p>Creating "only if absent" must be atomic. HDFS's {@code create(path, overwrite=false)} is; Hadoop's
 * local file system checks and then creates (a race), so for local paths the JDK's
 * {@code Files.createFile} (O_EXCL) does the creating.
 */
public final class DateLock implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(250);

    /** Another run holds the lock and did not release it in time. */
    public static final class LockedException extends RuntimeException {
        public LockedException(String message) {
            super(message);
        }
    }

    private final FileSystem fileSystem;
    private final Path path;
    private final String token;
    private boolean released;

    private DateLock(FileSystem fileSystem, Path path, String token) {
        this.fileSystem = fileSystem;
        this.path = path;
        this.token = token;
    }

    public static Path pathFor(Warehouse warehouse, LocalDate date) {
        return new Path(new Path(warehouse.root(), "_locks"), date + ".lock");
    }

    /**
     * Takes the lock for the date, waiting up to {@code waitSeconds} for a holder to release it.
     *
     * @throws LockedException when it is still held after the wait
     */
    public static DateLock acquire(Configuration configuration, Warehouse warehouse, LocalDate date, String command, long waitSeconds) {
        requireNonNull(date, "date is null");
        Path path = pathFor(warehouse, date);
        String token = UUID.randomUUID().toString();
        String content = "token=" + token + "\ncommand=" + command + "\nhost=" + hostName() + "\npid=" + ProcessHandle.current().pid()
                + "\nprocess_started=" + processStart(ProcessHandle.current()) + "\nstarted=" + Instant.now() + "\n";
        Instant deadline = Instant.now().plusSeconds(Math.max(0, waitSeconds));
        try {
            FileSystem fileSystem = path.getFileSystem(configuration);
            fileSystem.mkdirs(path.getParent());
            while (true) {
                if (createExclusively(fileSystem, path, content)) {
                    return new DateLock(fileSystem, path, token);
                }
                if (takeOverFromDeadHolder(fileSystem, path)) {
                    continue;
                }
                if (!Instant.now().isBefore(deadline)) {
                    throw new LockedException("another mailtriage run is writing " + date + " in " + warehouse.root() + " ("
                            + describeHolder(fileSystem, path) + "). Try again when it has finished, or pass --lock-wait SECONDS."
                            + " If no run is active (it crashed), delete " + path);
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            throw new BadInputException("cannot create lock file " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockedException("interrupted while waiting for the lock " + path);
        }
    }

    /**
     * A lock written on this host by a process that no longer runs (or whose pid now belongs to a process
     * started at another time) is moved aside and deleted. Moving it first means two runs judging the same
     * dead lock cannot both delete: the second one's rename fails, or moves a live lock it then puts back.
     *
     * @return true when the caller should try to create the lock again
     */
    private static boolean takeOverFromDeadHolder(FileSystem fileSystem, Path path) throws IOException {
        String text;
        try (InputStream in = fileSystem.open(path)) {
            text = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return true;
        }
        if (!holderIsDead(text, hostName())) {
            return false;
        }
        Path aside = new Path(path.getParent(), path.getName() + ".dead-" + UUID.randomUUID());
        if (!fileSystem.rename(path, aside)) {
            return true;
        }
        String moved;
        try (InputStream in = fileSystem.open(aside)) {
            moved = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
        }
        if (!moved.equals(text)) {
            fileSystem.rename(aside, path);
            return true;
        }
        fileSystem.delete(aside, false);
        System.err.println("mailtriage: warning: took over the lock " + path + " left by a run that is no longer running ("
                + describe(text) + ")");
        return true;
    }

    /** True when the lock text names this host and a pid that is not running, or that now is another process. */
    static boolean holderIsDead(String lockText, String thisHost) {
        String host = null;
        String pid = null;
        String processStarted = null;
        for (String line : lockText.split("\n")) {
            if (line.startsWith("host=")) {
                host = line.substring("host=".length());
            } else if (line.startsWith("pid=")) {
                pid = line.substring("pid=".length());
            } else if (line.startsWith("process_started=")) {
                processStarted = line.substring("process_started=".length());
            }
        }
        if (host == null || pid == null || !host.equals(thisHost)) {
            return false;
        }
        long number;
        try {
            number = Long.parseLong(pid.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(number);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        String start = processStart(process.get());
        return processStarted != null && !processStarted.equals("unknown") && !start.equals("unknown") && !start.equals(processStarted);
    }

    private static String processStart(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("unknown");
    }

    private static boolean createExclusively(FileSystem fileSystem, Path path, String content) throws IOException {
        java.nio.file.Path local = localPath(fileSystem, path);
        if (local != null) {
            try {
                Files.createFile(local);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            try (OutputStream out = Files.newOutputStream(local)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return true;
        }
        try (FSDataOutputStream out = fileSystem.create(path, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fileSystem.exists(path)) {
                return false;
            }
            throw e;
        }
    }

    private static java.nio.file.Path localPath(FileSystem fileSystem, Path path) {
        if (fileSystem instanceof LocalFileSystem localFileSystem) {
            return localFileSystem.pathToFile(path).toPath();
        }
        if (fileSystem instanceof RawLocalFileSystem rawLocalFileSystem) {
            return rawLocalFileSystem.pathToFile(path).toPath();
        }
        return null;
    }

    private static String describeHolder(FileSystem fileSystem, Path path) {
        try (InputStream in = fileSystem.open(path)) {
            return "held by " + describe(new String(in.readNBytes(1024), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "holder unknown: " + e.getMessage();
        }
    }

    private static String describe(String lockText) {
        StringBuilder holder = new StringBuilder();
        for (String line : lockText.split("\n")) {
            if (!line.startsWith("token=") && !line.isBlank()) {
                holder.append(holder.isEmpty() ? "" : " ").append(line);
            }
        }
        return holder.toString();
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    public Path path() {
        return path;
    }

    /** Releases the lock if it is still ours (a lock removed and re-taken by someone else is left alone). */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try (InputStream in = fileSystem.open(path)) {
            String text = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
            if (text.startsWith("token=" + token + "\n")) {
                fileSystem.delete(path, false);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot release lock " + path + ": " + e.getMessage(), e);
        }
    }
}
