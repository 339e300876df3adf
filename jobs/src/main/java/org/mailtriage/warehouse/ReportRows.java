package org.mailtriage.warehouse;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mailtriage.report.Action;
import org.mailtriage.report.Count;
import org.mailtriage.report.DelistingRequest;
import org.mailtriage.report.Sample;
import org.mailtriage.report.ServerRemediation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * From the report's records to Spark rows: the planner's records become rows of {@link Schemas#SERVER_REMEDIATION}
 * and {@link Schemas#DELISTING_REQUESTS}, field for field (the facts come from {@code report.DayAggregate}, not from rows).
 */
public final class ReportRows {
    private ReportRows() {
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

    private static List<Row> countRows(List<Count> counts) {
        return counts.stream().map(count -> RowFactory.create(count.name(), count.count())).toList();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> values) {
        return CollectionConverters.asScala(values).toSeq();
    }
}
