package org.mailtriage.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;

/**
 * Progress lines on standard error while a long run goes on: every interval, the running stage and its tasks done,
 * the input's files and bytes, and — when the tasks run in this JVM (local mode) — the bytes read so far and the
 * rate (Hadoop's file system counters; on a cluster the reading happens on the executors, so only tasks are shown).
 * A run shorter than the interval prints nothing.
 */
public final class Progress implements AutoCloseable {
    private final SparkSession spark;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final long bytesAtStart;
    private final InputSize input;
    /** Null when progress lines are off. */
    private final ScheduledExecutorService timer;

    /** Files and bytes of the inputs (directories walked, globs expanded); zero when they cannot be listed. */
    public record InputSize(long files, long bytes) {
    }

    private Progress(SparkSession spark, InputSize input, Duration interval, PrintStream out) {
        this.spark = spark;
        this.input = input;
        this.out = out;
        this.bytesAtStart = bytesRead();
        if (interval.isZero() || interval.isNegative()) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mailtriage-progress");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts reporting; an interval of zero reports nothing (and lists no input). */
    public static Progress start(SparkSession spark, List<String> inputs, Duration interval, PrintStream out) {
        boolean on = !interval.isZero() && !interval.isNegative();
        InputSize input = on ? measure(spark.sparkContext().hadoopConfiguration(), inputs) : new InputSize(0, 0);
        return new Progress(spark, input, interval, out);
    }

    static InputSize measure(Configuration configuration, List<String> inputs) {
        long files = 0;
        long bytes = 0;
        for (String input : inputs) {
            try {
                Path pattern = new Path(input);
                FileSystem fileSystem = pattern.getFileSystem(configuration);
                FileStatus[] matches = fileSystem.globStatus(pattern);
                for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
                    if (match.isFile()) {
                        files++;
                        bytes += match.getLen();
                        continue;
                    }
                    RemoteIterator<LocatedFileStatus> found = fileSystem.listFiles(match.getPath(), true);
                    while (found.hasNext()) {
                        files++;
                        bytes += found.next().getLen();
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // Best effort: the job itself reports an input it cannot read.
            }
        }
        return new InputSize(files, bytes);
    }

    private void report() {
        try {
            out.println(line());
        } catch (RuntimeException e) {
            // A progress line is never worth failing the run.
        }
    }

    String line() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "progress %s:", clock(seconds)));
        SparkStatusTracker tracker = spark.sparkContext().statusTracker();
        int[] active = tracker.getActiveStageIds();
        if (active.length == 0) {
            text.append(" between stages;");
        }
        for (int stageId : active) {
            var info = tracker.getStageInfo(stageId);
            if (info.isDefined()) {
                SparkStageInfo stage = info.get();
                text.append(String.format(Locale.ROOT, " stage %d (%s) %d/%d tasks;", stageId, stageName(stage.name()),
                        stage.numCompletedTasks(), stage.numTasks()));
            }
        }
        text.append(String.format(Locale.ROOT, " input %,d %s, %s", input.files(), input.files() == 1 ? "file" : "files",
                megabytes(input.bytes())));
        if (spark.sparkContext().isLocal()) {
            long read = bytesRead() - bytesAtStart;
            text.append(String.format(Locale.ROOT, "; read %s (%s/s)", megabytes(read), megabytes((long) (read / Math.max(seconds, 0.001)))));
        }
        return text.toString();
    }

    private static String stageName(String name) {
        // "mapPartitions at IngestJob.java:127" → "mapPartitions at IngestJob"
        int colon = name.lastIndexOf(".java:");
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static long bytesRead() {
        long total = 0;
        for (FileSystem.Statistics statistics : FileSystem.getAllStatistics()) {
            total += statistics.getBytesRead();
        }
        return total;
    }

    private static String clock(double seconds) {
        long whole = (long) seconds;
        return String.format(Locale.ROOT, "%02d:%02d", whole / 60, whole % 60);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
