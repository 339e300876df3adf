package org.mailtriage.jobs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.classify.RuleBook;
import org.mailtriage.ingest.CourierParser;
import org.mailtriage.ingest.ExchangeTrackingParser;
import org.mailtriage.ingest.ExchangeTrackingReader;
import org.mailtriage.ingest.EximParser;
import org.mailtriage.ingest.ExpansionLimit;
import org.mailtriage.ingest.IngestItem;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.ingest.LineParser;
import org.mailtriage.ingest.LogChunkReader;
import org.mailtriage.ingest.OpenSmtpdParser;
import org.mailtriage.ingest.PostfixParser;
import org.mailtriage.ingest.QmailParser;
import org.mailtriage.ingest.SendmailParser;
import org.mailtriage.ingest.ServerDirectory;
import org.mailtriage.ingest.bounce.BounceClassifier;
import org.mailtriage.ingest.bounce.EmailChunkReader;
import org.mailtriage.ingest.bounce.EmailSource;
import org.mailtriage.ingest.bounce.MboxReader;
import org.mailtriage.ingest.bounce.WholeFileEmail;
import org.mailtriage.model.SourceFormat;
import org.mailtriage.warehouse.BadInputException;
import org.mailtriage.warehouse.HadoopConf;
import org.mailtriage.warehouse.DateLocks;
import org.mailtriage.warehouse.PartitionSwap;
import org.mailtriage.warehouse.Rows;
import org.mailtriage.warehouse.RunLog;
import org.mailtriage.warehouse.RunRecord;
import org.mailtriage.warehouse.Schemas;
import org.mailtriage.warehouse.StepTimer;
import org.mailtriage.warehouse.TaskParquet;
import org.mailtriage.warehouse.TextFiles;
import org.mailtriage.warehouse.Warehouse;
import org.mailtriage.warehouse.WarehousePlacement;

/**
 * ingest: input files → {@code events} (partitioned by event_date) and {@code quarantine}
 * (partitioned by ingest_date), plus one {@code runs} row. One Spark job: each task parses, classifies
 * and writes its own Parquet files ({@link TaskParquet}); nothing is cached, and only counts and file
 * names come back to the driver, which then swaps the staged partitions in.
 */
public final class IngestJob {
    /**
     * @param format null to sniff each file
     * @param referenceDate null: year of syslog lines from the file name's date, else the file's time
     * @param rulesPath null for the built-in rule table
     * @param serversCsv null when there is none
     * @param onlyDate null to keep every date; else only events of that (UTC) date are written
     * @param expansionLimit how far a compressed file may expand before reading it stops (gzip bomb guard)
     * @param lockWaitSeconds with onlyDate null: how long to wait for the lock of each date about to be replaced (a nightly
     *     of that date holding it); with onlyDate set the caller holds that date's lock
     */
    public record Options(List<String> inputs, Warehouse warehouse, SourceFormat format, LocalDate referenceDate, ZoneId zone,
            String rulesPath, String serversCsv, LocalDate ingestDate, LocalDate onlyDate, long splitBytes, ExpansionLimit expansionLimit,
            long lockWaitSeconds) {
        public Options {
            inputs = List.copyOf(inputs);
            requireNonNull(warehouse, "warehouse is null");
            requireNonNull(zone, "zone is null");
            requireNonNull(ingestDate, "ingestDate is null");
            requireNonNull(expansionLimit, "expansionLimit is null");
        }

        /** Without waiting for a date's lock. */
        public Options(List<String> inputs, Warehouse warehouse, SourceFormat format, LocalDate referenceDate, ZoneId zone,
                String rulesPath, String serversCsv, LocalDate ingestDate, LocalDate onlyDate, long splitBytes, ExpansionLimit expansionLimit) {
            this(inputs, warehouse, format, referenceDate, zone, rulesPath, serversCsv, ingestDate, onlyDate, splitBytes, expansionLimit, 0);
        }

        /** With the default expansion limit. */
        public Options(List<String> inputs, Warehouse warehouse, SourceFormat format, LocalDate referenceDate, ZoneId zone,
                String rulesPath, String serversCsv, LocalDate ingestDate, LocalDate onlyDate, long splitBytes) {
            this(inputs, warehouse, format, referenceDate, zone, rulesPath, serversCsv, ingestDate, onlyDate, splitBytes, ExpansionLimit.DEFAULT);
        }
    }

