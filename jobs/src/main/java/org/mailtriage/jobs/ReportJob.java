package org.mailtriage.jobs;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.Outcome;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.ingest.ServerDirectory;
import org.mailtriage.report.DayAggregate;
import org.mailtriage.report.DelistingRequest;
import org.mailtriage.report.FailureSummary;
import org.mailtriage.report.InertText;
import org.mailtriage.report.PreviousReport;
import org.mailtriage.report.RemediationPlanner;
import org.mailtriage.report.RemovalUrls;
import org.mailtriage.report.ReportEvent;
import org.mailtriage.report.ServerRemediation;
import org.mailtriage.report.ServerReport;
import org.mailtriage.report.ServerRole;
import org.mailtriage.report.Severity;
import org.mailtriage.warehouse.BadInputException;
import org.mailtriage.warehouse.DnsRows;
import org.mailtriage.warehouse.PartitionSwap;
import org.mailtriage.warehouse.RunLog;
import org.mailtriage.warehouse.RunRecord;
import org.mailtriage.warehouse.Rows;
import org.mailtriage.warehouse.Schemas;
import org.mailtriage.warehouse.StepTimer;
import org.mailtriage.warehouse.TaskParquet;
import org.mailtriage.warehouse.TextFiles;
import org.mailtriage.warehouse.Warehouse;

/**
 * report: {@code events} (and {@code dns_answers}, when there is one) of one date →
 * {@code server_remediation}, {@code delisting_requests} and {@code failure_summary}, each
 * partitioned by {@code report_date}. Rewriting a date replaces exactly that date's partitions.
 * Spark scans the day's events once and the tasks fold them per server ({@link DayAggregate}, plain Java);
 * the DNS window's newest answers are read once; what a server needs is decided on the driver by
 * {@link RemediationPlanner}; the three small tables are written from the driver. A report is a few
 * Spark jobs, no shuffle.
 */
public final class ReportJob {
    public static final int DEFAULT_DNS_WINDOW_DAYS = 7;
    /** Evidence events kept per (server, guide rule, list). */
    private static final int SAMPLES_PER_GROUP = 10;
    private static final int MAX_HELO_NAMES = 20;

    /**
     * @param serversCsv null when there is none (then only events say which IPs are ours)
     * @param dnsWindowDays DNS answers asked from this many days before the report date up to the day after it (or today,
     *     for a backfill) count
     */
    public record Options(Warehouse warehouse, LocalDate reportDate, String serversCsv, int dnsWindowDays) {
        public Options {
            requireNonNull(warehouse, "warehouse is null");
            requireNonNull(reportDate, "reportDate is null");
            if (dnsWindowDays < 0) {
                throw new BadInputException("DNS window must not be negative: " + dnsWindowDays);
            }
        }
    }

    /**
     * What a report found.
     *
     * @param ourServers our servers with something to fix, most urgent first
     * @param newListing one of our servers is on a list it was not on in the previous report
     */
    public record Result(LocalDate reportDate, long events, boolean dnsAnswersFound, long servers, long delistingRequests,
            long summaryRows, LocalDate previousReportDate, List<ServerRemediation> ourServers, List<DelistingRequest> ourDelistings,
            long remoteClientsWithActions, boolean newListing) {
        public Result {
            ourServers = List.copyOf(ourServers);
            ourDelistings = List.copyOf(ourDelistings);
        }
    }

    private ReportJob() {
    }

