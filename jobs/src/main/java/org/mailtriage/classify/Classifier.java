package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailtriage.model.Classification;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Layer;
import org.mailtriage.model.Reason;
import org.mailtriage.model.Reply;

/**
 * Decides the reason of one reply in layers, each a table of {@link RuleBook}, the first rule
 * that holds in a layer deciding it:
 * <ol>
 *   <li>provider: a code the receiving provider or the MTA writes (S3150, TSS04, RBL 521) settles it;</li>
 *   <li>phrase: the reason phrases, matched at word boundaries;</li>
 *   <li>stage: the SMTP command the reply answered changes what the words meant (a recipient-unknown
 *       text after DATA is a filter's verdict, a refusal of MAIL FROM is about the sender) or, when no
 *       words spoke, decides (a refusal of HELO is a refusal of the client);</li>
 *   <li>status: the enhanced status code (RFC 3463 classes, IANA subject.detail registry); a status whose
 *       meaning names one cause also outweighs the weak phrases (general spam, policy, network, system words);</li>
 *   <li>fallback: the DSN action and diagnostic type, then the basic reply code.</li>
 * </ol>
 * The guide's row is derived after the reason, from the same evidence: the deciding rule's row, else
 * the first phrase with a row that holds for that reason, else a named blocklist (blocked) or PTR
 * (requireptr). All phrases and codes are found in one Aho–Corasick pass; no rule runs a regex.
 * Immutable and thread-safe after construction; build it once per JVM.
 */
public final class Classifier {
    public static final String NO_RULE = "none";

    private final RuleBook book;
    private final TextMatcher matcher;
    /** Per layer, per rule (in table order): the matcher's term indexes of its phrase parts, or null. */
    private final Map<Layer, int[][]> terms = new EnumMap<>(Layer.class);
    /** Per text layer, per term: the rules (table positions, ascending) whose phrase starts with it. */
    private final Map<Layer, int[][]> rulesByFirstTerm = new EnumMap<>(Layer.class);
    /** The reasons some phrase row names a guide row for: only their classifications look for one. */
    private final Set<Reason> reasonsWithGuideRows = EnumSet.noneOf(Reason.class);

