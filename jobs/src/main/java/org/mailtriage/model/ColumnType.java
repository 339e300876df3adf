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
    TIMESTAMP,
    /** A {@code Boolean}. */
    BOOLEAN,
    /** A {@code LocalDate}. */
    DATE,
    /** A {@code List<String>} without nulls. */
    TEXT_LIST,
    /** A {@code List} of records without nulls, each written as a struct of the column's {@link Column#fields()}. */
    RECORD_LIST
}