    public static Result run(SparkSession spark, Options options) {
        Instant started = Instant.now();
        StepTimer timer = new StepTimer();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Warehouse warehouse = options.warehouse();
        warehouse.checkWritable(hadoop);
        boolean eventsFound = warehouse.tableExists(hadoop, "events");
        boolean dnsFound = warehouse.tableExists(hadoop, "dns_answers");
        if (!eventsFound && !dnsFound) {
            throw new BadInputException("nothing to report in " + warehouse.root() + ": no events or dns_answers table (run ingest first)");
        }
        LocalDate date = options.reportDate();
        Map<String, String> serverNames = serverNames(hadoop, options.serversCsv());

        // One scan of the day's events, folded per server and per summary group inside the tasks (no shuffle).
        DayAggregate day = eventsFound ? dayAggregate(spark, warehouse, date) : new DayAggregate(SAMPLES_PER_GROUP);
        timer.lap("read_events");
        Map<String, List<DnsAnswer>> dnsBySubject = dnsFound ? newestAnswers(spark, warehouse, date, options.dnsWindowDays()) : Map.of();
        timer.lap("read_dns_answers");
        List<DayAggregate.ServerKey> keys = new ArrayList<>(day.servers());
        keys.addAll(dnsOnlyServers(spark, warehouse, eventsFound, day, dnsBySubject, serverNames, date, options.dnsWindowDays()));
        PreviousReport previous = previousReport(spark, hadoop, warehouse, date);
        timer.lap("read_previous");

        RemediationPlanner planner = new RemediationPlanner(RemovalUrls.loadDefault());
        List<ServerReport> reports = new ArrayList<>();
        for (DayAggregate.ServerKey key : keys) {
            List<DnsAnswer> heloAnswers = new ArrayList<>();
            for (String helo : day.heloNames(key, MAX_HELO_NAMES)) {
                heloAnswers.addAll(dnsBySubject.getOrDefault(helo, List.of()));
            }
            String serverName = key.role() == ServerRole.OUR_SERVER ? serverNames.get(key.ip()) : null;
            reports.add(planner.plan(day.facts(key, serverName, MAX_HELO_NAMES, RemediationPlanner.MAX_TOP_DOMAINS,
                    dnsBySubject.getOrDefault(key.ip(), List.of()), heloAnswers), previous));
        }
        timer.lap("plan");

        LocalDate previousDate = previous.date();
        List<Row> summaryRows = day.summaryRows().stream().map(row -> Rows.of(FailureSummary.COLUMNS, row, date)).toList();
        List<ServerRemediation> remediations = reports.stream().map(ServerReport::remediation)
                .sorted(java.util.Comparator.comparingInt(ServerRemediation::severityScore).reversed()
                        .thenComparing(server -> server.role().label(), DayAggregate.CODE_POINT_ORDER)
                        .thenComparing(ServerRemediation::ip, DayAggregate.CODE_POINT_ORDER))
                .toList();
        List<Row> remediationRows = remediations.stream().map(server -> Rows.of(ServerRemediation.COLUMNS, server, date)).toList();
        List<Row> delistingRows = reports.stream().flatMap(report -> report.delistingRequests().stream())
                .sorted(java.util.Comparator.comparing((DelistingRequest request) -> request.role().label(), DayAggregate.CODE_POINT_ORDER)
                        .thenComparing(DelistingRequest::ip, DayAggregate.CODE_POINT_ORDER)
                        .thenComparing(DelistingRequest::list, java.util.Comparator.nullsFirst(DayAggregate.CODE_POINT_ORDER)))
                .map(request -> Rows.of(DelistingRequest.COLUMNS, request, date)).toList();

        // Written in this order (crash tests stop between them): a killed run leaves each table whole, old or new.
        long summaryCount = writePartition(spark, summaryRows, Schemas.FAILURE_SUMMARY, warehouse, "failure_summary", date);
        long servers = writePartition(spark, remediationRows, Schemas.SERVER_REMEDIATION, warehouse, "server_remediation", date);
        long requests = writePartition(spark, delistingRows, Schemas.DELISTING_REQUESTS, warehouse, "delisting_requests", date);
        timer.lap("write");

        List<ServerRemediation> ourServers = new ArrayList<>();
        List<DelistingRequest> ourDelistings = new ArrayList<>();
        boolean newListing = false;
        long remoteWithActions = 0;
        for (ServerReport report : reports) {
            ServerRemediation remediation = report.remediation();
            if (remediation.role() == ServerRole.OUR_SERVER && remediation.severity() != Severity.NONE) {
                ourServers.add(remediation);
                ourDelistings.addAll(report.delistingRequests());
                newListing |= !remediation.newListings().isEmpty();
            }
            if (remediation.role() == ServerRole.REMOTE_CLIENT && !remediation.actions().isEmpty()) {
                remoteWithActions++;
            }
        }
        ourServers.sort((left, right) -> left.severityScore() != right.severityScore()
                ? Integer.compare(right.severityScore(), left.severityScore()) : left.ip().compareTo(right.ip()));
        long events = day.events();
        Result result = new Result(date, events, dnsFound, servers, requests, summaryCount, previousDate, ourServers, ourDelistings,
                remoteWithActions, newListing);
        RunLog.append(spark, warehouse, new RunRecord(UUID.randomUUID().toString(), "report", Version.current(), started,
                Instant.now(), List.of(warehouse.table("events"), warehouse.table("dns_answers")), 0, 0, InputCounts.ZERO, 0,
                null, null, null, "success", "report " + date + ": " + events + " events, " + servers + " servers, " + requests
                        + " delisting requests" + (dnsFound ? "" : ", no dns_answers table"), timer.steps()));
        return result;
    }

