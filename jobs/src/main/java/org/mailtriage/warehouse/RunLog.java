package org.mailtriage.warehouse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Appends runs rows (partitioned by run_date). Runs are history: never overwritten.
 *
 * <p>Two runs (of different days) may append at the same time. Spark's plain append into one folder
 * shares {@code runs/_temporary}, and the first job to finish deletes it under the other; so each
 * row is written to its own staging folder and its one file renamed into the partition (a single
 * rename: the row is there whole or not at all). A run killed before the rename leaves its staging
 * folder behind (readers skip it); folders older than a day are removed by later appends.
 */
public final class RunLog {
    /** No append takes this long: a staging folder this old belongs to a killed run. */
    private static final Duration STALE_STAGING = Duration.ofDays(1);

    private RunLog() {
    }

    public static void append(SparkSession spark, Warehouse warehouse, RunRecord run) {
        Path table = new Path(warehouse.table("runs"));
        Path staging = new Path(table, "_staging_" + UUID.randomUUID());
        spark.createDataFrame(List.of(run.toRow()), Schemas.RUNS)
                .coalesce(1)
                .write().mode(SaveMode.Overwrite).partitionBy("run_date").parquet(staging.toString());
        try {
            FileSystem fileSystem = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (FileStatus partition : fileSystem.listStatus(staging, path -> path.getName().startsWith("run_date="))) {
                Path target = new Path(table, partition.getPath().getName());
                fileSystem.mkdirs(target);
                for (FileStatus file : fileSystem.listStatus(partition.getPath(), path -> path.getName().endsWith(".parquet"))) {
                    Path destination = new Path(target, file.getPath().getName());
                    if (!fileSystem.rename(file.getPath(), destination)) {
                        throw new IOException("cannot move " + file.getPath() + " to " + destination);
                    }
                }
            }
            fileSystem.delete(staging, true);
            long staleBefore = System.currentTimeMillis() - STALE_STAGING.toMillis();
            for (FileStatus stale : fileSystem.listStatus(table, path -> path.getName().startsWith("_staging_"))) {
                if (stale.getModificationTime() < staleBefore) {
                    fileSystem.delete(stale.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot add the runs row of " + run.runId() + ": " + e.getMessage(), e);
        }
    }
}
