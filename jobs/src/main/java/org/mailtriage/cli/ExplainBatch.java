package org.mailtriage.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailtriage.classify.Classifier;
import org.mailtriage.ingest.SendingIps;
import org.mailtriage.model.Classification;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;
import org.mailtriage.report.InertText;

/**
 * explain --file: one reply per line, each classified as explain classifies one, in one JVM. TSV (a header, then
 * one row per reply) or JSON lines. Blank lines and lines starting with # are skipped; the reply shown is inert
 * (no tab, line break or markup from the input can break a row).
 */
final class ExplainBatch {
    enum Format {
        tsv, json
    }

    static final List<String> COLUMNS = List.of("line", "reply_code", "status", "reason", "guide_rule", "remedy", "blocklist", "client_ip",
            "layer", "rule_id", "reply");
    /** A reply longer than this is cut before it is classified: SMTP replies are short, a runaway line is not one. */
    static final int MAX_REPLY_LENGTH = 8192;
    private static final int SHOWN_LENGTH = 200;

    private final Classifier classifier;
    private final SmtpStage stage;
    private final Format format;
    private final ObjectMapper json = new ObjectMapper();

    ExplainBatch(Classifier classifier, SmtpStage stage, Format format) {
        this.classifier = classifier;
        this.stage = stage;
        this.format = format;
    }

    /** Classifies every reply the reader gives; returns how many. */
    long run(BufferedReader in, PrintWriter out) throws IOException {
        if (format == Format.tsv) {
            out.println(String.join("\t", COLUMNS));
        }
        long count = 0;
        long lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.length() > MAX_REPLY_LENGTH) {
                text = text.substring(0, MAX_REPLY_LENGTH);
            }
            write(out, lineNumber, text);
            count++;
        }
        out.flush();
        return count;
    }

    private void write(PrintWriter out, long lineNumber, String text) throws JsonProcessingException {
        Reply reply = Reply.parse(text, stage);
        Classification result = classifier.classify(reply);
        List<Object> values = new ArrayList<>();
        values.add(lineNumber);
        values.add(reply.replyCode());
        values.add(reply.enhancedStatus());
        values.add(result.reason().label());
        values.add(result.guideRule() == null ? null : result.guideRule().label());
        values.add(result.remedy() == null ? null : result.remedy().label());
        values.add(InertText.line(result.blocklist(), SHOWN_LENGTH));
        values.add(SendingIps.fromReply(reply.text(), null));
        values.add(result.layer().label());
        values.add(result.ruleId());
        values.add(InertText.line(text, SHOWN_LENGTH));
        if (format == Format.json) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int index = 0; index < COLUMNS.size(); index++) {
                row.put(COLUMNS.get(index), values.get(index));
            }
            out.println(json.writeValueAsString(row));
        } else {
            StringBuilder row = new StringBuilder();
            for (Object value : values) {
                row.append(row.length() == 0 ? "" : "\t").append(value == null ? "-" : value);
            }
            out.println(row);
        }
    }
}
