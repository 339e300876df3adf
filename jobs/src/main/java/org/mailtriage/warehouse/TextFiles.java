package org.mailtriage.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Small text inputs every job reads on the driver: rule tables, servers.csv, zone lists. */
public final class TextFiles {
    private TextFiles() {
    }

    /** Reads a small text file from any Hadoop path, or a class-path resource when the path is null. */
    public static String read(Configuration configuration, String path, String resource) {
        try {
            if (path == null) {
                try (InputStream in = TextFiles.class.getResourceAsStream(resource)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path hadoopPath = new Path(path);
            try (InputStream in = hadoopPath.getFileSystem(configuration).open(hadoopPath)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read " + (path == null ? resource : path) + ": " + e.getMessage(), e);
        }
    }
}
