package org.mailtriage.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.mailtriage.model.Addresses;

/**
 * Our own servers, from {@code servers.csv} (columns {@code server,outbound_ips,helo}; IPs separated
 * by spaces or ';'). Outbound log lines rarely carry our own IP: the reporting host's entry fills it in.
 * The first IP listed is taken as the one the server sends from (Postfix's smtp_bind_address).
 */
public final class ServerDirectory implements Serializable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    /** One of our servers. */
    public record Server(String name, List<String> outboundIps, String heloName) implements Serializable {
        public Server {
            outboundIps = List.copyOf(outboundIps);
        }

        public String primaryIp() {
            return outboundIps.isEmpty() ? null : outboundIps.get(0);
        }
    }

    private final Map<String, Server> byName;

    private ServerDirectory(Map<String, Server> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static ServerDirectory empty() {
        return new ServerDirectory(Map.of());
    }

    public static ServerDirectory read(Reader reader) throws IOException {
        Map<String, Server> servers = new HashMap<>();
        for (CSVRecord record : FORMAT.parse(reader)) {
            String name = record.get("server").toLowerCase(Locale.ROOT);
            List<String> ips = Arrays.stream(record.get("outbound_ips").split("[\\s;]+"))
                    .map(String::strip).filter(ip -> !ip.isEmpty()).map(Addresses::normalizeIp).toList();
            for (String ip : ips) {
                if (!Addresses.looksLikeIp(ip)) {
                    throw new IllegalArgumentException("servers.csv line " + record.getRecordNumber() + ": not an IP: " + ip);
                }
            }
            String helo = record.isMapped("helo") ? record.get("helo") : "";
            servers.put(name, new Server(name, ips, helo.isBlank() ? null : helo.strip()));
        }
        return new ServerDirectory(servers);
    }

    /** Finds a server by the host name in its log lines; the short name matches a full one and back. */
    public Server find(String reportingHost) {
        if (reportingHost == null) {
            return null;
        }
        String name = reportingHost.toLowerCase(Locale.ROOT);
        Server exact = byName.get(name);
        if (exact != null) {
            return exact;
        }
        String shortName = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        for (Server server : byName.values()) {
            String candidate = server.name();
            String candidateShort = candidate.contains(".") ? candidate.substring(0, candidate.indexOf('.')) : candidate;
            if (candidateShort.equals(shortName)) {
                return server;
            }
        }
        return null;
    }

    /** Every server, in no particular order. */
    public java.util.Collection<Server> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }
}
