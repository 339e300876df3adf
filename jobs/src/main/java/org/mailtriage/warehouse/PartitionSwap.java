package org.mailtriage.warehouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Crash-safe replacement of partitions ({@code table/column=value}). New rows are written by Spark into
 * {@code table/_staging-<scope>-<id>/} (readers skip names starting with {@code _}); only when that write
 * has committed is each partition swapped in by two renames: the old partition to
 * {@code table/_replaced-<scope>-<id>/}, the staged one to its place. A killed run therefore leaves
 * either the old partition, the new one, or (between the two renames) neither, never a partial one;
 * the next write of the same scope ({@link #recover}) finishes such a swap from the committed staging
 * folder or puts the old partition back, and removes stale staging folders.
 *
 * <p>The scope (usually the date being written) names the folders so a run recovers only what runs of
 * its own date left: runs of other dates may be writing the same table at the same time.
 */
public final class PartitionSwap {
    private static final String STAGING = "_staging-";
    private static final String REPLACED = "_replaced-";
    private static final String COMMITTED = "_SUCCESS";

    private PartitionSwap() {
    }

    /**
     * Writes the rows partitioned by {@code column} and swaps in every partition the write produced.
     * Partitions the rows do not touch stay as they are.
     */
    public static void replace(SparkSession spark, Dataset<Row> rows, Warehouse warehouse, String table, String column, String scope) {
        replace(spark, rows, warehouse, table, column, scope, java.util.Map.of());
    }

    /** As {@link #replace(SparkSession, Dataset, Warehouse, String, String, String)}, with Parquet writer options. */
    public static void replace(SparkSession spark, Dataset<Row> rows, Warehouse warehouse, String table, String column, String scope,
            java.util.Map<String, String> writeOptions) {
        Configuration configuration = spark.sparkContext().hadoopConfiguration();
        Path staging = beginStaging(configuration, warehouse, table, scope);
        rows.write().mode(SaveMode.Overwrite).options(writeOptions).partitionBy(column).parquet(staging.toString());
        swapIn(configuration, warehouse, table, column, staging);
    }

    /**
     * Repairs what killed runs of this scope left ({@link #recover}) and names a new staging folder for the table,
     * for writers that stage their files themselves ({@link #commitStaged}).
     */
    public static Path beginStaging(Configuration configuration, Warehouse warehouse, String table, String scope) {
        recover(configuration, warehouse, table, scope);
        return new Path(new Path(warehouse.table(table)), STAGING + scope + "-" + UUID.randomUUID());
    }

    /**
     * Commits a staging folder filled by tasks: files not in {@code keep} (left by failed or speculative task
     * attempts) are deleted, the commit marker written, then every staged partition swapped in.
     *
     * @param keep paths of the files the successful task attempts wrote
     */
    public static void commitStaged(Configuration configuration, Warehouse warehouse, String table, String column, Path staging,
            java.util.Collection<String> keep) {
        keepOnly(configuration, staging, keep);
        swapIn(configuration, warehouse, table, column, staging);
    }

    /**
     * Commits a staging folder filled by tasks into partitions that several writers share (quarantine under the day it
     * was read): each kept file moves into its partition named {@code <key>-<file>}, then the files an earlier commit of
     * the same key left in those partitions are deleted. So a rerun of the same inputs replaces its own rows and no other
     * input's. A crash between the moves and the deletes leaves both generations of the key until its next commit.
     *
     * @param key names one writer's rows, e.g. a digest of its input paths (letters, digits, '_' only)
     */
    public static void commitStagedByKey(Configuration configuration, Warehouse warehouse, String table, String column, Path staging,
            java.util.Collection<String> keep, String key) {
        if (!key.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("key must be letters, digits and '_': " + key);
        }
        keepOnly(configuration, staging, keep);
        RunPoints.reached(RunPoints.staged(table));
        Path tablePath = new Path(warehouse.table(table));
        String prefix = key + "-";
        try {
            FileSystem fileSystem = tablePath.getFileSystem(configuration);
            for (FileStatus partition : fileSystem.listStatus(staging, path -> path.getName().startsWith(column + "="))) {
                Path target = new Path(tablePath, partition.getPath().getName());
                fileSystem.mkdirs(target);
                java.util.Set<String> moved = new java.util.HashSet<>();
                for (FileStatus file : fileSystem.listStatus(partition.getPath(), path -> path.getName().endsWith(".parquet"))) {
                    String name = prefix + file.getPath().getName();
                    rename(fileSystem, file.getPath(), new Path(target, name));
                    moved.add(name);
                }
                for (FileStatus old : fileSystem.listStatus(target, path -> path.getName().startsWith(prefix))) {
                    if (!moved.contains(old.getPath().getName())) {
                        fileSystem.delete(old.getPath(), false);
                    }
                }
            }
            fileSystem.delete(staging, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot move the new rows into " + tablePath + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the files in staging that are not in {@code keep} (left by failed or speculative task attempts) and
     * writes the commit marker.
     */
    private static void keepOnly(Configuration configuration, Path staging, java.util.Collection<String> keep) {
        try {
            FileSystem fileSystem = staging.getFileSystem(configuration);
            java.util.Set<Path> kept = new java.util.HashSet<>();
            for (String file : keep) {
                kept.add(fileSystem.makeQualified(new Path(file)));
            }
            if (fileSystem.exists(staging)) {
                org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fileSystem.listFiles(staging, true);
                List<Path> strays = new ArrayList<>();
                while (files.hasNext()) {
                    Path file = fileSystem.makeQualified(files.next().getPath());
                    if (!kept.contains(file)) {
                        strays.add(file);
                    }
                }
                for (Path stray : strays) {
                    fileSystem.delete(stray, false);
                }
            }
            fileSystem.mkdirs(staging);
            fileSystem.create(new Path(staging, COMMITTED), true).close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot commit " + staging + ": " + e.getMessage(), e);
        }
    }

    /** Swaps every partition of a committed staging folder into the table (old one aside first), then removes the leftovers. */
    private static void swapIn(Configuration configuration, Warehouse warehouse, String table, String column, Path staging) {
        RunPoints.reached(RunPoints.staged(table));
        Path tablePath = new Path(warehouse.table(table));
        String id = staging.getName().substring(STAGING.length());
        try {
            FileSystem fileSystem = tablePath.getFileSystem(configuration);
            Path replaced = new Path(tablePath, REPLACED + id);
            for (FileStatus partition : fileSystem.listStatus(staging, path -> path.getName().startsWith(column + "="))) {
                Path target = new Path(tablePath, partition.getPath().getName());
                if (fileSystem.exists(target)) {
                    fileSystem.mkdirs(replaced);
                    rename(fileSystem, target, new Path(replaced, target.getName()));
                    RunPoints.reached(RunPoints.swapping(table));
                }
                rename(fileSystem, partition.getPath(), target);
            }
            fileSystem.delete(replaced, true);
            fileSystem.delete(staging, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot swap in the new partitions of " + tablePath + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends rows to their partitions: written to staging, then each file renamed into its partition.
     * Rows are first gathered into one file per partition value, so each partition gains all of them in
     * one rename or none.
     */
    public static void append(SparkSession spark, Dataset<Row> rows, Warehouse warehouse, String table, String column, String scope) {
        Configuration configuration = spark.sparkContext().hadoopConfiguration();
        Path tablePath = new Path(warehouse.table(table));
        recover(configuration, warehouse, table, scope);
        Path staging = new Path(tablePath, STAGING + scope + "-" + UUID.randomUUID());
        rows.repartition(org.apache.spark.sql.functions.col(column)).write().mode(SaveMode.Overwrite).partitionBy(column)
                .parquet(staging.toString());
        RunPoints.reached(RunPoints.staged(table));
        try {
            FileSystem fileSystem = tablePath.getFileSystem(configuration);
            for (FileStatus partition : fileSystem.listStatus(staging, path -> path.getName().startsWith(column + "="))) {
                Path target = new Path(tablePath, partition.getPath().getName());
                fileSystem.mkdirs(target);
                for (FileStatus file : fileSystem.listStatus(partition.getPath(), path -> path.getName().endsWith(".parquet"))) {
                    rename(fileSystem, file.getPath(), new Path(target, file.getPath().getName()));
                }
            }
            fileSystem.delete(staging, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot move the new rows into " + tablePath + ": " + e.getMessage(), e);
        }
    }

    /** Removes one partition: renamed aside first, so a crash leaves it whole (and the next run puts it back). */
    public static void remove(Configuration configuration, Warehouse warehouse, String table, String column, String value, String scope) {
        recover(configuration, warehouse, table, scope);
        Path tablePath = new Path(warehouse.table(table));
        Path partition = new Path(tablePath, column + "=" + value);
        try {
            FileSystem fileSystem = tablePath.getFileSystem(configuration);
            if (!fileSystem.exists(partition)) {
                return;
            }
            Path replaced = new Path(tablePath, REPLACED + scope + "-" + UUID.randomUUID());
            fileSystem.mkdirs(replaced);
            rename(fileSystem, partition, new Path(replaced, partition.getName()));
            fileSystem.delete(replaced, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove partition " + partition + ": " + e.getMessage(), e);
        }
    }

    /**
     * Repairs what a killed write of this scope left: a partition moved aside but not replaced gets the
     * committed staged partition, or else its old self, back; then the leftovers are deleted.
     *
     * @return the partitions put back in place (finished or restored), for the run's log
     */
    public static List<String> recover(Configuration configuration, Warehouse warehouse, String table, String scope) {
        Path tablePath = new Path(warehouse.table(table));
        List<String> repaired = new ArrayList<>();
        try {
            FileSystem fileSystem = tablePath.getFileSystem(configuration);
            if (!fileSystem.exists(tablePath)) {
                return repaired;
            }
            String prefix = scope + "-";
            for (FileStatus replaced : fileSystem.listStatus(tablePath, path -> path.getName().startsWith(REPLACED + prefix))) {
                String id = replaced.getPath().getName().substring(REPLACED.length());
                Path staging = new Path(tablePath, STAGING + id);
                boolean committed = fileSystem.exists(new Path(staging, COMMITTED));
                for (FileStatus old : fileSystem.listStatus(replaced.getPath())) {
                    Path target = new Path(tablePath, old.getPath().getName());
                    if (fileSystem.exists(target)) {
                        continue;
                    }
                    Path staged = new Path(staging, target.getName());
                    if (committed && fileSystem.exists(staged)) {
                        rename(fileSystem, staged, target);
                        repaired.add(table + "/" + target.getName() + " (swap finished)");
                    } else {
                        rename(fileSystem, old.getPath(), target);
                        repaired.add(table + "/" + target.getName() + " (old partition restored)");
                    }
                }
                fileSystem.delete(replaced.getPath(), true);
            }
            for (FileStatus staging : fileSystem.listStatus(tablePath, path -> path.getName().startsWith(STAGING + prefix))) {
                fileSystem.delete(staging.getPath(), true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot recover " + tablePath + " from an interrupted run: " + e.getMessage(), e);
        }
        if (!repaired.isEmpty()) {
            System.err.println("mailtriage: recovered from an interrupted run: " + String.join(", ", repaired));
        }
        return repaired;
    }

    private static void rename(FileSystem fileSystem, Path from, Path to) throws IOException {
        if (!fileSystem.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
