package org.mailtriage.dns;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/**
 * Where answers come from, in a form that travels to Spark executors: a DNS server
 * ({@code host:port}, default the system's) or the text of a fixture master file (no network).
 */
public record ResolverSpec(String server, String fixtureText, String fixtureLabel, ResolverSettings settings) implements Serializable {
    public ResolverSpec {
        if ((server == null) == (fixtureText == null)) {
            throw new IllegalArgumentException("give either a DNS server or a fixture");
        }
        if (settings == null) {
            settings = ResolverSettings.DEFAULT;
        }
        if (server != null) {
            UdpResolver.parseServer(server);
        } else {
            FixtureResolver.fromText(fixtureText, fixtureLabel); // fail now, on the driver, not in a task
        }
    }

    public static ResolverSpec server(String hostPort, ResolverSettings settings) {
        return new ResolverSpec(hostPort, null, null, settings);
    }

    public static ResolverSpec fixture(String text, String label, ResolverSettings settings) {
        return new ResolverSpec(null, text, label, settings);
    }

    /** The first name server of the system's configuration (resolv.conf and the like), as {@code host:port}. */
    public static String systemServer() {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        if (servers.isEmpty()) {
            throw new IllegalStateException("the system has no DNS server configured: give --dns-server host:port");
        }
        InetSocketAddress first = servers.get(0);
        String host = first.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + first.getPort();
    }

    /** A client for one of {@code parts} partitions: the global and per-zone rates are shared out between them. */
    public DnsClient open(int parts) {
        if (fixtureText != null) {
            return FixtureResolver.fromText(fixtureText, fixtureLabel);
        }
        return new UdpResolver(UdpResolver.parseServer(server), settings.shareOf(parts));
    }

    /** What the rows' resolver column will say. */
    public String describe() {
        return server != null ? server : "fixture:" + fixtureLabel;
    }
}
