package org.mailtriage.dns;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers from a DNS master file (RFC 1035 zone file syntax, read by dnsjava's {@link Master}),
 * with no network: for demos, tests and offline runs. A name with no records is NXDOMAIN, a name
 * with records but none of the asked type is NODATA; CNAMEs are followed.
 */
public final class FixtureResolver implements DnsClient {
    private final String label;
    private final Map<Name, Map<Integer, List<Record>>> records;
    private final AtomicLong asked = new AtomicLong();

    private FixtureResolver(String label, Map<Name, Map<Integer, List<Record>>> records) {
        this.label = requireNonNull(label, "label is null");
        this.records = records;
    }

    /** Reads a master file's text; {@code label} names it in dns_answers.resolver (e.g. the file name). */
    public static FixtureResolver fromText(String text, String label) {
        Map<Name, Map<Integer, List<Record>>> records = new HashMap<>();
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, 3600)) {
            Record record;
            while ((record = master.nextRecord()) != null) {
                records.computeIfAbsent(record.getName(), name -> new HashMap<>())
                        .computeIfAbsent(record.getType(), type -> new ArrayList<>()).add(record);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("DNS fixture " + label + ": " + e.getMessage(), e);
        }
        return new FixtureResolver("fixture:" + label, records);
    }

    @Override
    public CompletableFuture<DnsReply> query(String name, int type, String rateKey) {
        asked.incrementAndGet();
        Name questionName;
        try {
            questionName = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(DnsReply.failed(ReplyStatus.NETWORK, "not a valid DNS name"));
        }
        return CompletableFuture.completedFuture(lookup(questionName, type, 0));
    }

    private DnsReply lookup(Name name, int type, int depth) {
        Map<Integer, List<Record>> byType = records.get(name);
        if (byType == null) {
            return new DnsReply(ReplyStatus.NXDOMAIN, List.of(), -1, null);
        }
        List<Record> found = byType.get(type);
        if (found == null && type != Type.CNAME && byType.containsKey(Type.CNAME) && depth < 8) {
            return lookup(((CNAMERecord) byType.get(Type.CNAME).get(0)).getTarget(), type, depth + 1);
        }
        if (found == null) {
            return new DnsReply(ReplyStatus.NOERROR, List.of(), -1, null);
        }
        long ttl = found.stream().mapToLong(Record::getTTL).min().orElse(-1);
        return new DnsReply(ReplyStatus.NOERROR, found, ttl, null);
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public long questionsAsked() {
        return asked.get();
    }

    @Override
    public long questionsFailed() {
        return 0;
    }

    @Override
    public void close() {
    }
}
