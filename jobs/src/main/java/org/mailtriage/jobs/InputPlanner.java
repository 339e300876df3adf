package org.mailtriage.jobs;

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
import org.mailtriage.model.SourceFormat;

/**
 * Turns the user's input paths (files, directories, globs; any Hadoop file system) into splits.
 * Each file's format is sniffed from its first bytes unless forced; files of unknown format are
 * reported, not read. Plain files are cut into ranges so one big log becomes many tasks.
 *
 * @param forcedFormat null to sniff each file
 * @param referenceDate null to take it from the file name, else the file's modification time
 */
public record InputPlanner(Configuration configuration, long splitBytes, SourceFormat forcedFormat, LocalDate referenceDate, ZoneId zone) {
    public static final long DEFAULT_SPLIT_BYTES = 64L * 1024 * 1024;
    /**
     * An mbox is cut this much finer than a log: a megabyte of bounces (about 500 emails) costs as
     * much CPU as 100 MB of log lines, so 64 MB ranges left one core idle for a third of a 184 MB archive.
     */
    static final long MBOX_SPLIT_DIVISOR = 8;
    private static final int SNIFF_BYTES = 64 * 1024;
    /** Rotated logs carry their rotation date: maillog-20260101, mail.log.2026-01-01. */
    private static final Pattern DATE_IN_NAME = Pattern.compile("(?<!\\d)(20\\d{2})-?(\\d{2})-?(\\d{2})(?!\\d)");

    /** The plan: what to read and what was skipped. */
    public record Plan(List<InputSplit> splits, List<String> files, List<String> unrecognised, List<Unreadable> unreadable) {
    }

    /** A directory entry that cannot be read as a file at all (FIFO, device, dangling symlink, symlink loop, no permission). */
    public record Unreadable(String path, String reason) implements java.io.Serializable {
    }

    public Plan plan(List<String> inputs) throws IOException {
        List<InputSplit> splits = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        CompressionCodecFactory codecs = new CompressionCodecFactory(configuration);
        for (String input : inputs) {
            for (FileStatus status : expand(input, unreadable)) {
                Path path = status.getPath();
                files.add(path.toString());
                String whyUnreadable = LocalFiles.whyUnreadable(path);
                if (whyUnreadable != null) {
                    // Never opened: a FIFO would block the planner (and a task) forever.
                    unreadable.add(new Unreadable(path.toString(), whyUnreadable));
                    continue;
                }
                CompressionCodec codec = codecs.getCodec(path);
                SourceFormat format = forcedFormat != null ? forcedFormat : isMaildirEntry(path) ? SourceFormat.MAILDIR : sniff(path, codec);
                if (format == SourceFormat.UNKNOWN) {
                    unrecognised.add(path.toString());
                    continue;
                }
                String reference = referenceDateOf(status).toString();
                long rangeBytes = format == SourceFormat.MBOX ? Math.max(1, splitBytes / MBOX_SPLIT_DIVISOR) : splitBytes;
                if (codec != null || status.getLen() <= rangeBytes || !isSplittable(format)) {
                    splits.add(new InputSplit(path.toString(), format, 0, Long.MAX_VALUE, codec != null, reference));
                    continue;
                }
                for (long start = 0; start < status.getLen(); start += rangeBytes) {
                    long end = Math.min(status.getLen(), start + rangeBytes);
                    splits.add(new InputSplit(path.toString(), format, start, end, false, reference));
                }
            }
        }
        return new Plan(List.copyOf(splits), List.copyOf(files), List.copyOf(unrecognised), List.copyOf(unreadable));
    }

    private List<FileStatus> expand(String input, List<Unreadable> unreadable) throws IOException {
        Path pattern = new Path(input);
        FileSystem fileSystem = pattern.getFileSystem(configuration);
        FileStatus[] matches = fileSystem.globStatus(pattern);
        if (matches == null || matches.length == 0) {
            throw new FileNotFoundException("input not found: " + input);
        }
        List<FileStatus> files = new ArrayList<>();
        java.util.Set<String> directoriesSeen = new java.util.HashSet<>();
        for (FileStatus match : matches) {
            collect(fileSystem, match, files, directoriesSeen, unreadable);
        }
        files.sort((left, right) -> left.getPath().toString().compareTo(right.getPath().toString()));
        return files;
    }

    private static void collect(FileSystem fileSystem, FileStatus status, List<FileStatus> files, java.util.Set<String> directoriesSeen,
            List<Unreadable> unreadable) throws IOException {
        String name = status.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return;
        }
        if (status.isDirectory()) {
            if (!directoriesSeen.add(LocalFiles.realPath(status.getPath()))) {
                // A symlink back to a directory already read (a cycle, or the same tree twice): read it once.
                return;
            }
            boolean maildir = isMaildir(fileSystem, status.getPath());
            FileStatus[] children = fileSystem.listStatus(status.getPath());
            for (Unreadable missing : LocalFiles.unlisted(status.getPath(), children)) {
                if (!missing.path().substring(missing.path().lastIndexOf('/') + 1).startsWith(".")) {
                    unreadable.add(missing);
                }
            }
            for (FileStatus child : children) {
                if (maildir && child.getPath().getName().equals("tmp")) {
                    // Messages still being delivered: a Maildir reader never reads tmp/.
                    continue;
                }
                collect(fileSystem, child, files, directoriesSeen, unreadable);
            }
        } else {
            files.add(status);
        }
    }

    /** One email per file: never cut into byte ranges. */
    public static boolean isEmailFormat(SourceFormat format) {
        return format == SourceFormat.MBOX || format == SourceFormat.MAILDIR || format == SourceFormat.EML;
    }

    /** Single emails are one piece; Exchange tracking logs too: their header names the columns, and records may span lines. */
    static boolean isSplittable(SourceFormat format) {
        return format != SourceFormat.EML && format != SourceFormat.MAILDIR && format != SourceFormat.EXCHANGE;
    }

    /** A Maildir is a directory holding cur/, new/ and tmp/. */
    private static boolean isMaildir(FileSystem fileSystem, Path directory) throws IOException {
        return fileSystem.isDirectory(new Path(directory, "cur")) && fileSystem.isDirectory(new Path(directory, "new"))
                && fileSystem.isDirectory(new Path(directory, "tmp"));
    }

    /** A file in a Maildir's cur/ or new/. */
    private boolean isMaildirEntry(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent == null || !(parent.getName().equals("cur") || parent.getName().equals("new")) || parent.getParent() == null) {
            return false;
        }
        return isMaildir(path.getFileSystem(configuration), parent.getParent());
    }

    private SourceFormat sniff(Path path, CompressionCodec codec) throws IOException {
        FileSystem fileSystem = path.getFileSystem(configuration);
        try (InputStream raw = fileSystem.open(path);
                InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
            byte[] head = new byte[SNIFF_BYTES];
            int length = readHead(in, head);
            return FormatSniffer.sniff(head, length);
        } catch (IOException e) {
            // Not even a first block decompresses: report it as unrecognised rather than failing the run.
            return SourceFormat.UNKNOWN;
        }
    }

    /**
     * Fills {@code head} as far as the stream allows. A truncated or damaged gzip still yields what came before the
     * damage: the file is then sniffed on that and read, and its read error becomes a quarantine row after the lines
     * before it, instead of the whole file passing as "unrecognised format".
     */
    private static int readHead(InputStream in, byte[] head) throws IOException {
        int length = 0;
        try {
            int read;
            while (length < head.length && (read = in.read(head, length, head.length - length)) > 0) {
                length += read;
            }
        } catch (IOException e) {
            if (length == 0) {
                throw e;
            }
        }
        return length;
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