    /** What a finished ingest reports back. */
    public record Result(String runId, InputCounts counts, long filesRead, List<String> unrecognised, long quarantined,
            List<InputPlanner.Unreadable> unreadable) {
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Classifier> CLASSIFIERS = new java.util.concurrent.ConcurrentHashMap<>();

    private IngestJob() {
    }

    public static Result run(SparkSession spark, Options options, String runId) {
        return run(spark, options, runId, List.of());
    }

    /** @param before steps timed before this one (a nightly's process and Spark start), recorded first in the runs row */
    public static Result run(SparkSession spark, Options options, String runId, List<StepTimer.Step> before) {
        Instant started = Instant.now();
        StepTimer timer = new StepTimer();
        before.forEach(timer::add);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        WarehousePlacement.checkApart(hadoop, options.warehouse(), options.inputs());
        options.warehouse().checkWritable(hadoop);
        String rulesText = TextFiles.read(hadoop, options.rulesPath(), RuleBook.RESOURCE_FOLDER + RuleBook.PHRASES_FILE);
        String serversText = options.serversCsv() == null ? null : TextFiles.read(hadoop, options.serversCsv(), null);
        validate(rulesText, options.rulesPath(), serversText, options.serversCsv());

        InputPlanner.Plan plan;
        try {
            plan = new InputPlanner(hadoop, options.splitBytes(), options.format(), options.referenceDate(), options.zone())
                    .plan(options.inputs());
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }

        timer.lap("plan");
        InputCounts counts = InputCounts.ZERO;
        long quarantined = 0;
        String scope = options.onlyDate() == null ? "all" : options.onlyDate().toString();
        boolean anything = !plan.splits().isEmpty() || !plan.unreadable().isEmpty();
        if (!anything && options.onlyDate() != null) {
            PartitionSwap.remove(hadoop, options.warehouse(), "events", "event_date", options.onlyDate().toString(), scope);
        }
        if (anything) {
            HadoopConf conf = new HadoopConf(hadoop);
            String zone = options.zone().getId();
            ExpansionLimit expansionLimit = options.expansionLimit();
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            LocalDate onlyDate = options.onlyDate();
            LocalDate ingestDate = options.ingestDate();
            Path eventsStaging = qualified(hadoop, PartitionSwap.beginStaging(hadoop, options.warehouse(), "events", scope));
            // Its staging scope is the inputs' key too: starting, a run clears only what a killed run of the same inputs left.
            String quarantineKey = inputsKey(options.inputs());
            Path quarantineStaging = qualified(hadoop, PartitionSwap.beginStaging(hadoop, options.warehouse(), "quarantine", quarantineKey));
            // Columns (nearly) unique per event gain nothing from a dictionary; building one and falling back cost a third of
            // the write (queue and message ids, recipients: a profile of a 147 MB ingest showed the dictionaries' hash lookups).
            // reply_text too (issue 15): on the 1 GB realistic log its dictionary filled up and fell back to plain in every
            // file, after hashing and comparing each long reply; the dictionary lookups were ~12 % of the task samples.
            TaskParquet eventsOut = TaskParquet.prepare(spark, Schemas.EVENTS, "event_date", eventsStaging.toString(), java.util.Map.of(
                    "parquet.enable.dictionary#event_id", "false",
                    "parquet.enable.dictionary#event_time", "false",
                    "parquet.enable.dictionary#source_offset", "false",
                    "parquet.enable.dictionary#queue_id", "false",
                    "parquet.enable.dictionary#message_id", "false",
                    "parquet.enable.dictionary#recipient", "false",
                    "parquet.enable.dictionary#reply_text", "false",
                    "parquet.enable.dictionary#raw_text", "false"));
            TaskParquet quarantineOut = TaskParquet.prepare(spark, Schemas.QUARANTINE, "ingest_date", quarantineStaging.toString(),
                    java.util.Map.of());
            // One pass: each task parses, classifies and writes its events and quarantine rows itself; only its counts and
            // the names of the files it wrote come back (a retried task's result replaces the lost attempt's).
            List<IngestItem> unreadable = unreadableItems(plan.unreadable());
            String only = onlyDate == null ? null : onlyDate.toString();
            List<TaskResult> results = context.parallelize(plan.splits(), partitions(plan.splits().size(), context.defaultParallelism()))
                    .mapPartitions(splits -> List.of(writeTask(read(splits, conf, rulesText, serversText, ZoneId.of(zone), expansionLimit),
                            unreadable, eventsOut, quarantineOut, only, runId, ingestDate.toString())).iterator())
                    .collect();
            timer.lap("parse_classify_write");
            List<String> eventFiles = new ArrayList<>();
            List<String> quarantineFiles = new ArrayList<>();
            for (TaskResult result : results) {
                counts = counts.plus(result.counts());
                eventFiles.addAll(result.eventFiles());
                quarantineFiles.addAll(result.quarantineFiles());
            }
            if (onlyDate != null && eventFiles.isEmpty()) {
                // No rows for the date: drop the date's old rows so a rerun still replaces them.
                deleteQuietly(hadoop, eventsStaging);
                PartitionSwap.remove(hadoop, options.warehouse(), "events", "event_date", onlyDate.toString(), scope);
            } else {
                // A run over every date replaces each date it wrote: not while a nightly of that date is writing it.
                try (DateLocks locks = onlyDate == null ? DateLocks.acquire(hadoop, options.warehouse(), datesOf(eventFiles),
                        "ingest", options.lockWaitSeconds()) : DateLocks.NONE) {
                    PartitionSwap.commitStaged(hadoop, options.warehouse(), "events", "event_date", eventsStaging, eventFiles);
                }
            }
            // Quarantine rows sit under the day they were read, which many runs share (a backfill of several days, two
            // servers' logs): each run replaces only the rows an earlier run of the same inputs wrote.
            PartitionSwap.commitStagedByKey(hadoop, options.warehouse(), "quarantine", "ingest_date", quarantineStaging, quarantineFiles,
                    quarantineKey);
            quarantined = counts.linesQuarantined() + counts.emailsQuarantined();
            timer.lap("swap");
        }
        RunRecord run = new RunRecord(runId, "ingest", Version.current(), started, Instant.now(), options.inputs(),
                plan.files().size(), plan.unrecognised().size(), counts, quarantined, null, null, null,
                counts.balanced() ? "success" : "unbalanced", message(plan), timer.steps());
        RunLog.append(spark, options.warehouse(), run);
        return new Result(runId, counts, plan.files().size(), plan.unrecognised(), quarantined, plan.unreadable());
    }

    /** What one task wrote: its counts and the files it closed. */
    record TaskResult(InputCounts counts, List<String> eventFiles, List<String> quarantineFiles) implements java.io.Serializable {
        TaskResult {
            requireNonNull(counts, "counts is null");
            eventFiles = List.copyOf(eventFiles);
            quarantineFiles = List.copyOf(quarantineFiles);
        }
    }

    /**
     * One task's whole ingest: the items its splits yield go straight into Parquet writers (events by event date,
     * quarantine rows under the ingest date), counts are summed. The first task also writes the quarantine rows of
     * entries that could not be opened at all (found on the driver).
     *
     * @param onlyDate null keeps every event; else only events of that UTC date (yyyy-MM-dd) are written
     */
    static TaskResult writeTask(Iterator<IngestItem> items, List<IngestItem> unreadable, TaskParquet eventsOut, TaskParquet quarantineOut,
            String onlyDate, String runId, String ingestDate) {
        org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
        Iterator<IngestItem> all = task == null || task.partitionId() == 0
                ? java.util.stream.Stream.concat(unreadable.stream(), java.util.stream.StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(items, 0), false)).iterator()
                : items;
        InputCounts counts = InputCounts.ZERO;
        org.apache.spark.unsafe.types.UTF8String run = org.apache.spark.unsafe.types.UTF8String.fromString(runId);
        try (TaskParquet.Writers events = eventsOut.open(); TaskParquet.Writers quarantine = quarantineOut.open()) {
            while (all.hasNext()) {
                IngestItem item = all.next();
                if (item.event() != null) {
                    String date = Rows.utcDate(item.event().eventTime()).toString();
                    if (onlyDate == null || onlyDate.equals(date)) {
                        events.write(date, Rows.eventInternal(item.event()));
                    }
                } else if (item.quarantine() != null) {
                    quarantine.write(ingestDate, Rows.quarantineInternal(item.quarantine(), run));
                } else {
                    counts = counts.plus(item.counts());
                }
            }
            return new TaskResult(counts, events.finish(), quarantine.finish());
        }
    }