    public Classifier(RuleBook book) {
        this.book = requireNonNull(book, "book is null");
        List<String> allTerms = new ArrayList<>();
        Map<String, Integer> indexOfTerm = new HashMap<>();
        for (Layer layer : RuleBook.TABLE_LAYERS) {
            List<Rule> rules = book.layer(layer);
            int[][] indexes = new int[rules.size()][];
            for (int index = 0; index < rules.size(); index++) {
                Phrase phrase = rules.get(index).phrase();
                indexes[index] = phrase == null ? null : termIndexes(phrase, allTerms, indexOfTerm);
            }
            terms.put(layer, indexes);
        }
        matcher = new TextMatcher(allTerms);
        book.layer(Layer.PHRASE).stream().filter(rule -> rule.guideRule() != null).forEach(rule -> reasonsWithGuideRows.add(rule.reason()));
        for (Layer layer : List.of(Layer.PROVIDER, Layer.PHRASE)) {
            List<List<Integer>> byTerm = new ArrayList<>();
            for (int term = 0; term < allTerms.size(); term++) {
                byTerm.add(new ArrayList<>());
            }
            int[][] ruleTerms = terms.get(layer);
            for (int index = 0; index < ruleTerms.length; index++) {
                byTerm.get(ruleTerms[index][0]).add(index);
            }
            rulesByFirstTerm.put(layer, byTerm.stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new));
        }
    }

    public static Classifier withDefaultRules() {
        return new Classifier(RuleBook.loadDefault());
    }

    public RuleBook book() {
        return book;
    }

    public Classification classify(Reply reply) {
        return explain(reply).classification();
    }

    /** The classification with the rule each layer chose, for {@code explain} and the table tests. */
    public Explanation explain(Reply reply) {
        TextMatcher.Hits hits = matcher.find(reply.text());
        Rule provider = first(Layer.PROVIDER, hits, reply, null);
        Rule phrase = provider == null ? first(Layer.PHRASE, hits, reply, null) : null;
        Rule decided = provider != null ? provider : phrase;
        Rule stage = null;
        if (provider == null) {
            stage = first(Layer.STAGE, hits, reply, phrase == null ? null : phrase.reason());
            // A stage row that keeps the words' reason only confirms it (and stops the rows after it): the words decided.
            if (stage != null && (phrase == null || stage.reason() != phrase.reason())) {
                decided = stage;
            }
        }
        Rule status = null;
        Rule fallback = null;
        if (decided == null || decided.strength() == Strength.WEAK) {
            status = first(Layer.STATUS, hits, reply, null);
            if (decided == null || status != null && status.strength() == Strength.DECISIVE) {
                decided = status;
            }
        }
        if (decided == null) {
            fallback = first(Layer.FALLBACK, hits, reply, null);
            decided = fallback;
        }
        Classification classification;
        if (decided == null) {
            classification = new Classification(Reason.UNDEFINED, null, NO_RULE, null, Layer.NONE);
        } else {
            Reason reason = decided.reason();
            GuideRule guideRule = guideRule(decided, reason, hits, reply);
            String blocklist = decided.list();
            if (blocklist == null && (reason == Reason.BLOCKED || reason == Reason.BADREPUTATION || guideRule == GuideRule.BLOCKLISTED)) {
                blocklist = BlocklistNames.find(reply.text());
            }
            if (guideRule == null && reason == Reason.BLOCKED && blocklist != null) {
                // A refusal of the client that names a blocklist is the guide's opening bounce, whatever its words.
                guideRule = GuideRule.BLOCKLISTED;
            }
            classification = new Classification(reason, guideRule, decided.id(), blocklist, decided.layer());
        }
        return new Explanation(classification, provider, phrase, stage, status, fallback);
    }

    private GuideRule guideRule(Rule decided, Reason reason, TextMatcher.Hits hits, Reply reply) {
        if (decided.guideRule() != null) {
            return decided.guideRule();
        }
        if (reason == Reason.REQUIREPTR) {
            return GuideRule.NO_PTR;
        }
        if (!reasonsWithGuideRows.contains(reason)) {
            return null;
        }
        List<Rule> phrases = book.layer(Layer.PHRASE);
        int[][] phraseTerms = terms.get(Layer.PHRASE);
        int[][] byFirstTerm = rulesByFirstTerm.get(Layer.PHRASE);
        int best = Integer.MAX_VALUE;
        for (int occurrence = 0; occurrence < hits.occurrences(); occurrence++) {
            for (int index : byFirstTerm[hits.termOf(occurrence)]) {
                if (index >= best) {
                    break;
                }
                Rule rule = phrases.get(index);
                if (rule.guideRule() != null && rule.reason() == reason && hits.inOrder(phraseTerms[index]) && rule.conditions().hold(reply, null)) {
                    best = index;
                    break;
                }
            }
        }
        return best == Integer.MAX_VALUE ? null : phrases.get(best).guideRule();
    }

    private Rule first(Layer layer, TextMatcher.Hits hits, Reply reply, Reason prior) {
        List<Rule> rules = book.layer(layer);
        int[][] ruleTerms = terms.get(layer);
        int[][] byFirstTerm = rulesByFirstTerm.get(layer);
        if (byFirstTerm != null) {
            // Only rows whose first word is in the text can hold: look at those, keep the earliest that does.
            int best = Integer.MAX_VALUE;
            for (int occurrence = 0; occurrence < hits.occurrences(); occurrence++) {
                for (int index : byFirstTerm[hits.termOf(occurrence)]) {
                    if (index >= best) {
                        break;
                    }
                    if (hits.inOrder(ruleTerms[index]) && rules.get(index).conditions().hold(reply, prior)) {
                        best = index;
                        break;
                    }
                }
            }
            return best == Integer.MAX_VALUE ? null : rules.get(best);
        }
        for (int index = 0; index < rules.size(); index++) {
            Rule rule = rules.get(index);
            if (ruleTerms[index] != null && !hits.inOrder(ruleTerms[index])) {
                continue;
            }
            if (rule.conditions().hold(reply, prior)) {
                return rule;
            }
        }
        return null;
    }

    private static int[] termIndexes(Phrase phrase, List<String> allTerms, Map<String, Integer> indexOfTerm) {
        int[] indexes = new int[phrase.parts().size()];
        for (int part = 0; part < indexes.length; part++) {
            indexes[part] = indexOfTerm.computeIfAbsent(phrase.parts().get(part), term -> {
                allTerms.add(term);
                return allTerms.size() - 1;
            });
        }
        return indexes;
    }

    /**
     * A classification and the rule each layer chose (null where a layer chose none or was not asked).
     */
    public record Explanation(Classification classification, Rule provider, Rule phrase, Rule stage, Rule status, Rule fallback) {
        public Explanation {
            requireNonNull(classification, "classification is null");
        }

        /** The rule the layer chose, or null. */
        public Rule chosen(Layer layer) {
            return switch (layer) {
                case PROVIDER -> provider;
                case PHRASE -> phrase;
                case STAGE -> stage;
                case STATUS -> status;
                case FALLBACK -> fallback;
                case KIND, NONE -> null;
            };
        }
    }
}
