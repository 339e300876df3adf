package org.mailtriage.warehouse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The warehouse must not lie inside an input path, nor an input inside the warehouse: a rerun would
 * read its own tables as logs (and a glob over the input would pick them up). Local paths are
 * compared as real, normalised paths (symlinks and {@code ..} resolved, relative paths made
 * absolute); other file systems by their qualified URIs.
 */
public final class WarehousePlacement {
    private static final String GLOB_CHARACTERS = "*?[{";

    private WarehousePlacement() {
    }

    /** Throws {@link BadInputException} (one line) when the warehouse and an input contain one another. */
    public static void checkApart(Configuration configuration, Warehouse warehouse, List<String> inputs) {
        String warehouseLocation = location(configuration, warehouse.root());
        for (String input : inputs) {
            String inputLocation = location(configuration, withoutGlob(input));
            if (contains(inputLocation, warehouseLocation)) {
                throw new BadInputException("warehouse " + warehouse.root() + " is inside input " + input
                        + ": put the warehouse outside every input path");
            }
            if (contains(warehouseLocation, inputLocation)) {
                throw new BadInputException("input " + input + " is inside warehouse " + warehouse.root()
                        + ": put the warehouse outside every input path");
            }
        }
    }

    /** The part of a path before its first glob component ({@code logs/*.gz} → {@code logs}). */
    static String withoutGlob(String path) {
        int glob = -1;
        for (char c : GLOB_CHARACTERS.toCharArray()) {
            int at = path.indexOf(c);
            if (at >= 0 && (glob < 0 || at < glob)) {
                glob = at;
            }
        }
        if (glob < 0) {
            return path;
        }
        int slash = path.lastIndexOf('/', glob);
        return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
    }

    private static boolean contains(String outer, String inner) {
        return inner.equals(outer) || inner.startsWith(outer.endsWith("/") ? outer : outer + "/");
    }

    /** A comparable location: the real local path, or the qualified URI of another file system. */
    private static String location(Configuration configuration, String path) {
        URI uri;
        try {
            uri = new org.apache.hadoop.fs.Path(path).toUri();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("not a valid path: " + path, e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || scheme.equals("file")) {
            return realLocalPath(scheme == null ? path : uri.getPath()).toString();
        }
        try {
            org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(uri);
            FileSystem fileSystem = hadoopPath.getFileSystem(configuration);
            return fileSystem.makeQualified(hadoopPath).toUri().normalize().toString();
        } catch (IOException | RuntimeException e) {
            return uri.normalize().toString();
        }
    }

    /** The real path of the nearest existing ancestor, with the rest of the path appended. */
    private static Path realLocalPath(String text) {
        Path path;
        try {
            path = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadInputException("not a valid path: " + text, e);
        }
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return path;
        }
    }
}
