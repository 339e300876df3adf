package org.mailtriage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.classify.CorpusEvaluation;
import org.mailtriage.warehouse.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score the bounce parser and classifier against a labelled corpus (emails/*.eml + expectations.tsv).")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "Corpus folder laid out like shared/corpus/sisimai.")
    Path corpus;

    @Option(names = "--quiet", description = "Print the scores only, not the disagreements.")
    boolean quiet;

    @Option(names = "--folds", paramLabel = "K", description = "Also cross-validate: hold out whole families (lhost-/rhost- module) in K folds "
            + "and score each fold without the rules learned only from its emails; prints in-sample and held-out side by side.")
    Integer folds;

    @Option(names = "--strict", description = "With --folds: do not count the reference decoder's lists (reference:sisimai) as a source "
            + "independent of the corpus either, so rows known only from them and the held-out emails are left out too.")
    boolean strict;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(corpus)) {
            throw new BadInputException("corpus folder not found: " + corpus);
        }
        if (folds != null && folds < 2) {
            throw new BadInputException("--folds needs at least 2, not " + folds);
        }
        CorpusEvaluation evaluation = new CorpusEvaluation(new ClassifyStage(Classifier.withDefaultRules()));
        CorpusEvaluation.Score score;
        CorpusEvaluation.CrossValidation crossValidation = null;
        try {
            if (folds == null) {
                score = evaluation.score(corpus);
            } else {
                crossValidation = evaluation.crossValidate(corpus, folds, strict);
                score = crossValidation.inSample();
            }
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        PrintStream out = System.out;
        if (!quiet) {
            // With folds, the disagreements shown are the held-out ones: what a user's unseen bounces would meet.
            CorpusEvaluation.Score shown = crossValidation == null ? score : crossValidation.heldOut();
            for (CorpusEvaluation.Comparison c : shown.disagreements()) {
                out.printf(Locale.ROOT, "%s #%d  reason %s/%s  status %s/%s  code %s/%s  rule %s%n    %s%n", c.path(), c.index(),
                        c.expectedReason(), c.reason(), blank(c.expectedStatus()), c.status(), blank(c.expectedReplyCode()), c.replyCode(),
                        c.ruleId(), c.diagnostic() == null ? "(no such recipient found)" : abbreviate(c.diagnostic()));
            }
        }
        out.printf(Locale.ROOT, "emails %d, expected bounces %d%n", score.emails(), score.comparisons().size());
        if (crossValidation == null) {
            out.printf(Locale.ROOT, "reason      %6.2f %%%n", 100 * score.reasonAgreement());
            out.printf(Locale.ROOT, "status      %6.2f %%%n", 100 * score.statusAgreement());
            out.printf(Locale.ROOT, "reply code  %6.2f %%%n", 100 * score.replyCodeAgreement());
            return ExitCodes.OK;
        }
        for (CorpusEvaluation.Fold fold : crossValidation.folds()) {
            out.printf(Locale.ROOT, "fold %d: %3d bounces, %2d families, %3d rules left out, held-out reason %6.2f %%%n", fold.number(),
                    fold.heldOut().comparisons().size(), fold.families().size(), fold.rulesLeftOut(), 100 * fold.heldOut().reasonAgreement());
        }
        CorpusEvaluation.Score heldOut = crossValidation.heldOut();
        out.printf(Locale.ROOT, "            in-sample   held-out (%d folds by family%s; the figure that counts)%n", folds,
                strict ? ", reference lists not independent" : "");
        out.printf(Locale.ROOT, "reason      %6.2f %%    %6.2f %%%n", 100 * score.reasonAgreement(), 100 * heldOut.reasonAgreement());
        out.printf(Locale.ROOT, "status      %6.2f %%    %6.2f %%%n", 100 * score.statusAgreement(), 100 * heldOut.statusAgreement());
        out.printf(Locale.ROOT, "reply code  %6.2f %%    %6.2f %%%n", 100 * score.replyCodeAgreement(), 100 * heldOut.replyCodeAgreement());
        return ExitCodes.OK;
    }

    private static String blank(String value) {
        return value.isEmpty() ? "-" : value;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 240 ? flat : flat.substring(0, 240) + "…";
    }
}
