package org.mailtriage.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mailtriage.dns.Outcome;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Remedy;

/**
 * The few lines a mail admin reads at the end of a run: which of our servers need delisting (from
 * which list, since when), which need a PTR record, a HELO fix or a static IP — most urgent first.
 */
public final class ReportSummary {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportSummary() {
    }

    /** Servers the summary names by default; the rest are counted ("and K more"): server_remediation has them all. */
    public static final int DEFAULT_MAX_SERVERS = 10;
    /** The summary is read on terminals, in cron mails and Airflow logs: no line is longer. */
    public static final int WIDTH = 100;

    /**
     * @param ourServers our servers with actions, most urgent first
     * @param delistings their delisting requests
     */
    public static List<String> lines(LocalDate reportDate, List<ServerRemediation> ourServers, List<DelistingRequest> delistings,
            long remoteClientsWithActions, LocalDate previousReportDate, boolean dnsAnswersFound) {
        return lines(reportDate, ourServers, delistings, remoteClientsWithActions, previousReportDate, dnsAnswersFound, DEFAULT_MAX_SERVERS);
    }

    /**
     * One short block per server, most urgent first: the server, then one line per fix. At most {@code maxServers}
     * blocks, then how many more; every line at most {@link #WIDTH} characters.
     */
    public static List<String> lines(LocalDate reportDate, List<ServerRemediation> ourServers, List<DelistingRequest> delistings,
            long remoteClientsWithActions, LocalDate previousReportDate, boolean dnsAnswersFound, int maxServers) {
        if (maxServers < 0) {
            throw new IllegalArgumentException("maxServers must not be negative: " + maxServers);
        }
        List<String> lines = new ArrayList<>();
        List<ServerRemediation> withActions = ourServers.stream().filter(server -> !server.actions().isEmpty()).toList();
        if (withActions.isEmpty()) {
            lines.add("Report " + reportDate + ": none of our servers needs a fix.");
        } else {
            lines.add("Report " + reportDate + ": " + withActions.size() + (withActions.size() == 1 ? " of our servers needs" : " of our servers need")
                    + " a fix, most urgent first:");
        }
        for (ServerRemediation server : withActions.subList(0, Math.min(maxServers, withActions.size()))) {
            String header = "  " + InertText.line(server.displayName(), SHOWN_LENGTH) + ": " + server.severity().label();
            if (!server.newListings().isEmpty()) {
                header += ", newly listed";
            }
            lines.add(header);
            for (Action action : server.actions()) {
                lines.add("    needs " + phrase(action.remedy()) + describe(server, action, delistings));
            }
        }
        if (withActions.size() > maxServers) {
            int more = withActions.size() - maxServers;
            lines.add("  and " + more + (more == 1 ? " more server" : " more servers") + " \u2014 see server_remediation (role our_server, report_date "
                    + reportDate + ")");
        }
        List<String> fresh = withActions.stream().filter(server -> !server.newListings().isEmpty())
                .map(server -> server.ip() + " on " + String.join(", ",
                        server.newListings().stream().map(list -> InertText.line(list, SHOWN_LENGTH)).toList())).toList();
        String since = previousReportDate == null ? "(no earlier report)" : "(" + previousReportDate + ")";
        lines.add("New listings since the previous report " + since + ": " + (fresh.isEmpty() ? "none" : String.join("; ", fresh)) + ".");
        if (remoteClientsWithActions > 0) {
            lines.add(remoteClientsWithActions + (remoteClientsWithActions == 1 ? " remote server" : " remote servers")
                    + " refused by ours for a guide reason (their fix; see server_remediation, role remote_client).");
        }
        if (!dnsAnswersFound) {
            lines.add("No DNS answers (dns_answers) were available: this report shows what the bounces say only.");
        }
        return wrap(lines, WIDTH);
    }

