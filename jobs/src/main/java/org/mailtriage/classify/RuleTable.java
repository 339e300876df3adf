package org.mailtriage.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the rule table: a CSV file (commons-csv) with a header
 * {@code id,order,codes,statuses,stages,phrases,unless,reason,guide_rule,samples}.
 * List cells are separated by {@code " | "}; lines starting with '#' are comments.
 */
public final class RuleTable {
    public static final String DEFAULT_RESOURCE = "/org/mailtriage/classify/rules.csv";
    private static final String LIST_SEPARATOR = "\\s+\\|\\s+";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    private RuleTable() {
    }

    public static List<Rule> loadDefault() {
        try (InputStream stream = RuleTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException("rule table resource missing: " + DEFAULT_RESOURCE);
            }
            return read(new InputStreamReader(stream, StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Rule> read(Reader reader, String sourceName) throws IOException {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CSVRecord record : FORMAT.parse(reader)) {
            String where = sourceName + " line " + record.getRecordNumber();
            try {
                Rule rule = toRule(record);
                if (!ids.add(rule.id())) {
                    throw new IllegalArgumentException("duplicate rule id " + rule.id());
                }
                rules.add(rule);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException(sourceName + " holds no rules");
        }
        rules.sort(Comparator.comparingInt(Rule::order));
        return List.copyOf(rules);
    }

    private static Rule toRule(CSVRecord record) {
        Set<SmtpStage> stages = EnumSet.noneOf(SmtpStage.class);
        for (String stage : list(record.get("stages"))) {
            stages.add(SmtpStage.valueOf(stage.replace('-', '_')));
        }
        String guide = record.get("guide_rule");
        return new Rule(
                record.get("id"),
                Integer.parseInt(record.get("order")),
                list(record.get("codes")),
                list(record.get("statuses")),
                stages,
                list(record.get("phrases")),
                list(record.get("unless")),
                Reason.fromLabel(record.get("reason")),
                guide.isBlank() ? null : GuideRule.fromLabel(guide),
                list(record.get("samples")));
    }

    private static List<String> list(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.strip().split(LIST_SEPARATOR)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
