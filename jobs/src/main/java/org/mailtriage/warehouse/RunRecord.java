package org.mailtriage.warehouse;

import static java.util.Objects.requireNonNull;
import static org.mailtriage.model.ColumnType.BOOLEAN;
import static org.mailtriage.model.ColumnType.LONG;
import static org.mailtriage.model.ColumnType.TEXT;
import static org.mailtriage.model.ColumnType.TEXT_LIST;
import static org.mailtriage.model.ColumnType.TIMESTAMP;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.mailtriage.ingest.InputCounts;
import org.mailtriage.model.Column;

/** One row of the runs table: what a run read, what it made of it, and how it ended. */
public record RunRecord(
        String runId,
        String command,
        String version,
        Instant startedAt,
        Instant finishedAt,
        List<String> inputs,
        long filesRead,
        long filesUnrecognised,
        InputCounts counts,
        long quarantinedWritten,
        Long dnsQuestionsAsked,
        Long dnsAnswersCached,
        Long dnsQuestionsFailed,
        String outcome,
        String message,
        List<StepTimer.Step> steps) {

    /**
     * The runs table's columns without its partition column (run_date): the one list its schema and rows are derived from.
     */
    public static final List<Column<RunRecord>> COLUMNS = List.of(
            Column.of("run_id", TEXT, false, RunRecord::runId),
            Column.of("command", TEXT, false, RunRecord::command),
            Column.of("version", TEXT, false, RunRecord::version),
            Column.of("started_at", TIMESTAMP, false, RunRecord::startedAt),
            Column.of("finished_at", TIMESTAMP, false, RunRecord::finishedAt),
            Column.of("duration_ms", LONG, false, run -> Duration.between(run.startedAt(), run.finishedAt()).toMillis()),
            Column.of("inputs", TEXT_LIST, false, RunRecord::inputs),
            Column.of("files_read", LONG, false, RunRecord::filesRead),
            Column.of("files_unrecognised", LONG, false, RunRecord::filesUnrecognised),
            Column.of("lines_read", LONG, false, run -> run.counts().linesRead()),
            Column.of("lines_with_events", LONG, false, run -> run.counts().linesWithEvents()),
            Column.of("lines_ignored", LONG, false, run -> run.counts().linesIgnored()),
            Column.of("lines_quarantined", LONG, false, run -> run.counts().linesQuarantined()),
            Column.of("emails_read", LONG, false, run -> run.counts().emailsRead()),
            Column.of("emails_with_events", LONG, false, run -> run.counts().emailsWithEvents()),
            Column.of("emails_not_bounces", LONG, false, run -> run.counts().emailsNotBounces()),
            Column.of("emails_quarantined", LONG, false, run -> run.counts().emailsQuarantined()),
            Column.of("events_written", LONG, false, run -> run.counts().events()),
            Column.of("quarantined_written", LONG, false, RunRecord::quarantinedWritten),
            Column.of("counts_balance", BOOLEAN, false, run -> run.counts().balanced()),
            Column.of("dns_questions_asked", LONG, true, RunRecord::dnsQuestionsAsked),
            Column.of("dns_answers_cached", LONG, true, RunRecord::dnsAnswersCached),
            Column.of("dns_questions_failed", LONG, true, RunRecord::dnsQuestionsFailed),
            Column.of("outcome", TEXT, false, RunRecord::outcome),
            Column.of("message", TEXT, true, RunRecord::message),
            // Where the run's time went, step by step; a nightly's ingest row starts with the process and Spark start.
            Column.records("steps", true, RunRecord::steps, StepTimer.Step.COLUMNS));

    public RunRecord {
        requireNonNull(runId, "runId is null");
        requireNonNull(command, "command is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        inputs = List.copyOf(inputs);
        requireNonNull(counts, "counts is null");
        requireNonNull(outcome, "outcome is null");
        steps = List.copyOf(steps);
    }

    /** Without step timings. */
    public RunRecord(String runId, String command, String version, Instant startedAt, Instant finishedAt, List<String> inputs,
            long filesRead, long filesUnrecognised, InputCounts counts, long quarantinedWritten, Long dnsQuestionsAsked,
            Long dnsAnswersCached, Long dnsQuestionsFailed, String outcome, String message) {
        this(runId, command, version, startedAt, finishedAt, inputs, filesRead, filesUnrecognised, counts, quarantinedWritten,
                dnsQuestionsAsked, dnsAnswersCached, dnsQuestionsFailed, outcome, message, List.of());
    }

    public Row toRow() {
        return Rows.of(COLUMNS, this, Rows.utcDate(startedAt));
    }
}
