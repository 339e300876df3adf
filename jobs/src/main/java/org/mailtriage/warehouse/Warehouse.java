package org.mailtriage.warehouse;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The folder (any Hadoop path) that holds one sub-folder per table. */
public record Warehouse(String root) {
    public Warehouse {
        requireNonNull(root, "root is null");
        root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
    }

    public String table(String name) {
        return root + "/" + name;
    }

    /** Creates the warehouse if needed and proves it is writable, so a bad path fails before any work. */
    public void checkWritable(Configuration configuration) {
        Path probe = new Path(root, "_write_check_" + UUID.randomUUID());
        try {
            FileSystem fileSystem = probe.getFileSystem(configuration);
            fileSystem.mkdirs(new Path(root));
            try (FSDataOutputStream out = fileSystem.create(probe, false)) {
                out.write('\n');
            }
            fileSystem.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("warehouse not writable: " + root + " (" + e.getMessage() + ")", e);
        }
    }

    public boolean tableExists(Configuration configuration, String name) {
        try {
            Path path = new Path(table(name));
            return path.getFileSystem(configuration).exists(path);
        } catch (IOException e) {
            return false;
        }
    }
}
