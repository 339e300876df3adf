package org.mailtriage.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one way the jobs get a session. Under spark-submit the master comes from the submit; run
 * directly (the launcher script), it is embedded local Spark on all cores.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName) {
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
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
        session.conf().set("spark.sql.debug.maxToStringFields", "200");
    }
}
