package org.mailtriage.jobs;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.mailtriage.dns.Checker;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.DnsClient;
import org.mailtriage.dns.DnsblZone;
import org.mailtriage.dns.ResolverSpec;
import org.mailtriage.dns.SubjectKind;
import org.mailtriage.dns.ZoneKind;
import org.mailtriage.dns.ZoneList;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.warehouse.BadInputException;
import org.mailtriage.warehouse.DnsRows;
import org.mailtriage.warehouse.PartitionSwap;
import org.mailtriage.warehouse.Rows;
import org.mailtriage.warehouse.RunLog;
import org.mailtriage.warehouse.RunPoints;
import org.mailtriage.warehouse.RunRecord;
import org.mailtriage.warehouse.Schemas;
import org.mailtriage.warehouse.StepTimer;
import org.mailtriage.warehouse.TextFiles;
import org.mailtriage.warehouse.Warehouse;

/**
 * enrich: the distinct subjects of a date range's {@code events} — sending IPs (ours for outbound,
 * the remote client's for inbound), HELO names with the IP that used them, sender domains — checked
 * in DNS and appended to {@code dns_answers} (partitioned by asked_date), plus one {@code runs} row.
 * Answers younger than the max age are reused from dns_answers, so a rerun asks nothing it knows.
 * Subjects are spread over tasks (mapPartitions), each with its own batched resolver and its share
 * of the global and per-zone rates. Zones are self-tested once, on the driver, before any task asks them.
 */
public final class EnrichJob {
    /** Subjects checked per batch inside a task: bounds the futures held at once. */
    private static final int BATCH = 2000;

    /**
     * @param warehouse reads {@code events}, reads and appends {@code dns_answers}, appends {@code runs}
     * @param from first event_date (inclusive)
     * @param to last event_date (inclusive)
     * @param resolver where answers come from: {@link ResolverSpec#server} (host:port) or {@link ResolverSpec#fixture}
     * @param zonesPath zones.csv to use (any Hadoop path), or null for the built-in one
     * @param maxAge answers younger than this are reused; {@link Duration#ZERO} asks everything again
     * @param partitions tasks to spread the subjects over; 0 = the session's default parallelism
     */
    public record Options(Warehouse warehouse, LocalDate from, LocalDate to, ResolverSpec resolver, String zonesPath,
            Duration maxAge, int partitions) {
        public Options {
            requireNonNull(warehouse, "warehouse is null");
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(resolver, "resolver is null");
            requireNonNull(maxAge, "maxAge is null");
            if (to.isBefore(from)) {
                throw new BadInputException("--to " + to + " is before --from " + from);
            }
            if (maxAge.isNegative()) {
                throw new BadInputException("--max-age must not be negative");
            }
        }
    }

    /**
     * @param questionsAsked questions that reached the resolver (self-tests included)
     * @param answersCached questions not asked because dns_answers already held a fresh answer
     * @param brokenZones zones that failed their self-test (their answers are unknown), with why
     */
    public record Result(String runId, long subjects, long questionsAsked, long answersCached, long questionsFailed,
            long rowsWritten, Map<String, String> brokenZones) {
    }

    private EnrichJob() {
    }

