package org.mailtriage.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mailtriage.jobs.ReportJob;
import org.mailtriage.jobs.SparkSessions;
import org.mailtriage.report.ReportSummary;
import org.mailtriage.warehouse.DateLock;
import org.mailtriage.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write server_remediation, delisting_requests and failure_summary for one date from events and dns_answers.",
                "Rewriting a date replaces that date's partitions only. A missing dns_answers table is not an error."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "The warehouse (any Hadoop path).")
    String warehouse;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The report date (UTC day of the events).")
    LocalDate date;

    @Option(names = "--servers", paramLabel = "CSV", description = "servers.csv: names our IPs and makes a listed IP with no failures count as ours.")
    String servers;

    @Option(names = "--dns-window-days", paramLabel = "DAYS", defaultValue = "" + ReportJob.DEFAULT_DNS_WINDOW_DAYS,
            description = "Use DNS answers asked from this many days before the date up to the day after it (default: ${DEFAULT-VALUE}).")
    int dnsWindowDays;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait this long for another run of the same date to finish (default: ${DEFAULT-VALUE}: fail at once).")
    long lockWaitSeconds;

    @Override
    public Integer call() {
        SparkSession spark = SparkSessions.getOrCreate("mailtriage report");
        Warehouse target = new Warehouse(warehouse);
        ReportJob.Result result;
        try (DateLock lock = DateLock.acquire(spark.sparkContext().hadoopConfiguration(), target, date, "report", lockWaitSeconds)) {
            result = ReportJob.run(spark, new ReportJob.Options(target, date, servers, dnsWindowDays));
        }
        System.out.printf("report %s: %d events; %d servers, %d delisting requests, %d summary rows written%n", date, result.events(),
                result.servers(), result.delistingRequests(), result.summaryRows());
        ReportSummary.lines(date, result.ourServers(), result.ourDelistings(), result.remoteClientsWithActions(),
                result.previousReportDate(), result.dnsAnswersFound()).forEach(System.out::println);
        return ExitCodes.OK;
    }
}
