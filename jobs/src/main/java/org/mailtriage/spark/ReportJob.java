package org.mailtriage.spark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
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
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.ingest.ServerDirectory;
import org.mailtriage.report.DelistingRequest;
import org.mailtriage.report.InertText;
import org.mailtriage.report.PreviousReport;
import org.mailtriage.report.RemediationPlanner;
import org.mailtriage.report.RemovalUrls;
import org.mailtriage.report.ServerRemediation;
import org.mailtriage.report.ServerReport;
import org.mailtriage.report.ServerRole;
import org.mailtriage.report.Severity;

/**
 * report: {@code events} (and {@code dns_answers}, when there is one) of one date →
 * {@code server_remediation}, {@code delisting_requests} and {@code failure_summary}, each
 * partitioned by {@code report_date}. Rewriting a date replaces exactly that date's partitions.
 * The SQL only groups and joins; what a server needs is decided by {@link RemediationPlanner}.
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

    public static Result run(SparkSession sharedSession, Options options) {
        Instant started = Instant.now();
        // Own session (same SparkContext): its temp views cannot collide with a concurrent job's.
        SparkSession spark = sharedSession.newSession();
        SparkSessions.configure(spark);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Warehouse warehouse = options.warehouse();
        warehouse.checkWritable(hadoop);
        boolean eventsFound = warehouse.tableExists(hadoop, "events");
        boolean dnsFound = warehouse.tableExists(hadoop, "dns_answers");
        if (!eventsFound && !dnsFound) {
            throw new BadInputException("nothing to report in " + warehouse.root() + ": no events or dns_answers table (run ingest first)");
        }
        LocalDate date = options.reportDate();
        String day = "DATE'" + date + "'";
        spark.udf().register("inert", (UDF1<String, String>) InertText::line, DataTypes.StringType);

        Dataset<Row> allEvents = eventsFound
                ? spark.read().schema(Schemas.EVENTS).parquet(warehouse.table("events"))
                : spark.createDataFrame(List.of(), Schemas.EVENTS);
        allEvents.createOrReplaceTempView("all_events");
        spark.sql("SELECT *,"
                + " CASE WHEN direction = 'outbound' THEN 'our_server' ELSE 'remote_client' END AS role,"
                + " CASE WHEN direction = 'outbound' THEN sending_ip ELSE coalesce(remote_ip, sending_ip) END AS ip,"
                + " CASE WHEN reply_code >= 500 THEN true WHEN reply_code >= 400 THEN false"
                + "      ELSE outcome IN ('bounced', 'expired', 'reject') END AS permanent"
                + " FROM all_events WHERE event_date = " + day).createOrReplaceTempView("ev");
        Dataset<Row> dnsAnswers = dnsFound
                ? spark.read().schema(Schemas.DNS_ANSWERS).parquet(warehouse.table("dns_answers"))
                : spark.createDataFrame(List.of(), Schemas.DNS_ANSWERS);
        // peer_ip and removal_url come with the DNS enrichment's schema; without them the report still works.
        List<String> dnsColumns = java.util.Arrays.asList(Schemas.DNS_ANSWERS.fieldNames());
        for (String optional : List.of("peer_ip", "removal_url")) {
            if (!dnsColumns.contains(optional)) {
                dnsAnswers = dnsAnswers.withColumn(optional, org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType));
            }
        }
        dnsAnswers.createOrReplaceTempView("all_dns");
        // The latest answer to each question asked in the window: the cache means an answer may predate the day.
        spark.sql("SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY subject, `check`, coalesce(zone, ''), coalesce(peer_ip, '')"
                + " ORDER BY asked_at DESC, outcome) AS newest FROM all_dns"
                // Up to the day after the report date, or today for a backfill: its enrichment ran today.
                + " WHERE asked_date BETWEEN date_sub(" + day + ", " + options.dnsWindowDays() + ") AND greatest(date_add(" + day
                + ", 1), current_date()))"
                + " WHERE newest = 1").createOrReplaceTempView("dns");
        spark.sql("SELECT subject, collect_list(struct(subject, subject_kind, `check`, zone, outcome, return_codes, meaning, txt,"
                + " answers, error_kind, asked_at, peer_ip, removal_url)) AS answers FROM dns GROUP BY subject").createOrReplaceTempView("dns_by_subject");

        Map<String, String> serverNames = serverNames(hadoop, options.serversCsv());
        List<Row> nameRows = new ArrayList<>();
        serverNames.forEach((ip, name) -> nameRows.add(RowFactory.create(ip, name)));
        spark.createDataFrame(nameRows, new StructType().add("ip", DataTypes.StringType, false).add("server_name", DataTypes.StringType, false))
                .createOrReplaceTempView("our_ips");

        Dataset<Row> failureSummary = spark.sql("SELECT direction, reason, guide_rule, inert(recipient_domain) AS receiving_domain,"
                + " reply_code, count(*) AS failures, count_if(permanent) AS bounces, count_if(NOT permanent) AS deferrals,"
                + " count(DISTINCT ip) AS distinct_ips, min(event_time) AS first_seen, max(event_time) AS last_seen,"
                + " " + day + " AS report_date"
                + " FROM ev GROUP BY direction, reason, guide_rule, inert(recipient_domain), reply_code");
        // Read back, events' columns are all nullable, and so the grouped ones; written with the schema file's nullability.
        failureSummary = spark.createDataFrame(failureSummary.javaRDD(), Schemas.FAILURE_SUMMARY);

        Dataset<Row> facts = serverFacts(spark, day, options.dnsWindowDays());
        PreviousReport previous = previousReport(spark, hadoop, warehouse, date);
        RemediationPlanner planner = new RemediationPlanner(RemovalUrls.loadDefault());
        JavaRDD<ServerReport> reports = facts.javaRDD()
                .map(row -> planner.plan(ReportRows.facts(row), previous))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            LocalDate previousDate = previous.date();
            Dataset<Row> remediation = spark.createDataFrame(
                    reports.map(report -> ReportRows.remediation(report.remediation(), previousDate, date)), Schemas.SERVER_REMEDIATION);
            Dataset<Row> delisting = spark.createDataFrame(
                    reports.flatMap((FlatMapFunction<ServerReport, Row>) report -> report.delistingRequests().stream()
                            .map(request -> ReportRows.delisting(request, date)).iterator()),
                    Schemas.DELISTING_REQUESTS);

            long summaryRows = writePartition(spark, failureSummary.repartition(1)
                    .sortWithinPartitions("direction", "reason", "guide_rule", "receiving_domain", "reply_code"), warehouse, "failure_summary", date);
            long servers = writePartition(spark, remediation.repartition(1)
                    .sortWithinPartitions(org.apache.spark.sql.functions.desc("severity_score"),
                            org.apache.spark.sql.functions.col("role"), org.apache.spark.sql.functions.col("ip")),
                    warehouse, "server_remediation", date);
            long requests = writePartition(spark, delisting.repartition(1).sortWithinPartitions("role", "ip", "list"), warehouse,
                    "delisting_requests", date);

            List<ServerReport> ours = reports.filter(report -> report.remediation().role() == ServerRole.OUR_SERVER
                    && report.remediation().severity() != Severity.NONE).collect();
            List<ServerRemediation> ourServers = new ArrayList<>();
            List<DelistingRequest> ourDelistings = new ArrayList<>();
            boolean newListing = false;
            for (ServerReport report : ours) {
                ourServers.add(report.remediation());
                ourDelistings.addAll(report.delistingRequests());
                newListing |= !report.remediation().newListings().isEmpty();
            }
            ourServers.sort((left, right) -> left.severityScore() != right.severityScore()
                    ? Integer.compare(right.severityScore(), left.severityScore()) : left.ip().compareTo(right.ip()));
            long remoteWithActions = reports.filter(report -> report.remediation().role() == ServerRole.REMOTE_CLIENT
                    && !report.remediation().actions().isEmpty()).count();
            long events = spark.table("ev").count();
            Result result = new Result(date, events, dnsFound, servers, requests, summaryRows, previousDate, ourServers, ourDelistings,
                    remoteWithActions, newListing);
            RunLog.append(spark, warehouse, new RunRecord(UUID.randomUUID().toString(), "report", Version.current(), started,
                    Instant.now(), List.of(warehouse.table("events"), warehouse.table("dns_answers")), 0, 0, InputCounts.ZERO, 0,
                    null, null, null, "success", "report " + date + ": " + events + " events, " + servers + " servers, " + requests
                            + " delisting requests" + (dnsFound ? "" : ", no dns_answers table")));
            return result;
        } finally {
            reports.unpersist(false);
        }
    }

    /** One row per (role, IP): the day's events aggregated, plus DNS answers about the IP and its HELO names. */
    private static Dataset<Row> serverFacts(SparkSession spark, String day, int windowDays) {
        spark.sql("SELECT role, ip, slice(sort_array(collect_set(helo_name)), 1, " + MAX_HELO_NAMES + ") AS helo_names,"
                + " sort_array(collect_set(reporting_host)) AS reporting_hosts, min(event_time) AS first_seen, max(event_time) AS last_seen,"
                + " count(*) AS failures, count_if(permanent) AS bounces"
                + " FROM ev WHERE ip IS NOT NULL GROUP BY role, ip").createOrReplaceTempView("base");
        spark.sql("SELECT role, ip, collect_list(struct(reason, n)) AS failures_by_reason FROM"
                + " (SELECT role, ip, reason, count(*) AS n FROM ev WHERE ip IS NOT NULL GROUP BY role, ip, reason)"
                + " GROUP BY role, ip").createOrReplaceTempView("by_reason");
        spark.sql("SELECT role, ip, collect_list(struct(guide_rule, n)) AS failures_by_guide_rule FROM"
                + " (SELECT role, ip, guide_rule, count(*) AS n FROM ev WHERE ip IS NOT NULL AND guide_rule IS NOT NULL GROUP BY role, ip, guide_rule)"
                + " GROUP BY role, ip").createOrReplaceTempView("by_rule");
        spark.sql("SELECT role, ip, collect_list(struct(recipient_domain, n)) AS receiving_domains FROM"
                + " (SELECT *, row_number() OVER (PARTITION BY role, ip ORDER BY n DESC, recipient_domain) AS place FROM"
                + "   (SELECT role, ip, recipient_domain, count(*) AS n FROM ev WHERE ip IS NOT NULL AND recipient_domain IS NOT NULL"
                + "    GROUP BY role, ip, recipient_domain))"
                + " WHERE place <= " + RemediationPlanner.MAX_TOP_DOMAINS + " GROUP BY role, ip").createOrReplaceTempView("by_domain");
        spark.sql("SELECT role, ip, collect_list(struct(guide_rule, blocklist, failures, bounces, first_seen, last_seen, samples)) AS rule_groups"
                + " FROM (SELECT role, ip, guide_rule, blocklist, count(*) AS failures, count_if(permanent) AS bounces,"
                + "   min(event_time) AS first_seen, max(event_time) AS last_seen,"
                + "   collect_list(CASE WHEN place <= " + SAMPLES_PER_GROUP + " THEN struct(event_id, event_time, recipient_domain, reply_code,"
                + "     reply_text, permanent) END) AS samples"
                + "   FROM (SELECT *, row_number() OVER (PARTITION BY role, ip, guide_rule, blocklist ORDER BY event_time, event_id) AS place"
                + "     FROM ev WHERE ip IS NOT NULL AND guide_rule IS NOT NULL)"
                + "   GROUP BY role, ip, guide_rule, blocklist)"
                + " GROUP BY role, ip").createOrReplaceTempView("rule_groups");
        // Servers with no failure that day but a DNS finding (listed, no PTR …): ours if servers.csv says so, else the
        // role their IP had in the events of the DNS window.
        spark.sql("SELECT DISTINCT role, ip FROM (SELECT 'our_server' AS role, ip FROM our_ips"
                + " UNION ALL SELECT CASE WHEN direction = 'outbound' THEN 'our_server' ELSE 'remote_client' END,"
                + "   CASE WHEN direction = 'outbound' THEN sending_ip ELSE coalesce(remote_ip, sending_ip) END FROM all_events"
                + "   WHERE event_date BETWEEN date_sub(" + day + ", " + windowDays + ") AND " + day + ")"
                + " WHERE ip IS NOT NULL").createOrReplaceTempView("known_roles");
        spark.sql("SELECT k.role, k.ip FROM (SELECT DISTINCT subject FROM dns WHERE outcome IN ('listed', 'fail')) f"
                + " JOIN known_roles k ON k.ip = f.subject"
                + " LEFT ANTI JOIN base b ON b.ip = f.subject").createOrReplaceTempView("dns_only");
        spark.sql("SELECT b.role, b.ip, flatten(collect_list(d.answers)) AS helo_answers"
                + " FROM (SELECT role, ip, explode(helo_names) AS helo FROM base) b JOIN dns_by_subject d ON d.subject = b.helo"
                + " GROUP BY b.role, b.ip").createOrReplaceTempView("helo_dns");
        return spark.sql("SELECT k.role, k.ip, n.server_name, b.helo_names, b.reporting_hosts, b.first_seen, b.last_seen, b.failures,"
                + " b.bounces, r.failures_by_reason, g.failures_by_guide_rule, d.receiving_domains, rg.rule_groups,"
                + " ipd.answers AS ip_answers, h.helo_answers"
                + " FROM (SELECT role, ip FROM base UNION SELECT role, ip FROM dns_only) k"
                + " LEFT JOIN base b ON b.role = k.role AND b.ip = k.ip"
                + " LEFT JOIN by_reason r ON r.role = k.role AND r.ip = k.ip"
                + " LEFT JOIN by_rule g ON g.role = k.role AND g.ip = k.ip"
                + " LEFT JOIN by_domain d ON d.role = k.role AND d.ip = k.ip"
                + " LEFT JOIN rule_groups rg ON rg.role = k.role AND rg.ip = k.ip"
                + " LEFT JOIN dns_by_subject ipd ON ipd.subject = k.ip"
                + " LEFT JOIN helo_dns h ON h.role = k.role AND h.ip = k.ip"
                + " LEFT JOIN (SELECT ip, min(server_name) AS server_name FROM our_ips GROUP BY ip) n ON n.ip = k.ip AND k.role = 'our_server'");
    }

    /** The latest report before this date, reduced to what "new since previous" compares. Small: collected. */
    private static PreviousReport previousReport(SparkSession spark, Configuration hadoop, Warehouse warehouse, LocalDate date) {
        if (!warehouse.tableExists(hadoop, "server_remediation")) {
            return PreviousReport.NONE;
        }
        spark.read().schema(Schemas.SERVER_REMEDIATION).parquet(warehouse.table("server_remediation"))
                .where("report_date < DATE'" + date + "'").createOrReplaceTempView("earlier");
        Row latest = spark.sql("SELECT max(report_date) FROM earlier").first();
        if (latest.isNullAt(0)) {
            return PreviousReport.NONE;
        }
        LocalDate previousDate = latest.getDate(0).toLocalDate();
        Map<String, PreviousReport.Server> servers = new HashMap<>();
        for (Row row : spark.sql("SELECT role, ip, transform(actions, a -> a.remedy) AS remedies,"
                + " array_union(lists_named_in_bounces, transform(filter(dnsbl_listings, l -> l.outcome = 'listed'), l -> lower(l.zone))) AS listings"
                + " FROM earlier WHERE report_date = DATE'" + previousDate + "'").collectAsList()) {
            Set<String> remedies = new HashSet<>(row.getList(2));
            Set<String> listings = new HashSet<>(row.getList(3));
            servers.put(row.getString(0) + " " + row.getString(1), new PreviousReport.Server(remedies, listings));
        }
        return new PreviousReport(previousDate, servers);
    }

    /**
     * Replaces one date partition of a table. An empty result removes the partition instead (dynamic
     * overwrite would leave yesterday's rows there), so a rerun never keeps stale rows.
     */
    static long writePartition(SparkSession spark, Dataset<Row> rows, Warehouse warehouse, String table, LocalDate date) {
        Dataset<Row> cached = rows.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long count = cached.count();
            if (count == 0) {
                PartitionSwap.remove(spark.sparkContext().hadoopConfiguration(), warehouse, table, "report_date", date.toString(),
                        date.toString());
            } else {
                PartitionSwap.replace(spark, cached, warehouse, table, "report_date", date.toString());
            }
            return count;
        } finally {
            cached.unpersist(false);
        }
    }

    private static Map<String, String> serverNames(Configuration hadoop, String serversCsv) {
        Map<String, String> names = new HashMap<>();
        if (serversCsv == null) {
            return names;
        }
        String text = IngestJob.readText(hadoop, serversCsv, null);
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
