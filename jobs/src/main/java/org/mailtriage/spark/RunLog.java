package org.mailtriage.spark;

import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Appends runs rows (partitioned by run_date). Runs are history: never overwritten. */
public final class RunLog {
    private RunLog() {
    }

    public static void append(SparkSession spark, Warehouse warehouse, RunRecord run) {
        spark.createDataFrame(List.of(run.toRow()), Schemas.RUNS)
                .coalesce(1)
                .write().mode(SaveMode.Append).partitionBy("run_date").parquet(warehouse.table("runs"));
    }
}
