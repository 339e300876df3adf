package org.mailtriage.spark;

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
 * each other. The lock file says who holds it, so a lock left by a crashed run can be judged and
 * removed by hand.
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
                + "\nstarted=" + Instant.now() + "\n";
        Instant deadline = Instant.now().plusSeconds(Math.max(0, waitSeconds));
        try {
            FileSystem fileSystem = path.getFileSystem(configuration);
            fileSystem.mkdirs(path.getParent());
            while (true) {
                if (createExclusively(fileSystem, path, content)) {
                    return new DateLock(fileSystem, path, token);
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
            String text = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
            StringBuilder holder = new StringBuilder("held by");
            for (String line : text.split("\n")) {
                if (!line.startsWith("token=") && !line.isBlank()) {
                    holder.append(' ').append(line);
                }
            }
            return holder.toString();
        } catch (IOException e) {
            return "holder unknown: " + e.getMessage();
        }
    }

    private static String hostName() {
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