    /** The event dates of the files the tasks wrote ({@code …/event_date=2026-11-26/part-…}). */
    static java.util.SortedSet<LocalDate> datesOf(List<String> eventFiles) {
        java.util.SortedSet<LocalDate> dates = new java.util.TreeSet<>();
        for (String file : eventFiles) {
            String folder = new Path(file).getParent().getName();
            if (folder.startsWith("event_date=")) {
                dates.add(LocalDate.parse(folder.substring("event_date=".length())));
            }
        }
        return dates;
    }

    /** A name for the set of inputs (order aside): the quarantine rows of the same inputs replace each other. */
    static String inputsKey(List<String> inputs) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            inputs.stream().sorted().forEach(input -> digest.update((input + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return "in_" + java.util.HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path qualified(Configuration hadoop, Path path) {
        try {
            return path.getFileSystem(hadoop).makeQualified(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Configuration hadoop, Path path) {
        try {
            path.getFileSystem(hadoop).delete(path, true);
        } catch (IOException e) {
            // A leftover staging folder is removed by the next run of the same scope (PartitionSwap.recover).
        }
    }

    /**
     * Splits per task: one each up to a few per core, packed beyond that. A directory of thousands of small files
     * (a Maildir, hourly Exchange logs) would otherwise pay a task's start, rule-table load and Parquet writer per file.
     */
    static int partitions(int splits, int defaultParallelism) {
        return Math.max(1, Math.min(splits, Math.max(1, defaultParallelism) * 4));
    }

    private static String message(InputPlanner.Plan plan) {
        List<String> parts = new ArrayList<>();
        if (!plan.unrecognised().isEmpty()) {
            parts.add("unrecognised format: " + String.join(", ", plan.unrecognised()));
        }
        for (InputPlanner.Unreadable file : plan.unreadable()) {
            parts.add(file.reason() + ": " + file.path());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Each entry that could not be read at all is one quarantined "line" (as for a file that fails to open in a task). */
    private static List<IngestItem> unreadableItems(List<InputPlanner.Unreadable> files) {
        List<IngestItem> items = new ArrayList<>();
        for (InputPlanner.Unreadable file : files) {
            LogChunkReader.unreadableFile(file.path(), SourceFormat.UNKNOWN, file.reason()).forEachRemaining(items::add);
        }
        return items;
    }

    private static Iterator<IngestItem> read(Iterator<InputSplit> splits, HadoopConf conf, String rulesText, String serversText, ZoneId zone,
            ExpansionLimit expansionLimit) throws IOException {
        Classifier rules = classifierFor(rulesText);
        // Parse and classify in one pass: the readers hand each event to the classify stage as they yield it.
        ClassifyStage classifier = new ClassifyStage(rules);
        BounceClassifier bounceClassifier = classifier;
        ServerDirectory servers = serversText == null ? ServerDirectory.empty() : ServerDirectory.read(new StringReader(serversText));
        List<InputSplit> mine = new ArrayList<>();
        splits.forEachRemaining(mine::add);
        Iterator<InputSplit> remaining = mine.iterator();
        return new Iterator<>() {
            private Iterator<IngestItem> current = java.util.Collections.emptyIterator();
            private InputStream open;

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    closeOpen();
                    if (!remaining.hasNext()) {
                        return false;
                    }
                    current = openSplit(remaining.next());
                }
                return true;
            }

            @Override
            public IngestItem next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }

            /** The reader of one split: a log chunk, a whole Exchange tracking file, or bounce emails. */
            private Iterator<IngestItem> openSplit(InputSplit split) {
                boolean email = InputPlanner.isEmailFormat(split.format());
                try {
                    InputStream in = openStream(split, email);
                    LocalDate referenceDate = LocalDate.parse(split.referenceDate());
                    if (email) {
                        EmailSource source = split.format() == SourceFormat.MBOX
                                ? new MboxReader(in, split.start(), split.end()) : new WholeFileEmail(in);
                        return new EmailChunkReader(source, split.path(), split.format(), bounceClassifier,
                                referenceDate.atStartOfDay(zone).toInstant());
                    }
                    if (split.format() == SourceFormat.EXCHANGE) {
                        // Whole-file split (see InputPlanner): the #Fields header names the columns of every record.
                        return new ExchangeTrackingReader(in, split.path(), new ExchangeTrackingParser(servers), classifier, referenceDate, zone);
                    }
                    LineParser parser = parserFor(split.format(), servers);
                    return new LogChunkReader(in, split.start(), split.end(), split.path(), split.format(), parser, classifier,
                            referenceDate, zone);
                } catch (IOException | UncheckedIOException e) {
                    // Gone, unreadable or not what its name says since planning: that file is quarantined, the job goes on.
                    closeOpen();
                    return unreadable(split, email, e);
                } catch (RuntimeException e) {
                    if (!email) {
                        throw e;  // a log split's other failures are bad configuration (no parser for the format)
                    }
                    // One unreadable email file costs that file, not the job.
                    closeOpen();
                    return unreadable(split, email, e);
                }
            }

            /** Opens the split's file at its start (one byte early, so the reader can tell whether `start` begins a line). */
            private InputStream openStream(InputSplit split, boolean email) throws IOException {
                Configuration configuration = conf.get();
                Path path = new Path(split.path());
                FileSystem fileSystem = path.getFileSystem(configuration);
                if (email && fileSystem instanceof LocalFileSystem local) {
                    // Maildir names hold ':' ("…:2,S"), which the checksum wrapper cannot turn into its ".crc" path.
                    fileSystem = local.getRawFileSystem();
                }
                FSDataInputStream raw = fileSystem.open(path);
                InputStream in = raw;
                if (split.compressed()) {
                    in = expansionLimit.wrap(new CompressionCodecFactory(configuration).getCodec(path).createInputStream(raw),
                            fileSystem.getFileStatus(path).getLen());
                } else if (split.start() > 0) {
                    raw.seek(split.start() - 1);
                }
                open = in;
                return in;
            }

            private void closeOpen() {
                if (open != null) {
                    try {
                        open.close();
                    } catch (IOException e) {
                        // Nothing left to read from it; closing is best effort.
                    }
                    open = null;
                }
            }
        };
    }

    /** The quarantine row of a split whose file could not be opened (the reasons of logs and emails are worded as before). */
    private static Iterator<IngestItem> unreadable(InputSplit split, boolean email, Exception e) {
        if (email) {
            return EmailChunkReader.unreadableFile(split.path(), split.format(), "read_error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return LogChunkReader.unreadableFile(split.path(), split.format(), "read_error: cannot open: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** Building a Classifier (phrase automaton) costs ~0.1 s; the tasks of one JVM share it (it is immutable). */
    private static Classifier classifierFor(String rulesText) throws IOException {
        Classifier cached = CLASSIFIERS.get(rulesText);
        if (cached == null) {
            cached = new Classifier(RuleBook.withPhrases(new StringReader(rulesText), "rules"));
            if (CLASSIFIERS.size() > 8) {
                CLASSIFIERS.clear();
            }
            CLASSIFIERS.put(rulesText, cached);
        }
        return cached;
    }

    static LineParser parserFor(SourceFormat format, ServerDirectory servers) {
        return switch (format) {
            case POSTFIX -> new PostfixParser(servers);
            case EXIM -> new EximParser(servers);
            case SENDMAIL -> new SendmailParser(servers);
            case OPENSMTPD -> new OpenSmtpdParser(servers);
            case COURIER -> new CourierParser(servers);
            case QMAIL -> new QmailParser(servers);
            default -> throw new BadInputException("no log parser for format " + format.label());
        };
    }

    private static void validate(String rulesText, String rulesPath, String serversText, String serversPath) {
        try {
            new Classifier(RuleBook.withPhrases(new StringReader(rulesText), rulesPath == null ? "built-in rules" : rulesPath));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("bad rule table: " + e.getMessage(), e);
        }
        if (serversText != null) {
            try {
                ServerDirectory.read(new StringReader(serversText));
            } catch (IOException | RuntimeException e) {
                throw new BadInputException("bad servers file " + serversPath + ": " + e.getMessage(), e);
            }
        }
    }
}
