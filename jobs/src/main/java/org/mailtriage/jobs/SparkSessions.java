package org.mailtriage.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one way the jobs get a session. Under spark-submit the master comes from the submit; run
 * directly (the launcher script), it is embedded local Spark on all cores.
 */
public final class SparkSessions {
    private static final String REDACTION_REGEX = "spark.redaction.regex";
    /** Spark's own default for spark.redaction.regex (config.SECRET_REDACTION_PATTERN). */
    private static final String SPARK_DEFAULT_REDACTION = "(?i)secret|password|token|access[.]?key";
    /**
     * The DQS key handed to executors ({@code spark.executorEnv.SPAMHAUS_DQS_KEY}) is not matched by
     * Spark's default pattern, so the event log and the UI would show it in the clear.
     */
    private static final String DQS_KEY_SETTING = "(?i:dqs[._-]?key)";

    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName) {
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config(REDACTION_REGEX, submitted.get(REDACTION_REGEX, SPARK_DEFAULT_REDACTION) + "|" + DQS_KEY_SETTING);
        if (!submitted.contains("spark.master")) {
            builder.master("local[*]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "8");
        }
        SparkSession session = builder.getOrCreate();
        configure(session);
        return session;
    }

    /** Settings every job relies on, whoever created the session. */
    public static void configure(SparkSession session) {
        // A rerun replaces exactly the date partitions it writes and leaves the others alone.
        session.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        session.conf().set("spark.sql.session.timeZone", "UTC");
        // Spark's default INT96 timestamps come out of pyarrow, pandas and polars as naive (zone-less) values;
        // TIMESTAMP_MICROS is marked UTC-adjusted, so every reader sees an instant in UTC.
        session.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        session.conf().set("spark.sql.debug.maxToStringFields", "200");
        // A task's rows fall in one or two date partitions: write them with open writers instead of sorting them first.
        session.conf().set("spark.sql.maxConcurrentOutputFileWriters", "8");
    }
}
