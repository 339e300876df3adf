package org.mailtriage.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** Reads a report partition with parquet-hadoop alone (no Spark session needed in the test JVM). */
public final class ReportFiles {
    private ReportFiles() {
    }

    public static List<Group> read(Path partition) throws IOException {
        List<Path> files;
        try (var listing = Files.list(partition)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        List<Group> rows = new ArrayList<>();
        for (Path file : files) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
                    .withConf(new Configuration()).build()) {
                for (Group group = reader.read(); group != null; group = reader.read()) {
                    rows.add(group);
                }
            }
        }
        return rows;
    }

    /**
     * A row's text (Spark JSON, or parquet-hadoop's Group text) without the times DNS questions were
     * asked: an "unknown" answer is never cached, so every run asks it again and records a new time.
     */
    public static String withoutCheckTimes(String row) {
        return row.replaceAll("\"(checked_at|asked_at)\":\"[^\"]*\"", "\"$1\":\"(time)\"")
                .replaceAll("(?m)^(\\s*(checked_at|asked_at)): .*$", "$1: (time)")
                .replaceAll(" at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", " at (time)")
                .replaceAll("(A DNS look-up .{0,160}? on )\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC", "$1(time) UTC");
    }
}
