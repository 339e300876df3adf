package org.mailtriage.warehouse;

import static java.util.Objects.requireNonNull;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mailtriage.ingest.InputCounts;

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
        return RowFactory.create(
                runId, command, version, Timestamp.from(startedAt), Timestamp.from(finishedAt),
                Duration.between(startedAt, finishedAt).toMillis(),
                scala.jdk.javaapi.CollectionConverters.asScala(inputs).toSeq(),
                filesRead, filesUnrecognised,
                counts.linesRead(), counts.linesWithEvents(), counts.linesIgnored(), counts.linesQuarantined(),
                counts.emailsRead(), counts.emailsWithEvents(), counts.emailsNotBounces(), counts.emailsQuarantined(),
                counts.events(), quarantinedWritten, counts.balanced(),
                dnsQuestionsAsked, dnsAnswersCached, dnsQuestionsFailed, outcome, message,
                scala.jdk.javaapi.CollectionConverters.asScala(steps.stream()
                        .map(step -> RowFactory.create(step.name(), step.millis())).toList()).toSeq(),
                Date.valueOf(Rows.utcDate(startedAt)));
    }
}
