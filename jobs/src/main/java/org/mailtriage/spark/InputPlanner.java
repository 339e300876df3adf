package org.mailtriage.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.mailtriage.ingest.FormatSniffer;
import org.mailtriage.ingest.SourceFormat;

/**
 * Turns the user's input paths (files, directories, globs; any Hadoop file system) into splits.
 * Each file's format is sniffed from its first bytes unless forced; files of unknown format are
 * reported, not read. Plain files are cut into ranges so one big log becomes many tasks.
 */
public final class InputPlanner {
    public static final long DEFAULT_SPLIT_BYTES = 64L * 1024 * 1024;
    private static final int SNIFF_BYTES = 64 * 1024;
    /** Rotated logs carry their rotation date: maillog-20260101, mail.log.2026-01-01. */
    private static final Pattern DATE_IN_NAME = Pattern.compile("(?<!\\d)(20\\d{2})-?(\\d{2})-?(\\d{2})(?!\\d)");

    /** The plan: what to read and what was skipped. */
    public record Plan(List<InputSplit> splits, List<String> files, List<String> unrecognised) {
    }

    private final Configuration configuration;
    private final long splitBytes;
    private final SourceFormat forcedFormat;
    private final LocalDate referenceDate;
    private final ZoneId zone;

    /**
     * @param forcedFormat null to sniff each file
     * @param referenceDate null to take it from the file name, else the file's modification time
     */
    public InputPlanner(Configuration configuration, long splitBytes, SourceFormat forcedFormat, LocalDate referenceDate, ZoneId zone) {
        this.configuration = configuration;
        this.splitBytes = splitBytes;
        this.forcedFormat = forcedFormat;
        this.referenceDate = referenceDate;
        this.zone = zone;
    }

    public Plan plan(List<String> inputs) throws IOException {
        List<InputSplit> splits = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        CompressionCodecFactory codecs = new CompressionCodecFactory(configuration);
        for (String input : inputs) {
            for (FileStatus status : expand(input)) {
                Path path = status.getPath();
                files.add(path.toString());
                CompressionCodec codec = codecs.getCodec(path);
                SourceFormat format = forcedFormat != null ? forcedFormat : sniff(path, codec);
                if (format == SourceFormat.UNKNOWN) {
                    unrecognised.add(path.toString());
                    continue;
                }
                String reference = referenceDateOf(status).toString();
                // Exchange tracking logs are read whole: their header names the columns, and records may span lines.
                if (codec != null || status.getLen() <= splitBytes || format == SourceFormat.EXCHANGE) {
                    splits.add(new InputSplit(path.toString(), format, 0, Long.MAX_VALUE, codec != null, reference));
                    continue;
                }
                for (long start = 0; start < status.getLen(); start += splitBytes) {
                    long end = Math.min(status.getLen(), start + splitBytes);
                    splits.add(new InputSplit(path.toString(), format, start, end, false, reference));
                }
            }
        }
        return new Plan(List.copyOf(splits), List.copyOf(files), List.copyOf(unrecognised));
    }

    private List<FileStatus> expand(String input) throws IOException {
        Path pattern = new Path(input);
        FileSystem fileSystem = pattern.getFileSystem(configuration);
        FileStatus[] matches = fileSystem.globStatus(pattern);
        if (matches == null || matches.length == 0) {
            throw new FileNotFoundException("input not found: " + input);
        }
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus match : matches) {
            collect(fileSystem, match, files);
        }
        files.sort((left, right) -> left.getPath().toString().compareTo(right.getPath().toString()));
        return files;
    }

    private static void collect(FileSystem fileSystem, FileStatus status, List<FileStatus> files) throws IOException {
        String name = status.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return;
        }
        if (status.isDirectory()) {
            for (FileStatus child : fileSystem.listStatus(status.getPath())) {
                collect(fileSystem, child, files);
            }
        } else {
            files.add(status);
        }
    }

    private SourceFormat sniff(Path path, CompressionCodec codec) throws IOException {
        FileSystem fileSystem = path.getFileSystem(configuration);
        try (InputStream raw = fileSystem.open(path);
                InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            return FormatSniffer.sniff(head, head.length);
        } catch (IOException e) {
            // A corrupt compressed file: report it as unrecognised rather than failing the run.
            return SourceFormat.UNKNOWN;
        }
    }

    private LocalDate referenceDateOf(FileStatus status) {
        if (referenceDate != null) {
            return referenceDate;
        }
        Matcher matcher = DATE_IN_NAME.matcher(status.getPath().getName());
        if (matcher.find()) {
            try {
                return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
            } catch (java.time.DateTimeException e) {
                // Not a date after all (a serial number): fall through to the file's time.
            }
        }
        return Instant.ofEpochMilli(status.getModificationTime()).atZone(zone).toLocalDate();
    }
}
