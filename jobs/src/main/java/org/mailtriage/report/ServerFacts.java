package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.mailtriage.dns.DnsAnswer;

/**
 * Everything the report knows about one server (by role and IP) for one report date: its failure
 * events, aggregated, and the latest DNS answers about its IP and its HELO names. The Spark job
 * builds these; {@link RemediationPlanner} turns them into report rows without Spark.
 *
 * @param serverName from servers.csv when the IP is ours and listed there, else null
 * @param firstSeen null when no event mentions the server (a DNS listing only)
 * @param receivingDomains the receiving domains with the most failures, at most the top few
 * @param distinctReceivingDomains how many receiving domains had failures, all of them
 */
public record ServerFacts(ServerRole role, String ip, String serverName, List<String> heloNames, List<String> reportingHosts,
        Instant firstSeen, Instant lastSeen, long failures, long bounces, List<Count> failuresByReason,
        List<Count> failuresByGuideRule, List<Count> receivingDomains, long distinctReceivingDomains, List<RuleGroup> ruleGroups,
        List<DnsAnswer> ipAnswers, List<DnsAnswer> heloAnswers) implements Serializable {
    public ServerFacts {
        requireNonNull(role, "role is null");
        requireNonNull(ip, "ip is null");
        heloNames = heloNames.stream().sorted().toList();
        reportingHosts = reportingHosts.stream().sorted().toList();
        failuresByReason = Count.sorted(failuresByReason, Integer.MAX_VALUE);
        failuresByGuideRule = Count.sorted(failuresByGuideRule, Integer.MAX_VALUE);
        receivingDomains = Count.sorted(receivingDomains, Integer.MAX_VALUE);
        ruleGroups = List.copyOf(ruleGroups);
        ipAnswers = List.copyOf(ipAnswers);
        // A HELO name used by several servers has one helo_matches_ip answer per sending IP: keep this server's.
        heloAnswers = heloAnswers.stream().filter(answer -> answer.peerIp() == null || answer.peerIp().equals(ip)).toList();
    }

    public String key() {
        return role.label() + " " + ip;
    }
}