    public static Result run(SparkSession spark, Options options, String runId) {
        Instant started = Instant.now();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Warehouse warehouse = options.warehouse();
        warehouse.checkWritable(hadoop);
        ZoneList zones = readZones(hadoop, options.zonesPath());
        List<DnsblZone> enabled = zones.enabled();

        // Distinct subjects and their cached answers are few (IPs, names): gathered on the driver, then spread over tasks.
        StepTimer timer = new StepTimer();
        List<Row> subjectRows = withCachedKeys(spark, hadoop, warehouse, subjects(spark, hadoop, warehouse, options.from(), options.to()),
                started.minus(options.maxAge()));
        int parts = options.partitions() > 0 ? options.partitions() : spark.sparkContext().defaultParallelism();
        timer.lap("subjects_and_cache");
        JavaRDD<Row> work = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(subjectRows, Math.max(1, parts));
        long subjectCount = subjectRows.size();
        Set<String> needed = new HashSet<>();
        subjectRows.forEach(row -> needed.addAll(zonesToAsk(row, enabled)));
        List<String> neededZones = List.copyOf(needed);

        // Self-tests on the driver, only for zones some subject still needs.
        List<DnsAnswer> selfTests = new ArrayList<>();
        long driverAsked;
        long driverFailed;
        try (DnsClient client = options.resolver().open(1)) {
            Checker tester = new Checker(client, enabled, Map.of(), Clock.systemUTC());
            List<CompletableFuture<List<DnsAnswer>>> tests = new ArrayList<>();
            for (DnsblZone zone : enabled) {
                if (neededZones.contains(zone.name())) {
                    tests.add(tester.selfTest(zone));
                }
            }
            tests.forEach(test -> selfTests.addAll(test.join()));
            driverAsked = client.questionsAsked();
            driverFailed = client.questionsFailed();
        }
        Map<String, String> broken = new TreeMap<>(Checker.brokenZones(selfTests));
        timer.lap("self_tests");

        ResolverSpec resolver = options.resolver();
        // Counts travel as one item per task beside the answers: a retried task's item replaces the lost one, where an
        // accumulator would count both attempts.
        JavaRDD<DnsTaskItem> items = work.mapPartitions(rows -> checkPartition(rows, resolver, parts, enabled, broken, runId))
                .persist(StorageLevel.MEMORY_AND_DISK());
        DnsTaskItem.Counts counts;
        try {
            JavaRDD<Row> answerRows = items.filter(item -> item.answer() != null).map(DnsTaskItem::answer);
            List<Row> selfTestRows = selfTests.stream().map(answer -> DnsRows.of(answer, runId)).toList();
            Dataset<Row> answers = spark.createDataFrame(answerRows, Schemas.DNS_ANSWERS)
                    .union(spark.createDataFrame(selfTestRows, Schemas.DNS_ANSWERS));
            PartitionSwap.append(spark, answers, warehouse, "dns_answers", "asked_date",
                    options.from().equals(options.to()) ? options.from().toString() : options.from() + "_" + options.to());
            counts = items.filter(item -> item.counts() != null).map(DnsTaskItem::counts)
                    .fold(DnsTaskItem.Counts.ZERO, DnsTaskItem.Counts::plus);
            counts = counts.plus(new DnsTaskItem.Counts(0, 0, 0, selfTestRows.size()));
        } finally {
            items.unpersist(false);
        }

        timer.lap("ask_and_write");
        long totalAsked = driverAsked + counts.asked();
        long totalFailed = driverFailed + counts.failed();
        String message = broken.isEmpty() ? null : "zones failing their self-test (answers unknown): " + String.join(", ", broken.keySet());
        RunRecord run = new RunRecord(runId, "enrich", Version.current(), started, Instant.now(),
                List.of(warehouse.table("events") + " " + options.from() + ".." + options.to(), "dns " + resolver.describe()),
                0, 0, InputCounts.ZERO, 0, totalAsked, counts.cached(), totalFailed, "success", message, timer.steps());
        RunLog.append(spark, warehouse, run);
        return new Result(runId, subjectCount, totalAsked, counts.cached(), totalFailed, counts.rows(), broken);
    }

    /** One task: its own resolver (with its share of the rates), every subject's uncached checks. */
    private static Iterator<DnsTaskItem> checkPartition(Iterator<Row> rows, ResolverSpec resolver, int parts, List<DnsblZone> enabled,
            Map<String, String> broken, String runId) {
        List<Row> subjects = new ArrayList<>();
        rows.forEachRemaining(subjects::add);
        List<DnsTaskItem> out = new ArrayList<>();
        if (subjects.isEmpty()) {
            return out.iterator();
        }
        long cached = 0;
        long asked;
        long failed;
        try (DnsClient client = resolver.open(parts)) {
            Checker checker = new Checker(client, enabled, broken, Clock.systemUTC());
            for (int start = 0; start < subjects.size(); start += BATCH) {
                List<CompletableFuture<List<DnsAnswer>>> batch = new ArrayList<>();
                for (Row row : subjects.subList(start, Math.min(subjects.size(), start + BATCH))) {
                    SubjectKind kind = SubjectKind.parse(row.getString(0));
                    String subject = row.getString(1);
                    String peer = row.getString(2);
                    Set<String> known = cachedKeys(row);
                    Set<String> saved = new HashSet<>(Checker.questionKeys(kind, subject, peer, enabled));
                    saved.retainAll(known);
                    cached += saved.size();
                    batch.add(checker.check(kind, subject, peer, known));
                }
                for (CompletableFuture<List<DnsAnswer>> future : batch) {
                    for (DnsAnswer answer : future.join()) {
                        out.add(DnsTaskItem.of(DnsRows.of(answer, runId)));
                    }
                }
            }
            asked = client.questionsAsked();
            failed = client.questionsFailed();
        }
        RunPoints.reached(RunPoints.DNS_TASK);
        out.add(DnsTaskItem.of(new DnsTaskItem.Counts(asked, failed, cached, out.size())));
        return out.iterator();
    }

    private static List<String> zonesToAsk(Row row, List<DnsblZone> enabled) {
        SubjectKind kind = SubjectKind.parse(row.getString(0));
        String subject = row.getString(1);
        Set<String> known = cachedKeys(row);
        List<String> zones = new ArrayList<>();
        for (DnsblZone zone : enabled) {
            boolean applies = (kind == SubjectKind.IP && zone.kind() == ZoneKind.IP && zone.covers(subject))
                    || (kind == SubjectKind.DOMAIN && zone.kind() == ZoneKind.DOMAIN);
            if (applies && !known.contains(DnsAnswer.cacheKey(org.mailtriage.dns.CheckKind.DNSBL, zone.name(), null))) {
                zones.add(zone.name());
            }
        }
        return zones;
    }

    private static Set<String> cachedKeys(Row row) {
        List<String> keys = row.isNullAt(3) ? List.of() : row.getList(3);
        return new HashSet<>(keys);
    }

