package org.mailtriage.ingest.bounce;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mailtriage.classify.Classification;

/**
 * Scores the bounce parser and classifier against a labelled corpus laid out like Sisimai's
 * set-of-emails: {@code emails/*.eml} and {@code expectations.tsv} (path, index, status,
 * replycode, reason, …; index is the recipient's 1-based position among the bounces of that email).
 * Plain Java, no Spark.
 */
public final class CorpusEvaluation {
    /** One expected row beside what the pipeline said. Our fields are null when we found no such recipient. */
    public record Comparison(String path, int index, String expectedReason, String expectedStatus, String expectedReplyCode,
            String reason, String status, String replyCode, String ruleId, String diagnostic) {

        public boolean reasonAgrees() {
            return expectedReason.equals(reason);
        }

        public boolean statusAgrees() {
            if (isPseudoStatus(expectedStatus) || expectedStatus.isEmpty()) {
                return status == null;
            }
            return expectedStatus.equals(status);
        }

        public boolean replyCodeAgrees() {
            return expectedReplyCode.isEmpty() ? replyCode == null : expectedReplyCode.equals(replyCode);
        }
    }

    /** Agreement over the whole corpus. */
    public record Score(List<Comparison> comparisons, int emails) {
        public Score {
            comparisons = List.copyOf(comparisons);
        }

        public double reasonAgreement() {
            return share(comparisons.stream().filter(Comparison::reasonAgrees).count());
        }

        public double statusAgreement() {
            return share(comparisons.stream().filter(Comparison::statusAgrees).count());
        }

        public double replyCodeAgreement() {
            return share(comparisons.stream().filter(Comparison::replyCodeAgrees).count());
        }

        public List<Comparison> disagreements() {
            return comparisons.stream().filter(c -> !c.reasonAgrees() || !c.statusAgrees() || !c.replyCodeAgrees()).toList();
        }

        private double share(long count) {
            return comparisons.isEmpty() ? 0 : (double) count / comparisons.size();
        }
    }

    private final BounceClassifier classifier;

    public CorpusEvaluation(BounceClassifier classifier) {
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    /** Sisimai writes x.0.9xx when a message carries no real status; we then report none. */
    public static boolean isPseudoStatus(String status) {
        return status != null && status.matches("[245]\\.0\\.9\\d\\d");
    }

    public Score score(Path corpus) throws IOException {
        Path expectations = corpus.resolve("expectations.tsv");
        if (!Files.isReadable(expectations)) {
            throw new IOException("no expectations.tsv in " + corpus);
        }
        Map<String, List<String[]>> byPath = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(expectations, StandardCharsets.UTF_8);
        String[] header = lines.isEmpty() ? new String[0] : lines.get(0).split("\t", -1);
        int path = column(header, "path");
        int index = column(header, "index");
        int status = column(header, "status");
        int replyCode = column(header, "replycode");
        int reason = column(header, "reason");
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            byPath.computeIfAbsent(cells[path], key -> new ArrayList<>()).add(cells);
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> entry : byPath.entrySet()) {
            Path email = corpus.resolve(entry.getKey());
            List<BounceRecipient> recipients = List.of();
            if (Files.isReadable(email)) {
                recipients = BounceParser.parse(Files.readAllBytes(email)).recipients();
            }
            for (String[] cells : entry.getValue()) {
                int position = Integer.parseInt(cells[index].strip());
                BounceRecipient ours = position >= 1 && position <= recipients.size() ? recipients.get(position - 1) : null;
                Classification classification = ours == null ? null : classifier.classify(ours);
                comparisons.add(new Comparison(entry.getKey(), position, cells[reason].strip(), cells[status].strip(),
                        cells[replyCode].strip(),
                        classification == null ? null : classification.reason().label(),
                        ours == null ? null : ours.status(),
                        ours == null || ours.replyCode() == null ? null : ours.replyCode().toString(),
                        classification == null ? null : classification.ruleId(),
                        ours == null ? null : Objects.requireNonNullElse(ours.diagnostic(), "")));
            }
        }
        return new Score(comparisons, byPath.size());
    }

    private static int column(String[] header, String name) throws IOException {
        for (int index = 0; index < header.length; index++) {
            if (header[index].strip().equalsIgnoreCase(name)) {
                return index;
            }
        }
        throw new IOException("expectations.tsv has no column " + name);
    }
}
