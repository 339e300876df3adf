package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.ingest.ExpansionLimit;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.SharedSpark;
import org.mailtriage.warehouse.Warehouse;

/**
 * The hostile-input corpus (jobs/src/test/resources/hostile, listed in its _manifest.csv) through the real ingest
 * job, in one run: the job must finish, every line and email read must be counted as parsed, ignored or
 * quarantined with the counts balancing exactly, and each file must meet the outcome its manifest row expects.
 * Small files are committed as they are; big ones are committed gzipped (hostile-compressed/) or made here
 * ("generated" rows), as are the FIFO, the symlink loops and the directory named like a log.
 */
class HostileCorpusTest {
    /** Low enough that the generated 64 MiB bomb trips it; the legitimate 200x file stays under the 500x ratio. */
    private static final ExpansionLimit LIMIT = new ExpansionLimit(ExpansionLimit.DEFAULT_MAX_RATIO, 8L * 1024 * 1024);

    @TempDir
    Path temporary;

    @Test
    void theManifestListsEveryCommittedFileAndNothingElse() throws IOException {
        List<CSVRecord> rows = manifest();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
        assertThat(rows).allSatisfy(row -> assertThat(row.get("tests")).as(row.get("file")).isNotBlank());
        assertThat(names(rows, "committed")).isEqualTo(filesUnder(resources("hostile"), "_manifest.csv"));
        assertThat(names(rows, "compressed")).isEqualTo(filesUnder(resources("hostile-compressed"), null).stream()
                .map(name -> name.substring(0, name.length() - ".gz".length())).collect(Collectors.toCollection(TreeSet::new)));
        Path corpus = buildCorpus();
        Set<String> expected = new TreeSet<>();
        rows.forEach(row -> expected.add(row.get("file")));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            walk.filter(path -> !path.equals(corpus))
                    .filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || path.getFileName().toString().endsWith(".log"))
                    .forEach(path -> present.add(corpus.relativize(path).toString()));
        }
        present.remove("_manifest.csv");
        assertThat(present).isEqualTo(expected);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theIngestJobReadsTheWholeCorpusWithBalancedCountsAndEachFilesExpectedOutcome() throws IOException {
        Path corpus = buildCorpus();
        SparkSession spark = SharedSpark.session();
        Warehouse warehouse = new Warehouse(temporary.resolve("warehouse").toString());
        IngestJob.Options options = new IngestJob.Options(List.of(corpus.toString()), warehouse, null, LocalDate.of(2026, 11, 26),
                ZoneOffset.UTC, null, null, LocalDate.of(2026, 11, 27), null, 1024 * 1024, LIMIT);

        IngestJob.Result result = IngestJob.run(spark, options, "hostile");

        Row run = spark.read().parquet(warehouse.table("runs")).collectAsList().get(0);
        long linesRead = run.getAs("lines_read");
        long emailsRead = run.getAs("emails_read");
        assertThat(run.<Boolean>getAs("counts_balance")).isTrue();
        assertThat(run.<String>getAs("outcome")).isEqualTo("success");
        assertThat(run.<Long>getAs("lines_with_events") + run.<Long>getAs("lines_ignored") + run.<Long>getAs("lines_quarantined")).isEqualTo(linesRead);
        assertThat(run.<Long>getAs("emails_with_events") + run.<Long>getAs("emails_not_bounces") + run.<Long>getAs("emails_quarantined"))
                .isEqualTo(emailsRead);
        List<Row> events = spark.read().parquet(warehouse.table("events")).select("source_file").collectAsList();
        List<Row> quarantine = spark.read().parquet(warehouse.table("quarantine")).select("source_file", "reason").collectAsList();
        assertThat((long) events.size()).isEqualTo(run.<Long>getAs("events_written")).isEqualTo(result.counts().events());
        // quarantined_written counts quarantined lines and emails; an Exchange record spanning lines is one row for several lines.
        assertThat(run.<Long>getAs("quarantined_written")).isEqualTo(run.<Long>getAs("lines_quarantined") + run.<Long>getAs("emails_quarantined"));
        assertThat((long) quarantine.size()).isPositive().isLessThanOrEqualTo(run.<Long>getAs("quarantined_written"));

        Map<String, Integer> eventsPerFile = new HashMap<>();
        events.forEach(row -> eventsPerFile.merge(relative(corpus, row.getString(0)), 1, Integer::sum));
        Map<String, List<String>> reasonsPerFile = new HashMap<>();
        quarantine.forEach(row -> reasonsPerFile.computeIfAbsent(relative(corpus, row.getString(0)), key -> new ArrayList<>()).add(row.getString(1)));
        Set<String> unrecognised = result.unrecognised().stream().map(path -> relative(corpus, path)).collect(Collectors.toSet());
        Set<String> planned = new TreeSet<>();
        result.unrecognised().forEach(path -> planned.add(relative(corpus, path)));
        result.unreadable().forEach(file -> planned.add(relative(corpus, file.path())));
        eventsPerFile.keySet().forEach(planned::add);
        reasonsPerFile.keySet().forEach(planned::add);

        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (CSVRecord row : manifest()) {
            String file = row.get("file");
            int eventCount = eventsPerFile.getOrDefault(file, 0);
            List<String> reasons = reasonsPerFile.getOrDefault(file, List.of());
            table.append(String.format("%-60s events=%-6d quarantined=%-5d %s %s%n", file, eventCount, reasons.size(),
                    unrecognised.contains(file) ? "UNRECOGNISED" : "", reasons.stream().distinct().limit(3).toList()));
            for (String clause : row.get("expected").split(";")) {
                String problem = check(clause.trim(), eventCount, reasons, unrecognised.contains(file), planned.contains(file));
                if (problem != null) {
                    failures.add(file + ": expected " + clause.trim() + " but " + problem);
                }
            }
        }
        System.out.printf("hostile corpus: %d manifest rows; lines read %d (with events %d, ignored %d, quarantined %d); emails read %d "
                + "(with events %d, not bounces %d, quarantined %d); events %d; quarantine rows %d; unrecognised %d; unreadable %d%n%s",
                manifest().size(), linesRead, run.<Long>getAs("lines_with_events"), run.<Long>getAs("lines_ignored"),
                run.<Long>getAs("lines_quarantined"), emailsRead, run.<Long>getAs("emails_with_events"), run.<Long>getAs("emails_not_bounces"),
                run.<Long>getAs("emails_quarantined"), events.size(), quarantine.size(), result.unrecognised().size(), result.unreadable().size(), table);
        assertThat(failures).isEmpty();
    }

    /** One clause of a manifest row's expected outcome; null when it holds, else what was seen. */
    private static String check(String clause, int events, List<String> reasons, boolean unrecognised, boolean planned) {
        if (clause.isEmpty()) {
            return null;
        }
        if (clause.equals("unrecognised")) {
            return unrecognised ? null : "it was read";
        }
        if (clause.equals("not_read")) {
            return planned ? "it was read or reported" : null;
        }
        if (clause.startsWith("reason:")) {
            String wanted = clause.substring("reason:".length());
            return reasons.stream().anyMatch(reason -> reason.contains(wanted)) ? null : "reasons were " + reasons.stream().distinct().toList();
        }
        String[] parts = clause.split("(?<=[a-z])(?=[<>=])", 2);
        String operator = parts[1].replaceAll("\\d+$", "");
        long wanted = Long.parseLong(parts[1].substring(operator.length()));
        long seen = switch (parts[0]) {
            case "events" -> events;
            case "quarantine" -> reasons.size();
            default -> throw new IllegalArgumentException("unknown manifest clause " + clause);
        };
        boolean holds = switch (operator) {
            case "=" -> seen == wanted;
            case ">=" -> seen >= wanted;
            case "<=" -> seen <= wanted;
            default -> throw new IllegalArgumentException("unknown operator in " + clause);
        };
        return holds ? null : parts[0] + " were " + seen + (reasons.isEmpty() ? "" : " " + reasons.stream().distinct().toList());
    }

    /** The corpus in a temporary directory: committed files, unpacked big ones, and the generated and special ones. */
    private Path buildCorpus() throws IOException {
        Path corpus = temporary.resolve("corpus");
        copyTree(resources("hostile"), corpus);
        try (Stream<Path> packed = Files.walk(resources("hostile-compressed"))) {
            for (Path file : packed.filter(Files::isRegularFile).toList()) {
                String name = resources("hostile-compressed").relativize(file).toString();
                Path target = corpus.resolve(name.substring(0, name.length() - ".gz".length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    Files.copy(in, target);
                }
            }
        }
        String baseline = Files.readString(corpus.resolve("postfix-valid-baseline.log"));
        String bounce = baseline.lines().filter(line -> line.contains("status=bounced")).findFirst().orElseThrow();

        StringBuilder tenMegabyteLine = new StringBuilder(baseline);
        tenMegabyteLine.append(bounce, 0, bounce.indexOf("said:") + 6).append("x".repeat(10 * 1024 * 1024)).append('\n').append(baseline);
        Files.writeString(corpus.resolve("postfix-10mb-line.log"), tenMegabyteLine.toString());
        writeHugeMbox(corpus.resolve("mbox-one-huge-message.mbox"), Files.readString(corpus.resolve("eml-valid-dsn-baseline.eml")));
        Path bomb = corpus.resolve("postfix-gzip-bomb-1000x.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            // A real log first, so the file is sniffed as Postfix and read; then 64 MiB of empty lines.
            out.write(baseline.getBytes(StandardCharsets.UTF_8));
            byte[] newlines = new byte[1 << 20];
            java.util.Arrays.fill(newlines, (byte) '\n');
            for (int megabyte = 0; megabyte < 64; megabyte++) {
                out.write(newlines);
            }
        }
        Path legitimate = corpus.resolve("postfix-gzip-200x-legit.log.gz");
        long legitimateBytes = writeLegitimateCompressible(legitimate, bounce);
        assertThat((64L << 20) / Files.size(bomb)).as("bomb ratio").isGreaterThan(LIMIT.maxRatio());
        assertThat(legitimateBytes).as("legitimate log is past the floor, so its ratio is what is judged").isGreaterThan(LIMIT.floorBytes());
        assertThat(legitimateBytes / Files.size(legitimate)).as("legitimate ratio").isBetween(150L, LIMIT.maxRatio() - 1);

        Files.writeString(Files.createDirectories(corpus.resolve("directory-named-like-a.log")).resolve("postfix-inside-directory.log"), baseline);
        Path fifo = corpus.resolve("fifo-named-like-a-log.log");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        try {
            assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.createSymbolicLink(corpus.resolve("symlink-loop-a.log"), Path.of("symlink-loop-b.log"));
        Files.createSymbolicLink(corpus.resolve("symlink-loop-b.log"), Path.of("symlink-loop-a.log"));
        Files.createSymbolicLink(corpus.resolve("symlink-dangling.log"), Path.of("no-such-file.log"));
        Files.createSymbolicLink(corpus.resolve("symlink-dir-loop"), Path.of("."));
        Path locked = corpus.resolve("unreadable-permissions.log");
        Files.writeString(locked, baseline);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        return corpus;
    }

    /** One email of 20 MB: the DSN, then a body far past the 16 MB an email may keep. */
    private static void writeHugeMbox(Path target, String dsn) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(("From MAILER-DAEMON Thu Nov 26 04:01:10 2026\n" + dsn).getBytes(StandardCharsets.UTF_8));
            byte[] line = ("z".repeat(99) + "\n").getBytes(StandardCharsets.US_ASCII);
            for (int index = 0; index < 200_000; index++) {
                out.write(line);
            }
        }
    }

    /** 2000 bounce lines in 160,000 lines (10 MB) with seeded variation: compresses about 200x, must read whole. Returns its size. */
    private static long writeLegitimateCompressible(Path target, String bounce) throws IOException {
        Random random = new Random(200);
        String noise = "Nov 26 01:02:21 out1 postfix/qmgr[6111]: 29A793DB74: removed\n";
        long written = 0;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            for (int index = 0; index < 160_000; index++) {
                String line = index % 80 == 0 ? bounce + "\n" : noise;
                if (random.nextInt(100) == 0) {
                    line = line.replace("29A793DB74", String.format("%010X", random.nextLong() & 0xFFFFFFFFFFL));
                }
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                written += bytes.length;
            }
        }
        return written;
    }

    private static String relative(Path corpus, String sourceFile) {
        String path = sourceFile.startsWith("file:") ? java.net.URI.create(sourceFile.replace(" ", "%20")).getPath() : sourceFile;
        String root = corpus.toString() + "/";
        return path.startsWith(root) ? path.substring(root.length()) : path;
    }

    private static List<CSVRecord> manifest() throws IOException {
        try (Reader reader = Files.newBufferedReader(resources("hostile").resolve("_manifest.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader).getRecords();
        }
    }

    private static Set<String> names(List<CSVRecord> rows, String origin) {
        return rows.stream().filter(row -> row.get("origin").equals(origin)).map(row -> row.get("file")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> filesUnder(Path root, String except) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).filter(name -> !name.equals(except))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static Path resources(String name) {
        return ProjectFiles.resolve("jobs/src/test/resources/" + name);
    }
}