    /**
     * (kind, subject, peer_ip): distinct sending IPs, HELO names with their IP, sender domains, trimmed of spaces (domains
     * lower-cased). One scan of three columns; each task returns its distinct subjects.
     */
    static List<Subject> subjects(SparkSession spark, Configuration hadoop, Warehouse warehouse, LocalDate from, LocalDate to) {
        if (!warehouse.tableExists(hadoop, "events")) {
            throw new BadInputException("no events table in " + warehouse.root() + ": run ingest first");
        }
        Dataset<Row> events = spark.read().schema(Schemas.EVENTS).parquet(warehouse.table("events"))
                .where(col("event_date").between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to)))
                .select("sending_ip", "helo_name", "sender_domain");
        List<HashSet<Subject>> parts = events.javaRDD().mapPartitions(rows -> {
            HashSet<Subject> found = new HashSet<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                String ip = row.isNullAt(0) ? null : trimSpaces(row.getString(0));
                if (ip != null) {
                    found.add(new Subject(SubjectKind.IP.label(), ip, null));
                }
                String helo = row.isNullAt(1) ? null : trimSpaces(row.getString(1));
                if (helo != null && !helo.isEmpty()) {
                    found.add(new Subject(SubjectKind.HELO.label(), helo, ip));
                }
                String domain = row.isNullAt(2) ? null : trimSpaces(row.getString(2));
                if (domain != null && !domain.isEmpty()) {
                    found.add(new Subject(SubjectKind.DOMAIN.label(), domain.toLowerCase(java.util.Locale.ROOT), null));
                }
            }
            return List.of(found).iterator();
        }).collect();
        Set<Subject> subjects = new java.util.TreeSet<>(java.util.Comparator.comparing(Subject::kind).thenComparing(Subject::subject)
                .thenComparing(subject -> subject.peerIp() == null ? "" : subject.peerIp()));
        parts.forEach(subjects::addAll);
        return List.copyOf(subjects);
    }

    /** One thing to check in DNS; {@code peerIp} is the IP a HELO name was used by, else null. */
    record Subject(String kind, String subject, String peerIp) implements java.io.Serializable {
    }

    /** Spark SQL's trim: spaces only, not other white space. */
    private static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Each subject as a row (kind, subject, peer_ip, cached keys) with the cache keys of the fresh, definite answers
     * dns_answers already holds for it: one scan of the answers asked since {@code freshAfter}.
     */
    private static List<Row> withCachedKeys(SparkSession spark, Configuration hadoop, Warehouse warehouse, List<Subject> subjects,
            Instant freshAfter) {
        Map<List<String>, Set<String>> cached = new HashMap<>();
        if (!subjects.isEmpty() && warehouse.tableExists(hadoop, "dns_answers")) {
            Set<List<String>> wanted = new HashSet<>();
            subjects.forEach(subject -> wanted.add(List.of(subject.kind(), subject.subject())));
            Dataset<Row> fresh = spark.read().schema(Schemas.DNS_ANSWERS).parquet(warehouse.table("dns_answers"))
                    .where(col("asked_date").geq(java.sql.Date.valueOf(Rows.utcDate(freshAfter)))
                            .and(col("asked_at").geq(Timestamp.from(freshAfter))).and(col("outcome").notEqual("unknown"))
                            .and(col("subject_kind").isin(SubjectKind.IP.label(), SubjectKind.HELO.label(), SubjectKind.DOMAIN.label())))
                    .select("subject_kind", "subject", "check", "zone", "peer_ip");
            List<HashMap<List<String>, Set<String>>> parts = fresh.javaRDD().mapPartitions(rows -> {
                HashMap<List<String>, Set<String>> keys = new HashMap<>();
                while (rows.hasNext()) {
                    Row row = rows.next();
                    List<String> subject = java.util.Arrays.asList(row.getString(0), row.getString(1));
                    if (wanted.contains(subject)) {
                        keys.computeIfAbsent(subject, key -> new HashSet<>()).add(row.getString(2) + "|" + (row.isNullAt(3) ? "" : row.getString(3))
                                + "|" + (row.isNullAt(4) ? "" : row.getString(4)));
                    }
                }
                return List.of(keys).iterator();
            }).collect();
            parts.forEach(part -> part.forEach((subject, keys) -> cached.computeIfAbsent(subject, key -> new HashSet<>()).addAll(keys)));
        }
        List<Row> rows = new ArrayList<>();
        for (Subject subject : subjects) {
            Set<String> keys = cached.get(List.of(subject.kind(), subject.subject()));
            rows.add(RowFactory.create(subject.kind(), subject.subject(), subject.peerIp(),
                    keys == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(new java.util.TreeSet<>(keys))).toSeq()));
        }
        return rows;
    }

    private static ZoneList readZones(Configuration hadoop, String path) {
        String text = TextFiles.read(hadoop, path, ZoneList.DEFAULT_RESOURCE);
        try {
            return ZoneList.read(new StringReader(text), path == null ? ZoneList.DEFAULT_RESOURCE : path);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("zones file: " + e.getMessage(), e);
        }
    }
}
