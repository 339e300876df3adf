package org.mailtriage.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.ingest.EventClassifier;
import org.mailtriage.ingest.IngestItem;
import org.mailtriage.ingest.LogChunkReader;
import org.mailtriage.ingest.PostfixParser;
import org.mailtriage.ingest.ServerDirectory;
import org.mailtriage.model.SourceFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The line path of one task, without Spark: bytes → pre-filter → parse → classify, over 16 MB of
 * generated Postfix log held in memory. Score = operations (whole buffers) per second; multiply by
 * {@link #BUFFER_MB} for MB/s per core, or by the line count printed at setup for lines/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class LinePathBenchmark {
    static final int BUFFER_MB = 16;
    private byte[] log;
    private EventClassifier classifier;
    private PostfixParser parser;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(BUFFER_MB << 20);
        long written = new PostfixLogGenerator(42).writeTo(out, (long) BUFFER_MB << 20);
        log = out.toByteArray();
        classifier = new ClassifyStage(Classifier.withDefaultRules());
        parser = new PostfixParser(ServerDirectory.empty());
        long lines = 0;
        for (byte value : log) {
            if (value == '\n') {
                lines++;
            }
        }
        System.out.printf("%n%d bytes, %d lines per operation%n", written, lines);
    }

    @Benchmark
    public long prefilterParseClassify(Blackhole blackhole) {
        LogChunkReader reader = new LogChunkReader(new ByteArrayInputStream(log), 0, Long.MAX_VALUE, "bench.log", SourceFormat.POSTFIX,
                parser, classifier, LocalDate.of(2026, 11, 27), ZoneOffset.UTC);
        long events = 0;
        while (reader.hasNext()) {
            IngestItem item = reader.next();
            if (item.event() != null) {
                events++;
                blackhole.consume(item.event());
            }
        }
        return events;
    }

    @Benchmark
    public long prefilterOnly() {
        long matches = 0;
        int start = 0;
        for (int index = 0; index < log.length; index++) {
            if (log[index] == '\n') {
                if (parser.prefilter().matches(log, start, index)) {
                    matches++;
                }
                start = index + 1;
            }
        }
        return matches;
    }
}
