package org.mailtriage.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailtriage.jobs.NightlyJob;
import org.mailtriage.report.InertText;
import org.mailtriage.report.ReportSummary;

/** What nightly prints at the end: a summary a mail admin reads (at most 100 columns), or one JSON object for machines. */
final class NightlyOutput {
    enum Format {
        text, json
    }

    private NightlyOutput() {
    }

    static void text(PrintStream out, LocalDate day, NightlyJob.Result result, String warehouse, int maxServers) {
        var counts = result.ingest().counts();
        var report = result.report();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("nightly %s (run %s): %d events on %s", day, result.runId(), report.events(), day));
        lines.add(String.format("  %d files, %d lines read = %d with failure events + %d other + %d quarantined%s",
                result.ingest().filesRead(), counts.linesRead(), counts.linesWithEvents(), counts.linesIgnored(), counts.linesQuarantined(),
                counts.balanced() ? "" : " (COUNTS DO NOT BALANCE)"));
        if (counts.emailsRead() > 0) {
            lines.add(IngestCommand.emailsLine(counts));
        }
        for (String file : result.ingest().unrecognised()) {
            lines.add("  not read (unrecognised format): " + InertText.line(file));
        }
        lines.add(result.enrich().message());
        lines.addAll(ReportSummary.lines(day, report.ourServers(), report.ourDelistings(), report.remoteClientsWithActions(),
                report.previousReportDate(), report.dnsAnswersFound(), maxServers));
        lines.add(String.format("Wrote %s/{server_remediation (%d rows), delisting_requests (%d), failure_summary (%d)}/report_date=%s",
                warehouse, report.servers(), report.delistingRequests(), report.summaryRows(), day));
        lines.add(result.timingLine());
        ReportSummary.wrap(lines, ReportSummary.WIDTH).forEach(out::println);
    }

    static void json(PrintStream out, LocalDate day, NightlyJob.Result result, String warehouse, int exitCode) {
        var counts = result.ingest().counts();
        var report = result.report();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("files_read", result.ingest().filesRead());
        input.put("files_unrecognised", result.ingest().unrecognised().stream().map(InertText::line).toList());
        input.put("lines_read", counts.linesRead());
        input.put("lines_with_events", counts.linesWithEvents());
        input.put("lines_ignored", counts.linesIgnored());
        input.put("lines_quarantined", counts.linesQuarantined());
        input.put("emails_read", counts.emailsRead());
        input.put("emails_with_events", counts.emailsWithEvents());
        input.put("emails_not_bounces", counts.emailsNotBounces());
        input.put("emails_quarantined", counts.emailsQuarantined());
        input.put("counts_balance", counts.balanced());
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("warehouse", warehouse);
        written.put("events", report.events());
        written.put("server_remediation", report.servers());
        written.put("delisting_requests", report.delistingRequests());
        written.put("failure_summary", report.summaryRows());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", "nightly");
        summary.put("date", day.toString());
        summary.put("run_id", result.runId());
        summary.put("exit_code", exitCode);
        summary.put("input", input);
        summary.put("dns", result.enrich().message());
        summary.put("written", written);
        Map<String, Object> seconds = new LinkedHashMap<>();
        result.steps().forEach(step -> seconds.put(step.name(), step.millis() / 1000.0));
        summary.put("seconds", seconds);
        summary.put("report", ReportSummary.json(day, report.ourServers(), report.ourDelistings(), report.remoteClientsWithActions(),
                report.previousReportDate(), report.dnsAnswersFound()));
        try {
            out.println(new ObjectMapper().writeValueAsString(summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary not writable as JSON", e);
        }
    }
}
