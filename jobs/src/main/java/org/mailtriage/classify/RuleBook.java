package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Layer;
import org.mailtriage.model.Reason;
import org.mailtriage.model.SmtpStage;

/**
 * The classifier's tables, one CSV file (commons-csv) per layer, each sorted by its {@code order} column:
 * <ul>
 *   <li>{@code provider-codes.csv}: codes a provider or MTA puts in its replies (S3150, TSS04, RBL 521) → reason, guide row, list;</li>
 *   <li>{@code phrases.csv}: phrases per reason, matched at word boundaries;</li>
 *   <li>{@code stages.csv}: what the SMTP stage the reply answered changes or decides;</li>
 *   <li>{@code statuses.csv}: the enhanced status (RFC 3463 classes, IANA subject.detail registry);</li>
 *   <li>{@code fallbacks.csv}: the basic reply code, the DSN action and diagnostic type, last.</li>
 * </ul>
 * List cells are separated by {@code " | "}; lines starting with '#' are comments. Every rule cites its
 * sources and carries samples that it alone decides (tests check both).
 */
public final class RuleBook {
    public static final String RESOURCE_FOLDER = "/org/mailtriage/classify/";
    public static final String PHRASES_FILE = "phrases.csv";
    private static final Map<Layer, String> FILES = Map.of(
            Layer.PROVIDER, "provider-codes.csv",
            Layer.PHRASE, PHRASES_FILE,
            Layer.STAGE, "stages.csv",
            Layer.STATUS, "statuses.csv",
            Layer.FALLBACK, "fallbacks.csv");
    /** The layers that have a table, in the order the classifier asks them. */
    public static final List<Layer> TABLE_LAYERS = List.of(Layer.PROVIDER, Layer.PHRASE, Layer.STAGE, Layer.STATUS, Layer.FALLBACK);
    private static final String LIST_SEPARATOR = "\\s+\\|\\s+";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(false)
            .get();

    private final Map<Layer, List<Rule>> rules;

