package org.mailtriage.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A digest of a warehouse table's rows, independent of file layout and row order: every row as JSON (columns in
 * schema order, the excluded ones dropped), sorted, SHA-256. Two builds that write the same rows print the same line.
 * Used to prove a change kept the outputs (BENCHMARKS.md).
 *
 * <pre>java &lt;Spark flags&gt; -cp bench/target/benchmarks.jar:jobs/target/lib/* org.mailtriage.bench.TableDigest WAREHOUSE TABLE[-COLUMN,COLUMN…] …</pre>
 *
 * e.g. {@code quarantine-run_id} digests quarantine without its run id (new on every run).
 */
public final class TableDigest {
    private TableDigest() {
    }

    public static void main(String[] args) throws NoSuchAlgorithmException {
        if (args.length < 2) {
            System.err.println("usage: TableDigest WAREHOUSE TABLE[-COLUMN,COLUMN...] ...");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        try {
            for (int index = 1; index < args.length; index++) {
                String[] parts = args[index].split("-", 2);
                Dataset<Row> table = spark.read().parquet(args[0] + "/" + parts[0]);
                if (parts.length > 1) {
                    table = table.drop(parts[1].split(","));
                }
                List<String> rows = new ArrayList<>(table.select(to_json(struct(col("*")))).as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList());
                rows.sort(null);
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (String row : rows) {
                    digest.update(row.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                }
                System.out.printf("%s: %d rows, sha256 %s%n", args[index], rows.size(), HexFormat.of().formatHex(digest.digest()));
            }
        } finally {
            spark.stop();
        }
    }
}
