package org.mailtriage.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * What Hadoop's local file system does not say about local inputs: whether an entry is a regular readable file
 * (Hadoop would open a FIFO and block forever), where a directory really is (symlink cycles), and which entries
 * its listing silently drops (dangling symlinks, symlink loops). Other file systems have none of these: every
 * method answers "nothing to report" for them.
 */
final class LocalFiles {
    private LocalFiles() {
    }

    private static boolean isLocal(Path path) {
        String scheme = path.toUri().getScheme();
        return scheme == null || scheme.equals("file");
    }

    private static java.nio.file.Path local(Path path) {
        return Paths.get(path.toUri().getPath());
    }

    /** Why a listed file cannot be read as a file, or null when it can (or is not local). */
    static String whyUnreadable(Path path) {
        if (!isLocal(path)) {
            return null;
        }
        java.nio.file.Path file = local(path);
        if (!Files.exists(file)) {
            return Files.isSymbolicLink(file) ? "unreadable: dangling symlink or symlink loop" : "unreadable: file vanished";
        }
        if (!Files.isRegularFile(file)) {
            return Files.isDirectory(file) ? null : "unreadable: not a regular file (FIFO, socket or device)";
        }
        if (!Files.isReadable(file)) {
            return "unreadable: permission denied";
        }
        return null;
    }

    /** The directory's real path (symlinks resolved) when local, else its name as given. */
    static String realPath(Path directory) {
        if (!isLocal(directory)) {
            return directory.toString();
        }
        try {
            return local(directory).toRealPath().toString();
        } catch (IOException e) {
            return directory.toString();
        }
    }

    /** Entries of a local directory that Hadoop's listing left out: they cannot even be stat'ed. */
    static List<InputPlanner.Unreadable> unlisted(Path directory, FileStatus[] listed) {
        List<InputPlanner.Unreadable> missing = new ArrayList<>();
        if (!isLocal(directory)) {
            return missing;
        }
        Set<String> names = new HashSet<>();
        for (FileStatus status : listed) {
            names.add(status.getPath().getName());
        }
        try (Stream<java.nio.file.Path> entries = Files.list(local(directory))) {
            entries.filter(entry -> !names.contains(entry.getFileName().toString()))
                    .filter(entry -> !Files.exists(entry) || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))
                    .forEach(entry -> missing.add(new InputPlanner.Unreadable(new Path(directory, entry.getFileName().toString()).toString(),
                            Files.isSymbolicLink(entry) && !Files.exists(entry) ? "unreadable: dangling symlink or symlink loop"
                                    : "unreadable: not listed by the file system")));
        } catch (IOException e) {
            missing.add(new InputPlanner.Unreadable(directory.toString(), "unreadable: cannot list directory: " + e.getMessage()));
        }
        return missing;
    }
}
