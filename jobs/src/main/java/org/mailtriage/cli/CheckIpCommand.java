package org.mailtriage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailtriage.dns.CheckKind;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.DnsClient;
import org.mailtriage.dns.OneIpCheck;
import org.mailtriage.dns.Outcome;
import org.mailtriage.dns.ResolverSpec;
import org.mailtriage.dns.ZoneList;
import org.mailtriage.warehouse.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check-ip", mixinStandardHelpOptions = true,
        description = {"Check one IP now: every enabled blocklist (after its RFC 5782 self-test), PTR, forward confirmation, "
                + "generic-looking PTR names, and with --helo the HELO name's syntax, FQDN, A/AAAA and whether it points at the IP.",
                "Exit code 0: nothing listed or failing; 1: listed or a check failed; unknown answers are shown as such."})
final class CheckIpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IP", description = "IPv4 or IPv6 address.")
    String ip;

    @Option(names = "--helo", paramLabel = "NAME", description = "HELO/EHLO name the IP uses.")
    String helo;

    @Mixin
    DnsOptions dns;

    @Override
    public Integer call() {
        ZoneList zones = readZones(dns.zones);
        ResolverSpec spec = spec(dns);
        List<DnsAnswer> answers;
        try (DnsClient client = spec.open(1)) {
            answers = OneIpCheck.run(client, zones, ip.strip(), helo, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        print(System.out, answers, spec.describe());
        boolean bad = answers.stream().anyMatch(answer -> answer.check() != CheckKind.DNSBL_SELF_TEST
                && (answer.outcome() == Outcome.LISTED || answer.outcome() == Outcome.FAIL));
        return bad ? ExitCodes.ALERT : ExitCodes.OK;
    }

    static ZoneList readZones(String path) {
        if (path == null) {
            return ZoneList.builtIn();
        }
        try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            return ZoneList.read(reader, path);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("zones file " + path + ": " + e.getMessage(), e);
        }
    }

    static ResolverSpec spec(DnsOptions dns) {
        try {
            if (dns.fixture() != null) {
                Path fixture = Path.of(dns.fixture());
                return ResolverSpec.fixture(Files.readString(fixture, StandardCharsets.UTF_8), fixture.getFileName().toString(), dns.settings());
            }
            return ResolverSpec.server(dns.server() != null ? dns.server() : ResolverSpec.systemServer(), dns.settings());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException("DNS: " + e.getMessage(), e);
        }
    }

    private static void print(PrintStream out, List<DnsAnswer> answers, String resolver) {
        out.println("resolver " + resolver);
        for (DnsAnswer answer : answers) {
            StringBuilder line = new StringBuilder();
            line.append(String.format("%-16s %-24s %-10s", answer.check().label(), answer.zone() != null ? answer.zone()
                    : answer.check() == CheckKind.HELO_MATCHES_IP ? answer.subject() + " → " + answer.peerIp() : answer.subject(),
                    answer.outcome().label()));
            if (!answer.returnCodes().isEmpty()) {
                line.append(' ').append(String.join(",", answer.returnCodes()));
            }
            if (answer.meaning() != null) {
                line.append("  ").append(answer.meaning());
            }
            if (answer.errorKind() != null) {
                line.append("  [").append(answer.errorKind().label()).append(']');
            }
            if (!answer.answers().isEmpty() && answer.check() != CheckKind.PTR_GENERIC) {
                line.append("  ").append(String.join(", ", answer.answers()));
            }
            if (answer.txt() != null) {
                line.append("  TXT: ").append(answer.txt());
            }
            if (answer.outcome() == Outcome.LISTED && answer.removalUrl() != null) {
                line.append("  removal: ").append(answer.removalUrl());
            }
            out.println(line);
        }
    }
}
