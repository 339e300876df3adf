package org.mailtriage.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.Rule;
import org.mailtriage.classify.RuleBook;
import org.mailtriage.ingest.SendingIps;
import org.mailtriage.model.Classification;
import org.mailtriage.model.Layer;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.warehouse.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Classify one SMTP reply: reason, guide rule, remedy, the blocklist it names, and which layer and rule decided.",
                "With --file F (or REPLY '-' for standard input): one reply per line, all in one run, as TSV or JSON lines."})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "REPLY",
            description = "The reply text, e.g. \"550 5.7.1 Service unavailable; client [192.0.2.10] blocked using zen.spamhaus.org\"; "
                    + "'-' reads replies from standard input, one per line.")
    String replyText;

    @Option(names = "--file", paramLabel = "FILE", description = "Classify every line of FILE (one reply per line; blank and # lines skipped).")
    Path file;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "tsv",
            description = "Output of --file and '-': tsv (a header, then one row per reply) or json (one object per line; default: ${DEFAULT-VALUE}).")
    ExplainBatch.Format output;

    @Option(names = "--stage", description = "SMTP stage the reply answered: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})", defaultValue = "UNKNOWN")
    SmtpStage stage;

    @Option(names = "--rules", paramLabel = "FILE", description = "Phrase table (phrases.csv format) to use instead of the built-in one (local file).")
    Path rules;

    @Override
    public Integer call() throws IOException {
        if (file != null || "-".equals(replyText)) {
            return explainEach();
        }
        if (replyText == null) {
            throw new BadInputException("give a REPLY, '-' (replies on standard input) or --file FILE");
        }
        Classifier classifier = new Classifier(loadRules());
        Reply reply = Reply.parse(replyText, stage);
        Classifier.Explanation explanation = classifier.explain(reply);
        Classification result = explanation.classification();
        var out = System.out;
        out.printf("reply code:  %s%n", reply.replyCode() == null ? "-" : reply.replyCode());
        out.printf("status:      %s%n", reply.enhancedStatus() == null ? "-" : reply.enhancedStatus());
        out.printf("reason:      %s%n", result.reason().label());
        out.printf("guide rule:  %s%n", result.guideRule() == null ? "- (not one of the guide's rows)"
                : result.guideRule().label() + " (" + result.guideRule().section() + ")");
        out.printf("remedy:      %s%n", result.remedy() == null ? "-" : result.remedy().label() + ": " + result.remedy().description());
        out.printf("blocklist:   %s%n", result.blocklist() == null ? "-" : result.blocklist());
        String ip = SendingIps.fromReply(reply.text(), null);
        out.printf("client IP:   %s%n", ip == null ? "-" : ip);
        out.printf("rule id:     %s%n", result.ruleId());
        out.printf("decided by:  %s layer%n", result.layer().label());
        for (Layer layer : RuleBook.TABLE_LAYERS) {
            Rule rule = explanation.chosen(layer);
            if (rule != null) {
                out.printf("  %-9s %s -> %s%s%n", layer.label() + ":", rule.id(), rule.reason().label(),
                        rule.phrase() == null ? "" : "  (\"" + rule.phrase().text() + "\")");
            }
        }
        return ExitCodes.OK;
    }

    private int explainEach() throws IOException {
        if (file != null && replyText != null) {
            throw new BadInputException("give either --file or a REPLY, not both");
        }
        if (file != null && !Files.isReadable(file)) {
            throw new BadInputException("file of replies not readable: " + file);
        }
        ExplainBatch batch = new ExplainBatch(new Classifier(loadRules()), stage, output);
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        // Malformed UTF-8 becomes U+FFFD rather than stopping the run.
        try (BufferedReader in = file != null
                ? new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)))
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            batch.run(in, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private RuleBook loadRules() throws IOException {
        if (rules == null) {
            return RuleBook.loadDefault();
        }
        if (!Files.isReadable(rules)) {
            throw new BadInputException("phrase table not readable: " + rules);
        }
        try (Reader reader = Files.newBufferedReader(rules, StandardCharsets.UTF_8)) {
            return RuleBook.withPhrases(reader, rules.toString());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("bad rule table: " + e.getMessage(), e);
        }
    }
}
