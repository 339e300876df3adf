package org.mailtriage.model;

/** The value types a column of an output table holds; the warehouse maps each to its Spark and Parquet type. */
public enum ColumnType {
    /** A {@code String}. */
    TEXT,
    /** A {@code Long}. */
    LONG,
    /** An {@code Integer}. */
    INTEGER,
    /** An {@code Instant}. */
    TIMESTAMP
}
