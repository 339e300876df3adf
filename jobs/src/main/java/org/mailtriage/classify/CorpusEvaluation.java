package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mailtriage.ingest.bounce.BounceParser;
import org.mailtriage.ingest.bounce.BounceRecipient;
import org.mailtriage.ingest.bounce.MboxReader;
import org.mailtriage.ingest.bounce.RawEmail;
import org.mailtriage.model.Classification;

/**
 * Scores the bounce parser and classifier against a labelled corpus laid out like Sisimai's
 * set-of-emails: {@code emails/*.eml} and {@code expectations.tsv} (path, index, status,
 * replycode, reason, …; index is the recipient's 1-based position among the bounces of that email).
 * Plain Java, no Spark.
 *
 * <p>{@link #crossValidate} is the figure that counts: the corpus is split by family (the
 * {@code lhost-<mta>} / {@code rhost-<provider>} / {@code rfc3464} prefix of the file name) into
 * folds, and each fold is scored by a classifier that lacks every rule whose only sources are
 * emails of that fold's families: nothing learned from a family helps to score it.
 */
public final class CorpusEvaluation {
    private static final Pattern NUMBERED_NAME = Pattern.compile("-\\d+$");
    private static final String REFERENCE_SOURCE = "reference:";

    /** One expected row and the recipient our parser found at that position (null when none). */
    public record Case(String path, int index, String expectedReason, String expectedStatus, String expectedReplyCode, BounceRecipient ours) {
        public Case {
            requireNonNull(path, "path is null");
        }

        public String family() {
            return familyOf(path);
        }
    }

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

