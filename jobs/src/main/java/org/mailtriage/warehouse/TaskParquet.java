package org.mailtriage.warehouse;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetOptions;
import org.apache.spark.sql.execution.datasources.parquet.ParquetUtils;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet files of one table written straight from the tasks that make the rows, with Spark's own Parquet
 * writer (the one {@code DataFrameWriter.parquet} uses, prepared on the driver with the session's settings),
 * fed {@link InternalRow}s: no Row encoder, no cache, no second job. Files land in a staging folder,
 * {@code column=value/part-…}; each task returns the files it closed, so the driver keeps exactly the files of
 * successful task attempts (a retried or speculative attempt's files are not listed) before
 * {@link PartitionSwap#commitStaged} swaps the partitions in.
 */
public final class TaskParquet implements Serializable {
    private final OutputWriterFactory factory;
    private final HadoopConf conf;
    private final StructType dataSchema;
    private final String partitionColumn;
    private final String staging;

    private TaskParquet(OutputWriterFactory factory, HadoopConf conf, StructType dataSchema, String partitionColumn, String staging) {
        this.factory = factory;
        this.conf = conf;
        this.dataSchema = dataSchema;
        this.partitionColumn = partitionColumn;
        this.staging = staging;
    }

    /**
     * @param tableSchema the table's schema with the partition column last (as in {@link Schemas})
     * @param writeOptions Parquet writer options, as {@code DataFrameWriter.options} would take them
     */
    public static TaskParquet prepare(SparkSession spark, StructType tableSchema, String partitionColumn, String staging,
            Map<String, String> writeOptions) {
        StructField[] fields = tableSchema.fields();
        if (!fields[fields.length - 1].name().equals(partitionColumn)) {
            throw new IllegalArgumentException("partition column " + partitionColumn + " is not the last column of " + tableSchema.simpleString());
        }
        StructType dataSchema = new StructType(java.util.Arrays.copyOf(fields, fields.length - 1));
        scala.collection.immutable.Map<String, String> options = scala.collection.immutable.Map.from(
                scala.jdk.javaapi.CollectionConverters.asScala(writeOptions));
        try {
            Configuration configuration = spark.sessionState().newHadoopConfWithOptions(options);
            Job job = Job.getInstance(configuration);
            OutputWriterFactory factory = ParquetUtils.prepareWrite(spark.sessionState().conf(), job, dataSchema,
                    new ParquetOptions(options, spark.sessionState().conf()));
            return new TaskParquet(factory, new HadoopConf(job.getConfiguration()), dataSchema, partitionColumn, staging);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot prepare the Parquet write to " + staging + ": " + e.getMessage(), e);
        }
    }

    /** Opens the writers of one task; one file per partition value it meets. */
    public Writers open() {
        return new Writers();
    }

    /** The writers of one task attempt. Not thread-safe: one task, one thread. */
    public final class Writers implements Closeable {
        private final Map<String, OutputWriter> open = new LinkedHashMap<>();
        private final List<String> closed = new ArrayList<>();
        private final TaskAttemptContext context;
        private final String filePrefix;
        private long rows;

        private Writers() {
            TaskContext task = TaskContext.get();
            int partition = task == null ? 0 : task.partitionId();
            int attempt = task == null ? 0 : task.attemptNumber();
            context = new TaskAttemptContextImpl(conf.get(), new TaskAttemptID("mailtriage", 0, TaskType.MAP, partition, attempt));
            filePrefix = String.format("part-%05d-%d-%s", partition, attempt, UUID.randomUUID());
        }

        /** @param partitionValue the partition column's value as it appears in the folder name (a date: yyyy-MM-dd) */
        public void write(String partitionValue, InternalRow row) {
            requireNonNull(partitionValue, "partitionValue is null");
            OutputWriter writer = open.get(partitionValue);
            if (writer == null) {
                String path = staging + "/" + partitionColumn + "=" + partitionValue + "/" + filePrefix + ".c000"
                        + factory.getFileExtension(context);
                writer = factory.newInstance(path, dataSchema, context);
                open.put(partitionValue, writer);
            }
            writer.write(row);
            rows++;
        }

        long rows() {
            return rows;
        }

        /** Closes every file and returns their paths. */
        public List<String> finish() {
            close();
            return List.copyOf(closed);
        }

        @Override
        public void close() {
            RuntimeException failure = null;
            for (OutputWriter writer : open.values()) {
                try {
                    writer.close();
                    closed.add(writer.path());
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            open.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
