package org.mailtriage.testing;

import org.apache.spark.sql.SparkSession;
import org.mailtriage.jobs.SparkSessions;

/** The one local SparkSession all Spark tests share (local[2], few shuffle partitions, no UI). */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("mailtriage-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.debug.maxToStringFields", "200")
                    .getOrCreate();
            SparkSessions.configure(session);
        }
        return session;
    }
}
