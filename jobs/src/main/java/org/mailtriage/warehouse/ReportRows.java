package org.mailtriage.warehouse;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.model.GuideRule;
import org.mailtriage.report.Action;
import org.mailtriage.report.Count;
import org.mailtriage.report.DelistingRequest;
import org.mailtriage.report.RuleGroup;
import org.mailtriage.report.Sample;
import org.mailtriage.report.ServerFacts;
import org.mailtriage.report.ServerRemediation;
import org.mailtriage.report.ServerRole;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Between Spark rows and the report's records: the per-server facts row the job's SQL builds
 * becomes {@link ServerFacts}; the planner's records become rows of {@link Schemas#SERVER_REMEDIATION}
 * and {@link Schemas#DELISTING_REQUESTS}, field for field.
 */
public final class ReportRows {
    private ReportRows() {
    }

    static ServerFacts facts(Row row) {
        return new ServerFacts(
                ServerRole.fromLabel(row.getAs("role")),
                row.getAs("ip"),
                row.getAs("server_name"),
                strings(row, "helo_names"),
                strings(row, "reporting_hosts"),
                instant(row, "first_seen"),
                instant(row, "last_seen"),
                longOrZero(row, "failures"),
                longOrZero(row, "bounces"),
                counts(row, "failures_by_reason"),
                counts(row, "failures_by_guide_rule"),
                counts(row, "receiving_domains"),
                ruleGroups(row),
                answers(row, "ip_answers"),
                answers(row, "helo_answers"));
    }

    public static Row remediation(ServerRemediation server, LocalDate previousReportDate, LocalDate reportDate) {
        List<Row> listings = new ArrayList<>();
        for (ServerRemediation.Listing listing : server.dnsblListings()) {
            listings.add(RowFactory.create(listing.zone(), listing.outcome(), seq(listing.returnCodes()), listing.meaning(), listing.txt(),
                    listing.errorKind(), listing.removalUrl(), timestamp(listing.checkedAt())));
        }
        List<Row> actions = new ArrayList<>();
        for (Action action : server.actions()) {
            actions.add(RowFactory.create(action.remedy().label(), action.guideRule().label(), action.guideSection(),
                    action.remedy().description(), action.severity().label(), action.detail(), action.failures(),
                    timestamp(action.firstSeen()), timestamp(action.lastSeen()), seq(action.evidenceEventIds()), seq(action.evidenceDns())));
        }
        return RowFactory.create(
                server.role().label(),
                server.ip(),
                server.serverName(),
                server.severity().label(),
                server.severityScore(),
                server.newSincePrevious(),
                previousReportDate == null ? null : Date.valueOf(previousReportDate),
                seq(server.newListings()),
                seq(server.heloNames()),
                seq(server.reportingHosts()),
                timestamp(server.firstSeen()),
                timestamp(server.lastSeen()),
                server.failures(),
                server.bounces(),
                seq(countRows(server.failuresByReason())),
                seq(countRows(server.failuresByGuideRule())),
                seq(countRows(server.topReceivingDomains())),
                seq(server.listsNamedInBounces()),
                seq(listings),
                server.dnsblZonesChecked(),
                server.ptrState(),
                seq(server.ptrNames()),
                server.ptrForwardConfirmed(),
                server.ptrLooksDynamic(),
                server.heloState(),
                seq(actions),
                Date.valueOf(reportDate));
    }

    public static Row delisting(DelistingRequest request, LocalDate reportDate) {
        List<Row> samples = new ArrayList<>();
        for (Sample sample : request.sampleBounces()) {
            samples.add(RowFactory.create(timestamp(sample.time()), sample.receivingDomain(), sample.replyCode(), sample.replyText(),
                    sample.eventId()));
        }
        return RowFactory.create(
                request.role().label(),
                request.ip(),
                request.serverName(),
                request.list(),
                request.listSource(),
                request.removalUrl(),
                request.removalUrlSource(),
                request.listOutcome() == null ? null : request.listOutcome().label(),
                seq(request.returnCodes()),
                request.meaning(),
                request.txt(),
                timestamp(request.checkedAt()),
                timestamp(request.firstBounce()),
                timestamp(request.lastBounce()),
                request.bounceCount(),
                seq(samples),
                seq(request.evidenceEventIds()),
                request.summary(),
                Date.valueOf(reportDate));
    }

    private static List<RuleGroup> ruleGroups(Row row) {
        List<RuleGroup> groups = new ArrayList<>();
        for (Row group : rows(row, "rule_groups")) {
            List<Sample> samples = new ArrayList<>();
            for (Row sample : rows(group, "samples")) {
                samples.add(new Sample(sample.getAs("event_id"), instant(sample, "event_time"), sample.getAs("recipient_domain"),
                        sample.getAs("reply_code"), sample.getAs("reply_text"), sample.<Boolean>getAs("permanent")));
            }
            groups.add(new RuleGroup(GuideRule.fromLabel(group.getAs("guide_rule")), group.getAs("blocklist"), group.<Long>getAs("failures"),
                    group.<Long>getAs("bounces"), instant(group, "first_seen"), instant(group, "last_seen"), samples));
        }
        return groups;
    }

    private static List<DnsAnswer> answers(Row row, String field) {
        List<DnsAnswer> answers = new ArrayList<>();
        for (Row answer : rows(row, field)) {
            answers.add(DnsRows.answer(answer));
        }
        return answers;
    }

    private static List<Count> counts(Row row, String field) {
        List<Count> counts = new ArrayList<>();
        for (Row count : rows(row, field)) {
            counts.add(new Count(count.getString(0), count.getLong(1)));
        }
        return counts;
    }

    private static List<Row> countRows(List<Count> counts) {
        return counts.stream().map(count -> RowFactory.create(count.name(), count.count())).toList();
    }

    private static List<Row> rows(Row row, String field) {
        int index = row.fieldIndex(field);
        return row.isNullAt(index) ? List.of() : row.getList(index);
    }

    private static List<String> strings(Row row, String field) {
        int index = row.fieldIndex(field);
        if (row.isNullAt(index)) {
            return List.of();
        }
        List<String> values = row.getList(index);
        return values.stream().filter(value -> value != null).toList();
    }

    private static long longOrZero(Row row, String field) {
        int index = row.fieldIndex(field);
        return row.isNullAt(index) ? 0 : row.getLong(index);
    }

    private static Instant instant(Row row, String field) {
        int index = row.fieldIndex(field);
        return row.isNullAt(index) ? null : row.getTimestamp(index).toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> values) {
        return CollectionConverters.asScala(values).toSeq();
    }
}