    /** The day's events, read once (only the columns the report uses) and folded per task; the parts merge on the driver. */
    private static DayAggregate dayAggregate(SparkSession spark, Warehouse warehouse, LocalDate date) {
        Dataset<Row> events = spark.read().schema(Schemas.EVENTS).parquet(warehouse.table("events"))
                .where(col("event_date").equalTo(Date.valueOf(date)))
                .select("event_id", "event_time", "direction", "outcome", "reporting_host", "remote_ip", "sending_ip", "helo_name",
                        "recipient_domain", "reply_code", "reply_text", "reason", "guide_rule", "blocklist");
        List<DayAggregate> parts = events.javaRDD().mapPartitions(rows -> {
            DayAggregate part = new DayAggregate(SAMPLES_PER_GROUP);
            while (rows.hasNext()) {
                Row row = rows.next();
                ReportEvent event = new ReportEvent(row.getString(0), row.getTimestamp(1).toInstant(), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                        row.isNullAt(9) ? null : row.getInt(9), row.getString(10), row.getString(11), row.getString(12), row.getString(13));
                part.add(event, InertText.line(event.recipientDomain()));
            }
            return List.of(part).iterator();
        }).collect();
        DayAggregate day = new DayAggregate(SAMPLES_PER_GROUP);
        parts.forEach(day::merge);
        return day;
    }