        public String family() {
            return familyOf(path);
        }
    }

    /** Agreement over a set of comparisons. */
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

    /** One fold: its families, and its emails scored by the classifier that never learned from them. */
    public record Fold(int number, Set<String> families, int rulesLeftOut, Score heldOut) {
        public Fold {
            families = Set.copyOf(families);
        }
    }

    /** The whole corpus scored in-sample (every rule) and held-out (each fold by the rules it did not teach). */
    public record CrossValidation(Score inSample, Score heldOut, List<Fold> folds) {
        public CrossValidation {
            folds = List.copyOf(folds);
        }
    }

    private final ClassifyStage classifier;

    public CorpusEvaluation(ClassifyStage classifier) {
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    /** Sisimai writes x.0.9xx when a message carries no real status; we then report none. */
    public static boolean isPseudoStatus(String status) {
        return status != null && status.matches("[245]\\.0\\.9\\d\\d");
    }

    /** "emails/lhost-postfix-13.eml" → "lhost-postfix"; "rfc3464-01.eml" → "rfc3464". */
    public static String familyOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        return NUMBERED_NAME.matcher(name).replaceFirst("");
    }

    public Score score(Path corpus) throws IOException {
        List<Case> cases = load(corpus);
        return score(cases, classifier);
    }

    /**
     * Scores in-sample and held-out. Families are dealt to {@code foldCount} folds, largest first, each to the
     * fold with the fewest expected bounces so far, so that the folds are of about equal size and the split
     * is the same on every run.
     */
    public CrossValidation crossValidate(Path corpus, int foldCount) throws IOException {
        return crossValidate(corpus, foldCount, false);
    }

    /**
     * As {@link #crossValidate(Path, int)}; with {@code strict}, the reference decoder's lists do not count as an
     * independent source either (Sisimai's tables were written from the whole set-of-emails, both halves): a row whose
     * only other sources are the held-out emails is left out too.
     */
    public CrossValidation crossValidate(Path corpus, int foldCount, boolean strict) throws IOException {
        if (foldCount < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, not " + foldCount);
        }
        List<Case> cases = load(corpus);
        Map<String, List<Case>> byFamily = cases.stream().collect(Collectors.groupingBy(Case::family, TreeMap::new, Collectors.toList()));
        List<String> families = new ArrayList<>(byFamily.keySet());
        families.sort(Comparator.comparingInt((String family) -> -byFamily.get(family).size()).thenComparing(Function.identity()));
        List<List<String>> foldFamilies = new ArrayList<>();
        int[] foldSizes = new int[foldCount];
        for (int fold = 0; fold < foldCount; fold++) {
            foldFamilies.add(new ArrayList<>());
        }
        for (String family : families) {
            int smallest = 0;
            for (int fold = 1; fold < foldCount; fold++) {
                if (foldSizes[fold] < foldSizes[smallest]) {
                    smallest = fold;
                }
            }
            foldFamilies.get(smallest).add(family);
            foldSizes[smallest] += byFamily.get(family).size();
        }
        RuleBook book = classifier.classifier().book();
        List<Fold> folds = new ArrayList<>();
        List<Comparison> heldOut = new ArrayList<>();
        int heldOutEmails = 0;
        for (int fold = 0; fold < foldCount; fold++) {
            Set<String> held = Set.copyOf(foldFamilies.get(fold));
            RuleBook without = book.without(rule -> learnedOnlyFrom(rule, held, strict));
            int leftOut = book.all().size() - without.all().size();
            List<Case> foldCases = cases.stream().filter(c -> held.contains(c.family())).toList();
            Score score = score(foldCases, new ClassifyStage(new Classifier(without)));
            folds.add(new Fold(fold + 1, held, leftOut, score));
            heldOut.addAll(score.comparisons());
            heldOutEmails += score.emails();
        }
        return new CrossValidation(score(cases, classifier), new Score(heldOut, heldOutEmails), folds);
    }

    /** True when every source of the rule is an email of these families (strict: or the reference decoder). */
    static boolean learnedOnlyFrom(Rule rule, Set<String> families, boolean strict) {
        List<String> emails = rule.corpusSources();
        if (emails.isEmpty() || !emails.stream().allMatch(email -> families.contains(familyOf(email)))) {
            return false;
        }
        return rule.sources().stream().allMatch(source -> source.startsWith(Rule.CORPUS_SOURCE) || strict && source.startsWith(REFERENCE_SOURCE));
    }

    /** Reads the expectations and parses every email they name once. */
    public static List<Case> load(Path corpus) throws IOException {
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
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> entry : byPath.entrySet()) {
            Path email = corpus.resolve(entry.getKey());
            List<BounceRecipient> recipients = Files.isReadable(email) ? recipientsOf(Files.readAllBytes(email)) : List.of();
            for (String[] cells : entry.getValue()) {
                int position = Integer.parseInt(cells[index].strip());
                BounceRecipient ours = position >= 1 && position <= recipients.size() ? recipients.get(position - 1) : null;
                cases.add(new Case(entry.getKey(), position, cells[reason].strip(), cells[status].strip(), cells[replyCode].strip(), ours));
            }
        }
        return cases;
    }

    /** The recipients of an email file, in order; a file that is an mbox of several emails gives theirs one after another. */
    static List<BounceRecipient> recipientsOf(byte[] bytes) throws IOException {
        if (!startsWithFromLine(bytes)) {
            return BounceParser.parse(bytes).recipients();
        }
        List<BounceRecipient> recipients = new ArrayList<>();
        MboxReader reader = new MboxReader(new java.io.ByteArrayInputStream(bytes), 0, Long.MAX_VALUE);
        for (RawEmail raw = reader.next(); raw != null; raw = reader.next()) {
            recipients.addAll(BounceParser.parse(raw.bytes()).recipients());
        }
        return recipients;
    }

    private static boolean startsWithFromLine(byte[] bytes) {
        return bytes.length > 5 && bytes[0] == 'F' && bytes[1] == 'r' && bytes[2] == 'o' && bytes[3] == 'm' && bytes[4] == ' ';
    }

    public static Score score(List<Case> cases, ClassifyStage classifier) {
        List<Comparison> comparisons = new ArrayList<>();
        for (Case c : cases) {
            BounceRecipient ours = c.ours();
            Classification classification = ours == null ? null : classifier.classify(ours);
            comparisons.add(new Comparison(c.path(), c.index(), c.expectedReason(), c.expectedStatus(), c.expectedReplyCode(),
                    classification == null ? null : classification.reason().label(),
                    ours == null ? null : ours.status(),
                    ours == null || ours.replyCode() == null ? null : ours.replyCode().toString(),
                    classification == null ? null : classification.ruleId(),
                    ours == null ? null : Objects.requireNonNullElse(ours.diagnostic(), "")));
        }
        return new Score(comparisons, (int) cases.stream().map(Case::path).distinct().count());
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
