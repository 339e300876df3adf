package org.mailtriage.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailtriage.classify.BounceFiles;
import org.mailtriage.classify.Classifier;
import org.mailtriage.classify.ClassifyStage;
import org.mailtriage.ingest.bounce.BounceRecipient;
import org.mailtriage.warehouse.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode bounce files (.eml, mbox, Maildir, gzip) without Spark: one TSV line per bounced recipient, "
                + "the columns tools/sisimai/decode.pl prints, so the two can be compared (tools/sisimai/diff.sh).")
final class DecodeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Bounce files or folders.")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new BadInputException("not found: " + input);
            }
        }
        PrintStream out = System.out;
        out.println(String.join("\t", "file", "message", "recipient", "reason", "status", "replycode", "command", "action", "rule", "diagnostic"));
        for (BounceFiles.Decoded row : BounceFiles.decode(inputs, new ClassifyStage(Classifier.withDefaultRules()))) {
            BounceRecipient recipient = row.recipient();
            out.println(String.join("\t", row.file().toString(), Integer.toString(row.message()), cell(lower(recipient.recipient())),
                    row.classification().reason().label(), cell(recipient.status()),
                    recipient.replyCode() == null ? "" : recipient.replyCode().toString(), recipient.stage().label(),
                    cell(recipient.action()), row.classification().layer().label() + ":" + row.classification().ruleId(),
                    diagnostic(recipient.diagnostic())));
        }
        return ExitCodes.OK;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    private static String cell(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ');
    }

    private static String diagnostic(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300);
    }
}