    /**
     * The latest answer to each question asked in the DNS window (from {@code windowDays} before the date up to the day
     * after it, or today for a backfill: its enrichment ran today), by subject. The cache means an answer may predate the day.
     */
    private static Map<String, List<DnsAnswer>> newestAnswers(SparkSession spark, Warehouse warehouse, LocalDate date, int windowDays) {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate last = date.plusDays(1).isAfter(today) ? date.plusDays(1) : today;
        Dataset<Row> answers = spark.read().schema(Schemas.DNS_ANSWERS).parquet(warehouse.table("dns_answers"))
                .where(col("asked_date").between(Date.valueOf(date.minusDays(windowDays)), Date.valueOf(last)))
                .select("subject", "subject_kind", "check", "zone", "outcome", "return_codes", "meaning", "txt", "answers", "error_kind",
                        "asked_at", "peer_ip", "removal_url");
        List<HashMap<List<String>, DnsAnswer>> parts = answers.javaRDD().mapPartitions(rows -> {
            HashMap<List<String>, DnsAnswer> newest = new HashMap<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                DnsAnswer answer = DnsRows.answer(row);
                newest.merge(questionKey(answer), answer, ReportJob::newer);
            }
            return List.of(newest).iterator();
        }).collect();
        Map<List<String>, DnsAnswer> newest = new HashMap<>();
        parts.forEach(part -> part.forEach((key, answer) -> newest.merge(key, answer, ReportJob::newer)));
        Map<String, List<DnsAnswer>> bySubject = new HashMap<>();
        newest.values().stream()
                .sorted(java.util.Comparator.comparing((DnsAnswer answer) -> answer.check().label())
                        .thenComparing(answer -> answer.zone() == null ? "" : answer.zone())
                        .thenComparing(answer -> answer.peerIp() == null ? "" : answer.peerIp()))
                .forEach(answer -> bySubject.computeIfAbsent(answer.subject(), subject -> new ArrayList<>()).add(answer));
        return bySubject;
    }

    private static List<String> questionKey(DnsAnswer answer) {
        return List.of(answer.subject(), answer.check().label(), answer.zone() == null ? "" : answer.zone(),
                answer.peerIp() == null ? "" : answer.peerIp());
    }

    /** The later answer; for two at the same moment, the smaller outcome (as the SQL ordered them). */
    private static DnsAnswer newer(DnsAnswer left, DnsAnswer right) {
        int byTime = left.askedAt().compareTo(right.askedAt());
        if (byTime != 0) {
            return byTime > 0 ? left : right;
        }
        return DayAggregate.CODE_POINT_ORDER.compare(left.outcome().label(), right.outcome().label()) <= 0 ? left : right;
    }

    /**
     * Servers with no failure that day but a DNS finding (listed, fail: no PTR …): ours if servers.csv says so, else the role
     * their IP had in the events of the DNS window. An IP with events that day under any role is reported there instead.
     */
    private static List<DayAggregate.ServerKey> dnsOnlyServers(SparkSession spark, Warehouse warehouse, boolean eventsFound,
            DayAggregate day, Map<String, List<DnsAnswer>> dnsBySubject, Map<String, String> serverNames, LocalDate date, int windowDays) {
        Set<String> reported = new HashSet<>();
        day.servers().forEach(key -> reported.add(key.ip()));
        Set<String> candidates = new HashSet<>();
        dnsBySubject.forEach((subject, answers) -> {
            if (!reported.contains(subject)
                    && answers.stream().anyMatch(answer -> answer.outcome() == Outcome.LISTED || answer.outcome() == Outcome.FAIL)) {
                candidates.add(subject);
            }
        });
        Set<DayAggregate.ServerKey> found = new HashSet<>();
        for (String ip : candidates) {
            if (serverNames.containsKey(ip)) {
                found.add(new DayAggregate.ServerKey(ServerRole.OUR_SERVER, ip));
            }
        }
        if (eventsFound && !candidates.isEmpty()) {
            Dataset<Row> window = spark.read().schema(Schemas.EVENTS).parquet(warehouse.table("events"))
                    .where(col("event_date").between(Date.valueOf(date.minusDays(windowDays)), Date.valueOf(date)))
                    .select("direction", "remote_ip", "sending_ip");
            List<HashSet<DayAggregate.ServerKey>> parts = window.javaRDD().mapPartitions(rows -> {
                HashSet<DayAggregate.ServerKey> roles = new HashSet<>();
                while (rows.hasNext()) {
                    Row row = rows.next();
                    boolean outbound = "outbound".equals(row.getString(0));
                    String ip = outbound ? row.getString(2) : row.getString(1) != null ? row.getString(1) : row.getString(2);
                    if (ip != null && candidates.contains(ip)) {
                        roles.add(new DayAggregate.ServerKey(outbound ? ServerRole.OUR_SERVER : ServerRole.REMOTE_CLIENT, ip));
                    }
                }
                return List.of(roles).iterator();
            }).collect();
            parts.forEach(found::addAll);
        }
        return found.stream().sorted(java.util.Comparator.comparing((DayAggregate.ServerKey key) -> key.role().label())
                .thenComparing(DayAggregate.ServerKey::ip)).toList();
    }

    /** The latest report before this date (the newest earlier partition folder), reduced to what "new since previous" compares. */
    private static PreviousReport previousReport(SparkSession spark, Configuration hadoop, Warehouse warehouse, LocalDate date) {
        if (!warehouse.tableExists(hadoop, "server_remediation")) {
            return PreviousReport.NONE;
        }
        LocalDate previousDate = null;
        try {
            Path table = new Path(warehouse.table("server_remediation"));
            String prefix = "report_date=";
            for (FileStatus partition : table.getFileSystem(hadoop).listStatus(table, path -> path.getName().startsWith(prefix))) {
                LocalDate partitionDate = LocalDate.parse(partition.getPath().getName().substring(prefix.length()));
                if (partitionDate.isBefore(date) && (previousDate == null || partitionDate.isAfter(previousDate))) {
                    previousDate = partitionDate;
                }
            }
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("cannot list the earlier reports: " + e.getMessage(), e);
        }
        if (previousDate == null) {
            return PreviousReport.NONE;
        }
        Map<String, PreviousReport.Server> servers = new HashMap<>();
        for (Row row : spark.read().schema(Schemas.SERVER_REMEDIATION).parquet(warehouse.table("server_remediation"))
                .where(col("report_date").equalTo(Date.valueOf(previousDate)))
                .select("role", "ip", "actions", "lists_named_in_bounces", "dnsbl_listings").collectAsList()) {
            Set<String> remedies = new HashSet<>();
            for (Row action : ReportJob.<Row>list(row, 2)) {
                remedies.add(action.getAs("remedy"));
            }
            Set<String> listings = new HashSet<>(ReportJob.<String>list(row, 3));
            for (Row listing : ReportJob.<Row>list(row, 4)) {
                if ("listed".equals(listing.getAs("outcome")) && listing.getAs("zone") != null) {
                    listings.add(listing.<String>getAs("zone").toLowerCase(java.util.Locale.ROOT));
                }
            }
            servers.put(row.getString(0) + " " + row.getString(1), new PreviousReport.Server(remedies, listings));
        }
        return new PreviousReport(previousDate, servers);
    }

    private static <T> List<T> list(Row row, int index) {
        return row.isNullAt(index) ? List.of() : row.getList(index);
    }

    /**
     * Replaces one date partition of a table with these rows, written as one file from the driver (a report is one row per
     * server, per request, per summary group). No rows removes the partition instead, so a rerun never keeps stale rows.
     */
    static long writePartition(SparkSession spark, List<Row> rows, StructType schema, Warehouse warehouse, String table, LocalDate date) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        if (rows.isEmpty()) {
            PartitionSwap.remove(hadoop, warehouse, table, "report_date", date.toString(), date.toString());
            return 0;
        }
        Path staging = PartitionSwap.beginStaging(hadoop, warehouse, table, date.toString());
        TaskParquet out = TaskParquet.prepare(spark, schema, "report_date", staging.toString(), Map.of());
        StructType dataSchema = new StructType(java.util.Arrays.copyOf(schema.fields(), schema.fields().length - 1));
        scala.Function1<Object, Object> toInternal = CatalystTypeConverters.createToCatalystConverter(dataSchema);
        List<String> files;
        try (TaskParquet.Writers writers = out.open()) {
            for (Row row : rows) {
                Object[] values = new Object[row.length() - 1];
                for (int index = 0; index < values.length; index++) {
                    values[index] = row.get(index);
                }
                writers.write(date.toString(), (InternalRow) toInternal.apply(RowFactory.create(values)));
            }
            files = writers.finish();
        }
        PartitionSwap.commitStaged(hadoop, warehouse, table, "report_date", staging, files);
        return rows.size();
    }

    private static Map<String, String> serverNames(Configuration hadoop, String serversCsv) {
        Map<String, String> names = new HashMap<>();
        if (serversCsv == null) {
            return names;
        }
        String text = TextFiles.read(hadoop, serversCsv, null);
        try {
            for (ServerDirectory.Server server : ServerDirectory.read(new StringReader(text)).all()) {
                for (String ip : server.outboundIps()) {
                    names.merge(ip, server.name(), (left, right) -> left.compareTo(right) <= 0 ? left : right);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("bad servers file " + serversCsv + ": " + e.getMessage(), e);
        }
        return names;
    }
}
