package org.mailtriage.dns;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/**
 * The reply to one question: its status and the answer records of the asked type (CNAME chains
 * already followed by the server are kept as their final records).
 *
 * @param ttl the smallest TTL of the records, or -1 when there are none
 */
public record DnsReply(ReplyStatus status, List<Record> records, long ttl, String detail) {
    public DnsReply {
        requireNonNull(status, "status is null");
        records = List.copyOf(records);
    }

    public static DnsReply failed(ReplyStatus status, String detail) {
        return new DnsReply(status, List.of(), -1, detail);
    }

    /** A reply with no answer records, from its response code alone. */
    public static DnsReply withoutRecords(int rcode) {
        ReplyStatus status = statusOf(rcode);
        return new DnsReply(status, List.of(), -1, status == ReplyStatus.OTHER_RCODE ? Rcode.string(rcode) : null);
    }

    private static ReplyStatus statusOf(int rcode) {
        return switch (rcode) {
            case Rcode.NOERROR -> ReplyStatus.NOERROR;
            case Rcode.NXDOMAIN -> ReplyStatus.NXDOMAIN;
            case Rcode.SERVFAIL -> ReplyStatus.SERVFAIL;
            case Rcode.REFUSED -> ReplyStatus.REFUSED;
            default -> ReplyStatus.OTHER_RCODE;
        };
    }

    /** A reply from a wire message, keeping the answers of the asked type. */
    public static DnsReply of(Message message, int type) {
        int rcode = message.getRcode();
        ReplyStatus status = statusOf(rcode);
        List<Record> records = new ArrayList<>();
        long ttl = -1;
        if (status == ReplyStatus.NOERROR) {
            for (Record record : message.getSection(Section.ANSWER)) {
                if (record.getType() == type) {
                    records.add(record);
                    ttl = ttl < 0 ? record.getTTL() : Math.min(ttl, record.getTTL());
                }
            }
        }
        return new DnsReply(status, records, ttl, status == ReplyStatus.OTHER_RCODE ? Rcode.string(rcode) : null);
    }

    /** The records as text: addresses, names (without the final dot), TXT strings joined. */
    public List<String> values() {
        List<String> values = new ArrayList<>(records.size());
        for (Record record : records) {
            values.add(valueOf(record));
        }
        return values;
    }

    static String valueOf(Record record) {
        if (record instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (record instanceof AAAARecord aaaa) {
            return aaaa.getAddress().getHostAddress();
        }
        if (record instanceof PTRRecord ptr) {
            return withoutDot(ptr.getTarget().toString());
        }
        if (record instanceof MXRecord mx) {
            return mx.getPriority() + " " + withoutDot(mx.getTarget().toString());
        }
        if (record instanceof TXTRecord txt) {
            return String.join("", txt.getStrings());
        }
        return record.rdataToString();
    }

    static String withoutDot(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
