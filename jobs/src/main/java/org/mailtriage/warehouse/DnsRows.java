package org.mailtriage.warehouse;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mailtriage.dns.CheckKind;
import org.mailtriage.dns.DnsAnswer;
import org.mailtriage.dns.ErrorKind;
import org.mailtriage.dns.Outcome;
import org.mailtriage.dns.SubjectKind;
import org.mailtriage.model.Column;

/**
 * {@link DnsAnswer} ↔ a dns_answers row: written from {@link DnsAnswer#COLUMNS} (the order of {@link Schemas#DNS_ANSWERS}),
 * read back by field name (from the whole table or a projection of it).
 */
public final class DnsRows {
    private DnsRows() {
    }

    /** The answer's row: its columns, the run that asked, the date it was asked. */
    public static Row of(DnsAnswer answer, String runId) {
        List<Column<DnsAnswer>> columns = DnsAnswer.COLUMNS;
        Object[] values = new Object[columns.size() + 2];
        Rows.putExternal(columns, answer, values, 0);
        values[columns.size()] = runId;
        values[columns.size() + 1] = Date.valueOf(Rows.utcDate(answer.askedAt()));
        return RowFactory.create(values);
    }

    /** A dns_answers row (or a projection of it: question, resolver and ttl may be left out) → its answer. */
    public static DnsAnswer answer(Row row) {
        String errorKind = row.getAs("error_kind");
        return new DnsAnswer(
                row.getAs("subject"),
                SubjectKind.parse(row.getAs("subject_kind")),
                CheckKind.fromLabel(row.getAs("check")),
                row.getAs("zone"),
                row.getAs("peer_ip"),
                optional(row, "question"),
                Outcome.fromLabel(row.getAs("outcome")),
                strings(row, "return_codes"),
                row.getAs("meaning"),
                row.getAs("txt"),
                strings(row, "answers"),
                errorKind == null ? null : ErrorKind.fromLabel(errorKind),
                optional(row, "resolver"),
                row.<Timestamp>getAs("asked_at").toInstant(),
                optional(row, "ttl"),
                row.getAs("removal_url"));
    }

    private static <T> T optional(Row row, String field) {
        return Arrays.asList(row.schema().fieldNames()).contains(field) ? row.getAs(field) : null;
    }

    private static List<String> strings(Row row, String field) {
        int index = row.fieldIndex(field);
        if (row.isNullAt(index)) {
            return List.of();
        }
        List<String> values = row.getList(index);
        return values.stream().filter(value -> value != null).toList();
    }
}
