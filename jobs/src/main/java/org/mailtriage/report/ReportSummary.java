package org.mailtriage.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mailtriage.classify.GuideRule;
import org.mailtriage.classify.Remedy;

/**
 * The few lines a mail admin reads at the end of a run: which of our servers need delisting (from
 * which list, since when), which need a PTR record, a HELO fix or a static IP — most urgent first.
 */
public final class ReportSummary {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportSummary() {
    }

    /**
     * @param ourServers our servers with actions, most urgent first
     * @param delistings their delisting requests
     */
    public static List<String> lines(LocalDate reportDate, List<ServerRemediation> ourServers, List<DelistingRequest> delistings,
            long remoteClientsWithActions, LocalDate previousReportDate, boolean dnsAnswersFound) {
        List<String> lines = new ArrayList<>();
        if (ourServers.isEmpty()) {
            lines.add("Report " + reportDate + ": none of our servers needs a fix.");
        }
        Map<Remedy, List<String>> byRemedy = new TreeMap<>();
        for (ServerRemediation server : ourServers) {
            for (Action action : server.actions()) {
                byRemedy.computeIfAbsent(action.remedy(), remedy -> new ArrayList<>()).add(describe(server, action, delistings));
            }
        }
        boolean first = true;
        for (Map.Entry<Remedy, List<String>> entry : byRemedy.entrySet()) {
            int count = entry.getValue().size();
            String noun = first ? (count == 1 ? "1 server needs " : count + " servers need ") : (count == 1 ? "1 needs " : count + " need ");
            lines.add(noun + phrase(entry.getKey()) + ": " + String.join("; ", entry.getValue()));
            first = false;
        }
        List<String> fresh = ourServers.stream().filter(server -> !server.newListings().isEmpty())
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
        return lines;
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

    private static String describe(ServerRemediation server, Action action, List<DelistingRequest> delistings) {
        StringBuilder text = new StringBuilder(InertText.line(server.displayName(), SHOWN_LENGTH));
        if (action.guideRule() == GuideRule.BLOCKLISTED) {
            List<String> lists = delistings.stream()
                    .filter(request -> request.ip().equals(server.ip()) && request.role() == server.role())
                    .map(request -> InertText.line(request.list(), SHOWN_LENGTH)
                            + (request.meaning() == null || !DnsChecks.LISTED.equals(request.listOutcome())
                            ? "" : " (" + InertText.line(request.meaning(), SHOWN_LENGTH) + ")"))
                    .collect(Collectors.toList());
            if (!lists.isEmpty()) {
                text.append(" from ").append(String.join(", ", lists));
            }
        }
        if (action.failures() > 0) {
            text.append(" since ").append(TIME.format(action.firstSeen())).append(", ").append(action.failures())
                    .append(action.failures() == 1 ? " refusal" : " refusals");
        } else {
            text.append(" (DNS shows it; nothing refused yet)");
        }
        text.append(" [").append(action.guideSection()).append(", ").append(action.severity().label()).append(']');
        return text.toString();
    }
}
