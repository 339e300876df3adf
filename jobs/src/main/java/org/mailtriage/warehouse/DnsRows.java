package org.mailtriage.warehouse;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mailtriage.dns.DnsAnswer;

/** {@link DnsAnswer} → a dns_answers row, field for field in the order of {@link Schemas#DNS_ANSWERS}. */
public final class DnsRows {
    private DnsRows() {
    }

    public static Row of(DnsAnswer answer, String runId) {
        return RowFactory.create(
                answer.subject(),
                answer.subjectKind().label(),
                answer.check().label(),
                answer.zone(),
                answer.question(),
                answer.outcome().label(),
                seq(answer.returnCodes()),
                answer.meaning(),
                answer.txt(),
                seq(answer.answers()),
                answer.errorKind() == null ? null : answer.errorKind().label(),
                answer.resolver(),
                Timestamp.from(answer.askedAt()),
                answer.ttl(),
                answer.peerIp(),
                answer.removalUrl(),
                runId,
                Date.valueOf(Rows.utcDate(answer.askedAt())));
    }

    private static scala.collection.immutable.Seq<String> seq(List<String> values) {
        return scala.jdk.javaapi.CollectionConverters.asScala(values).toSeq();
    }
}