    /**
     * The same report for machines (nightly --summary-format json): every one of our servers with actions, most urgent
     * first, each fix with its lists. Outside text is inert here too: such JSON ends up in web pages and spreadsheets.
     */
    public static Map<String, Object> json(LocalDate reportDate, List<ServerRemediation> ourServers, List<DelistingRequest> delistings,
            long remoteClientsWithActions, LocalDate previousReportDate, boolean dnsAnswersFound) {
        List<Map<String, Object>> servers = new ArrayList<>();
        for (ServerRemediation server : ourServers) {
            if (server.actions().isEmpty()) {
                continue;
            }
            List<Map<String, Object>> fixes = new ArrayList<>();
            for (Action action : server.actions()) {
                Map<String, Object> fix = new LinkedHashMap<>();
                fix.put("remedy", action.remedy().label());
                fix.put("guide_rule", action.guideRule().label());
                fix.put("guide_section", action.guideSection());
                fix.put("severity", action.severity().label());
                fix.put("failures", action.failures());
                fix.put("first_seen", action.firstSeen() == null ? null : action.firstSeen().toString());
                fix.put("last_seen", action.lastSeen() == null ? null : action.lastSeen().toString());
                if (action.guideRule() == GuideRule.BLOCKLISTED) {
                    fix.put("lists", delistings.stream()
                            .filter(request -> request.ip().equals(server.ip()) && request.role() == server.role())
                            .map(request -> {
                                Map<String, Object> list = new LinkedHashMap<>();
                                list.put("list", InertText.line(request.list(), SHOWN_LENGTH));
                                list.put("outcome", request.listOutcome() == null ? null : request.listOutcome().label());
                                list.put("meaning", InertText.line(request.meaning()));
                                list.put("removal_url", InertText.line(request.removalUrl()));
                                return list;
                            }).toList());
                }
                fixes.add(fix);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ip", server.ip());
            entry.put("server_name", InertText.line(server.serverName(), SHOWN_LENGTH));
            entry.put("severity", server.severity().label());
            entry.put("severity_score", server.severityScore());
            entry.put("new_listings", server.newListings().stream().map(list -> InertText.line(list, SHOWN_LENGTH)).toList());
            entry.put("fixes", fixes);
            servers.add(entry);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("report_date", reportDate.toString());
        report.put("previous_report_date", previousReportDate == null ? null : previousReportDate.toString());
        report.put("dns_answers_found", dnsAnswersFound);
        report.put("our_servers_to_fix", servers);
        report.put("new_listing", servers.stream().anyMatch(server -> !((List<?>) server.get("new_listings")).isEmpty()));
        report.put("remote_clients_with_actions", remoteClientsWithActions);
        return report;
    }

    /**
     * Lines longer than {@code width} broken at spaces; the continuation indented four more than the line. A word
     * longer than the room is cut.
     */
    public static List<String> wrap(List<String> lines, int width) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String continuation = " ".repeat(Math.min(indent + 4, width / 2));
            String rest = line;
            String prefix = "";
            while (prefix.length() + rest.length() > width) {
                int room = width - prefix.length();
                int cut = rest.lastIndexOf(' ', room);
                if (cut <= (prefix.isEmpty() ? indent : 0)) {
                    cut = room;
                }
                wrapped.add(prefix + rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut).stripLeading();
                prefix = continuation;
            }
            wrapped.add(prefix + rest);
        }
        return wrapped;
    }

    /** Outside names and meanings are cut to this in the summary: the rows hold them whole, a terminal line should not. */
    private static final int SHOWN_LENGTH = 100;

    private static String phrase(Remedy remedy) {
        switch (remedy) {
            case REQUEST_DELISTING:
                return "delisting";
            case SET_PTR:
                return "a PTR record";
            case FIX_HELO_DNS:
                return "a HELO name that resolves";
            case USE_FQDN_HELO:
                return "a fully-qualified HELO name";
            case FIX_HELO_SYNTAX:
                return "a valid HELO name";
            case USE_STATIC_IP_OR_SMARTHOST:
                return "a static IP or a smart host";
        }
        throw new IllegalArgumentException("unknown remedy " + remedy);
    }

    /** What follows "needs <fix>": the lists (for delisting), since when and how often, the guide section. */
    private static String describe(ServerRemediation server, Action action, List<DelistingRequest> delistings) {
        StringBuilder text = new StringBuilder();
        if (action.guideRule() == GuideRule.BLOCKLISTED) {
            List<String> lists = delistings.stream()
                    .filter(request -> request.ip().equals(server.ip()) && request.role() == server.role())
                    .map(request -> InertText.line(request.list(), SHOWN_LENGTH)
                            + (request.meaning() == null || request.listOutcome() != Outcome.LISTED
                            ? "" : " (" + InertText.line(request.meaning(), MEANING_LENGTH) + ")"))
                    .collect(Collectors.toList());
            if (!lists.isEmpty()) {
                text.append(" from ").append(String.join(", ", lists));
            }
        }
        if (action.failures() > 0) {
            text.append(": ").append(action.failures()).append(action.failures() == 1 ? " refusal" : " refusals")
                    .append(" since ").append(TIME.format(action.firstSeen()));
        } else {
            text.append(": DNS shows it; nothing refused yet");
        }
        text.append(" [").append(action.guideSection()).append(", ").append(action.severity().label()).append(']');
        return text.toString();
    }

    /** A list's meaning is cut shorter: the delisting request row has it whole. */
    private static final int MEANING_LENGTH = 60;
}
