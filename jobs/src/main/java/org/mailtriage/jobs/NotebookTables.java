package org.mailtriage.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mailtriage.report.HtmlTable;
import scala.jdk.javaapi.CollectionConverters;

/** What the notebooks' {@code show} displays: the first rows of a query as an {@link HtmlTable}. */
public final class NotebookTables {
    private NotebookTables() {
    }

    public static String html(Dataset<Row> rows, int maxRows) {
        List<Row> taken = rows.limit(maxRows + 1).collectAsList();
        List<List<Object>> values = new ArrayList<>();
        for (Row row : taken.subList(0, Math.min(maxRows, taken.size()))) {
            List<Object> cells = new ArrayList<>();
            for (int index = 0; index < row.size(); index++) {
                cells.add(plain(row.get(index)));
            }
            values.add(cells);
        }
        return HtmlTable.render(Arrays.asList(rows.columns()), values, taken.size() > maxRows);
    }

    /** Spark's nested values (Row for a struct, Scala collections for arrays and maps) as Java ones. */
    private static Object plain(Object value) {
        if (value instanceof Row struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            String[] names = struct.schema().fieldNames();
            for (int index = 0; index < struct.size(); index++) {
                fields.put(names[index], plain(struct.get(index)));
            }
            return fields;
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            CollectionConverters.asJava(map).forEach((key, item) -> entries.put(plain(key), plain(item)));
            return entries;
        }
        if (value instanceof scala.collection.Iterable<?> items) {
            List<Object> list = new ArrayList<>();
            CollectionConverters.asJava(items).forEach(item -> list.add(plain(item)));
            return list;
        }
        return value;
    }
}