    private RuleBook(Map<Layer, List<Rule>> rules) {
        this.rules = new EnumMap<>(Layer.class);
        for (Layer layer : TABLE_LAYERS) {
            this.rules.put(layer, List.copyOf(rules.getOrDefault(layer, List.of())));
        }
        Set<String> ids = new HashSet<>();
        for (Rule rule : all()) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("duplicate rule id " + rule.id());
            }
        }
    }

    public static RuleBook loadDefault() {
        Map<Layer, List<Rule>> tables = new EnumMap<>(Layer.class);
        for (Layer layer : TABLE_LAYERS) {
            tables.put(layer, readResource(layer));
        }
        return new RuleBook(tables);
    }

    /** The built-in tables with the phrase table replaced (the {@code --rules} option). */
    public static RuleBook withPhrases(Reader phrases, String sourceName) throws IOException {
        Map<Layer, List<Rule>> tables = new EnumMap<>(Layer.class);
        for (Layer layer : TABLE_LAYERS) {
            tables.put(layer, layer == Layer.PHRASE ? read(Layer.PHRASE, phrases, sourceName) : readResource(layer));
        }
        return new RuleBook(tables);
    }

    /** The same tables without the rules the predicate selects (cross-validation leaves out what a fold taught). */
    public RuleBook without(Predicate<Rule> leaveOut) {
        Map<Layer, List<Rule>> kept = new EnumMap<>(Layer.class);
        for (Layer layer : TABLE_LAYERS) {
            kept.put(layer, rules.get(layer).stream().filter(leaveOut.negate()).toList());
        }
        return new RuleBook(kept);
    }

    public List<Rule> layer(Layer layer) {
        return rules.getOrDefault(layer, List.of());
    }

    public List<Rule> all() {
        List<Rule> all = new ArrayList<>();
        for (Layer layer : TABLE_LAYERS) {
            all.addAll(rules.get(layer));
        }
        return all;
    }

    public static String fileOf(Layer layer) {
        return requireNonNull(FILES.get(layer), "layer has no table: " + layer);
    }

    private static List<Rule> readResource(Layer layer) {
        String resource = RESOURCE_FOLDER + fileOf(layer);
        try (InputStream stream = RuleBook.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException("rule table resource missing: " + resource);
            }
            return read(layer, new InputStreamReader(stream, StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Rule> read(Layer layer, Reader reader, String sourceName) throws IOException {
        List<Rule> rules = new ArrayList<>();
        int previousOrder = Integer.MIN_VALUE;
        for (CSVRecord record : FORMAT.parse(reader)) {
            String where = sourceName + " line " + record.getParser().getCurrentLineNumber();
            try {
                Rule rule = toRule(layer, record);
                if (rule.order() < previousOrder) {
                    throw new IllegalArgumentException("order " + rule.order() + " after " + previousOrder + ": the table must be sorted by order");
                }
                previousOrder = rule.order();
                rules.add(rule);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException(sourceName + " holds no rules");
        }
        return List.copyOf(rules);
    }

    private static Rule toRule(Layer layer, CSVRecord record) {
        Set<SmtpStage> stages = EnumSet.noneOf(SmtpStage.class);
        for (String stage : list(cell(record, "stages"))) {
            stages.add(SmtpStage.valueOf(stage.replace('-', '_').toUpperCase(Locale.ROOT)));
        }
        Conditions conditions = new Conditions(list(cell(record, "codes")), list(cell(record, "statuses")), stages,
                lowerSet(cell(record, "actions")), lowerSet(cell(record, "prior")));
        String phraseText = switch (layer) {
            case PROVIDER -> cell(record, "code");
            case PHRASE -> cell(record, "phrase");
            default -> "";
        };
        Phrase phrase = phraseText.isBlank() ? null : Phrase.of(phraseText);
        if ((layer == Layer.PROVIDER || layer == Layer.PHRASE) && phrase == null) {
            throw new IllegalArgumentException("a " + layer.label() + " rule needs its words");
        }
        Reason reason = Reason.fromLabel(cell(record, "reason"));
        String guide = cell(record, "guide_rule");
        String id = cell(record, "id");
        if (!id.isBlank() && layer != Layer.PHRASE && layer != Layer.PROVIDER) {
            // The other layers' ids are short names; the layer in front keeps them apart in events.rule_id.
            id = layer.label() + "/" + id;
        } else if (id.isBlank()) {
            id = switch (layer) {
                case PROVIDER -> "provider/" + cell(record, "provider") + "/" + slug(phraseText);
                case PHRASE -> reason.label() + "/" + slug(phraseText);
                default -> throw new IllegalArgumentException("a " + layer.label() + " rule needs an id");
            };
        }
        String list = cell(record, "list");
        return new Rule(id, layer, Integer.parseInt(cell(record, "order")), phrase, conditions, reason,
                guide.isBlank() ? null : GuideRule.fromLabel(guide), list.isBlank() ? null : list,
                Strength.fromLabel(cell(record, "strength")), list(cell(record, "source")), list(cell(record, "sample")));
    }

    /** A short id from a phrase: lower case, runs of other characters as one '-'. */
    static String slug(String phrase) {
        StringBuilder slug = new StringBuilder();
        for (String part : phrase.split(Phrase.GAP, -1)) {
            if (!slug.isEmpty()) {
                slug.append('…');
            }
            slug.append(TextMatcher.normalize(part).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", ""));
        }
        return slug.length() <= 60 ? slug.toString() : slug.substring(0, 60);
    }

    private static String cell(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
    }

    private static Set<String> lowerSet(String cell) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : list(cell)) {
            values.add(value.toLowerCase(Locale.ROOT));
        }
        return values;
    }

    private static List<String> list(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.strip().split(LIST_SEPARATOR)).map(String::strip).filter(value -> !value.isEmpty()).toList();
    }
}
