package org.mailtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailtriage.classify.BounceFiles;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.ingest.bounce.BounceClassifier;

/**
 * Sisimai (Debian's libsisimai-perl, version 5) as a differential oracle: the same bounce files decoded by it
 * ({@code tools/sisimai/decode.pl}) and by mailtriage, recipient by recipient, every reason that differs written to
 * {@code target/sisimai-diff/<set>.tsv} with both answers. The counts are held to what docs/CLASSIFICATION.md
 * records and explains, so a change that adds a disagreement fails here until it is looked at.
 */
class SisimaiDifferentialIT {
    private static final Path ROOT = Path.of(System.getProperty("mailtriage.projectRoot", "..")).toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target/sisimai-diff");
    private static final BounceClassifier CLASSIFIER = new ClassifyStage(Classifier.withDefaultRules());

    record Row(String reason, String status, String code, String guideRule, String diagnostic) {
    }

    record Comparison(int compared, int onlyOurs, int onlySisimai, List<String[]> disagreements) {
    }

    @Test
    void theLabelledCorpus() throws Exception {
        Comparison comparison = compare("corpus", ROOT.getParent().resolve("shared/corpus/sisimai/emails"));
        assertThat(comparison.compared()).isGreaterThanOrEqualTo(320);
        assertThat(comparison.disagreements()).as("see target/sisimai-diff/corpus.tsv").hasSizeLessThanOrEqualTo(18);
    }

    @Test
    void theDataSamples() throws Exception {
        Comparison comparison = compare("data-samples", ROOT.resolve("data-samples/bounces"));
        assertThat(comparison.compared()).isGreaterThanOrEqualTo(10);
        assertThat(comparison.disagreements()).as("see target/sisimai-diff/data-samples.tsv").hasSizeLessThanOrEqualTo(1);
    }

    /**
     * The seeded benchmark mbox: where the two disagree, mailtriage follows the guide (a blocklist, dynamic IP or HELO
     * wording Sisimai has no phrase for and reads as a bare 5.7.1 "securityerror", or a qmail "Giving up" it reads as expired).
     */
    @Test
    void theGeneratedMbox() throws Exception {
        Files.createDirectories(OUT);
        Path mbox = OUT.resolve("generated.mbox");
        BounceMboxGenerator.write(mbox, 1000, 20261126L);
        Comparison comparison = compare("generated", mbox);
        assertThat(comparison.compared()).isGreaterThanOrEqualTo(900);
        assertThat(comparison.onlySisimai()).isZero();
        assertThat(comparison.disagreements()).as("see target/sisimai-diff/generated.tsv").hasSizeLessThanOrEqualTo(117)
                .allSatisfy(row -> {
                    assertThat(row[5]).as("our guide row where we differ: %s", String.join(" | ", row)).isNotEqualTo("-");
                    assertThat(row[4]).isIn("securityerror", "expired");
                });
    }

    private static Comparison compare(String name, Path input) throws IOException, InterruptedException {
        requireSisimai5();
        Map<String, Row> theirs = sisimai(input, name);
        Map<String, Row> ours = new LinkedHashMap<>();
        for (BounceFiles.Decoded decoded : BounceFiles.decode(List.of(input), CLASSIFIER)) {
            String recipient = decoded.recipient().recipient() == null ? "" : decoded.recipient().recipient().toLowerCase(Locale.ROOT);
            ours.putIfAbsent(decoded.file() + "\t" + decoded.message() + "\t" + recipient, new Row(decoded.classification().reason().label(),
                    decoded.recipient().status(), decoded.recipient().replyCode() == null ? "" : decoded.recipient().replyCode().toString(),
                    decoded.classification().guideRuleLabel() == null ? "-" : decoded.classification().guideRuleLabel(),
                    decoded.recipient().diagnostic() == null ? "" : decoded.recipient().diagnostic().replaceAll("\\s+", " ")));
        }
        List<String[]> disagreements = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Row> entry : ours.entrySet()) {
            Row reference = theirs.get(entry.getKey());
            if (reference == null) {
                continue;
            }
            compared++;
            if (!reference.reason().equals(entry.getValue().reason())) {
                String[] key = entry.getKey().split("\t", -1);
                disagreements.add(new String[] {key[0], key[1], key[2], entry.getValue().reason(), reference.reason(), entry.getValue().guideRule(),
                        entry.getValue().diagnostic().length() > 240 ? entry.getValue().diagnostic().substring(0, 240) : entry.getValue().diagnostic()});
            }
        }
        int onlyOurs = (int) ours.keySet().stream().filter(key -> !theirs.containsKey(key)).count();
        int onlySisimai = (int) theirs.keySet().stream().filter(key -> !ours.containsKey(key)).count();
        Files.createDirectories(OUT);
        StringBuilder report = new StringBuilder("file\tmessage\trecipient\tmailtriage\tsisimai\tguide_rule\tdiagnostic\n");
        disagreements.forEach(row -> report.append(String.join("\t", row)).append('\n'));
        report.append(String.format(Locale.ROOT, "# compared %d, reason disagreements %d, only mailtriage %d, only sisimai %d%n", compared,
                disagreements.size(), onlyOurs, onlySisimai));
        Files.writeString(OUT.resolve(name + ".tsv"), report, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "sisimai differential %s: compared %d, reason disagreements %d, only mailtriage %d, only sisimai %d%n",
                name, compared, disagreements.size(), onlyOurs, onlySisimai);
        return new Comparison(compared, onlyOurs, onlySisimai, disagreements);
    }

    private static Map<String, Row> sisimai(Path input, String name) throws IOException, InterruptedException {
        Path output = OUT.resolve(name + ".sisimai.tsv");
        Files.createDirectories(OUT);
        Process process = new ProcessBuilder("perl", ROOT.resolve("tools/sisimai/decode.pl").toString(), input.toString())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail("tools/sisimai/decode.pl failed on " + input);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        // Sisimai prints the diagnostics' bytes as they came (any charset): read leniently, the keys are ASCII.
        List<String> lines = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).lines().toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            rows.putIfAbsent(cells[0] + "\t" + cells[1] + "\t" + cells[2], new Row(cells[3], cells[4], cells[5], "", cells[9]));
        }
        return rows;
    }

    /** Under CI=true Sisimai 5 must be there (.ci/run installs Debian's libsisimai-perl 5.3.0); elsewhere the test is skipped. */
    private static void requireSisimai5() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("perl", "-MSisimai", "-e", "print $Sisimai::VERSION").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean available = process.waitFor() == 0 && version.matches("v?([5-9]|\\d\\d)\\..*");
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("Sisimai 5 (Debian libsisimai-perl 5.x) is required under CI=true but perl says: " + version);
        }
        assumeTrue(available, "Sisimai 5 is missing (perl says " + version + "): test skipped outside CI");
    }

}
