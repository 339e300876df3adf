package org.mailtriage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.ingest.bounce.BounceClassifier;
import org.mailtriage.ingest.bounce.BounceParser;
import org.mailtriage.ingest.bounce.BounceRecipient;
import org.mailtriage.ingest.bounce.BounceReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The DSN/bounce parser on whole emails held in memory: MIME walk, RFC 3464 fields, notice texts,
 * returned headers, then (second benchmark) each recipient classified. Score = emails per second per
 * core (one thread). Emails: every file of {@code -p corpus=DIR} (default: the Sisimai corpus at
 * /work/shared/corpus/sisimai/emails, else data-samples/bounces), run in turn.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class BounceParserBenchmark {
    @Param({""})
    public String corpus;

    private List<byte[]> emails;
    private BounceClassifier classifier;
    private int next;

    @Setup
    public void setUp() throws IOException {
        Path directory = corpusDirectory();
        try (Stream<Path> files = Files.walk(directory)) {
            emails = new ArrayList<>();
            files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".eml")).sorted().forEach(file -> {
                try {
                    emails.add(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        if (emails.isEmpty()) {
            throw new IllegalStateException("no .eml files under " + directory);
        }
        classifier = new ClassifyStage(Classifier.withDefaultRules());
        long bytes = emails.stream().mapToLong(email -> email.length).sum();
        System.out.printf("%n%d emails (%d bytes) from %s%n", emails.size(), bytes, directory);
    }

    private Path corpusDirectory() {
        if (!corpus.isEmpty()) {
            return Path.of(corpus);
        }
        Path sisimai = Path.of("/work/shared/corpus/sisimai/emails");
        return Files.isDirectory(sisimai) ? sisimai : Path.of("data-samples/bounces");
    }

    private byte[] nextEmail() {
        byte[] email = emails.get(next);
        next = next + 1 == emails.size() ? 0 : next + 1;
        return email;
    }

    @Benchmark
    public BounceReport parse() {
        return BounceParser.parse(nextEmail());
    }

    @Benchmark
    public void parseAndClassify(Blackhole blackhole) {
        BounceReport report = BounceParser.parse(nextEmail());
        for (BounceRecipient recipient : report.recipients()) {
            blackhole.consume(classifier.classify(recipient));
        }
    }
}
