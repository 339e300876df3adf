package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Applies the rule table to replies: the first rule (by order) whose conditions all hold wins.
 * All rules' phrases are found in one Aho–Corasick pass; no rule runs a regex. Immutable and
 * thread-safe after construction; build it once per JVM.
 */
public final class Classifier {
    public static final String NO_RULE = "none";

    private final List<Rule> rules;
    private final PhraseMatcher matcher;
    private final BitSet[] phraseSets;
    private final BitSet[] unlessSets;

    public Classifier(List<Rule> rules) {
        this.rules = List.copyOf(requireNonNull(rules, "rules is null"));
        List<String> allPhrases = new ArrayList<>();
        phraseSets = new BitSet[this.rules.size()];
        unlessSets = new BitSet[this.rules.size()];
        for (int index = 0; index < this.rules.size(); index++) {
            Rule rule = this.rules.get(index);
            phraseSets[index] = indexes(rule.phrases(), allPhrases);
            unlessSets[index] = indexes(rule.unless(), allPhrases);
        }
        matcher = new PhraseMatcher(allPhrases);
    }

    public static Classifier withDefaultRules() {
        return new Classifier(RuleTable.loadDefault());
    }

    public List<Rule> rules() {
        return rules;
    }

    public Classification classify(Reply reply) {
        Rule rule = matchingRule(reply);
        if (rule == null) {
            return new Classification(Reason.UNDEFINED, null, NO_RULE, null);
        }
        // Only a refusal of the client can name a blocklist; skipping the look-up elsewhere keeps the hot path short.
        boolean mayNameList = rule.guideRule() == GuideRule.BLOCKLISTED || rule.guideRule() == GuideRule.DYNAMIC_IP
                || rule.reason() == Reason.BLOCKED || rule.reason() == Reason.BADREPUTATION;
        String blocklist = mayNameList ? BlocklistNames.find(reply.text()) : null;
        return new Classification(rule.reason(), rule.guideRule(), rule.id(), blocklist);
    }

    /** The first rule that matches, or null. */
    public Rule matchingRule(Reply reply) {
        BitSet found = matcher.find(reply.text());
        for (int index = 0; index < rules.size(); index++) {
            Rule rule = rules.get(index);
            if (!phraseSets[index].isEmpty() && !phraseSets[index].intersects(found)) {
                continue;
            }
            if (unlessSets[index].intersects(found)) {
                continue;
            }
            if (rule.codeMatches(reply.replyCode()) && rule.statusMatches(reply.enhancedStatus())
                    && rule.stageMatches(reply.stage())) {
                return rule;
            }
        }
        return null;
    }

    private static BitSet indexes(List<String> phrases, List<String> allPhrases) {
        BitSet set = new BitSet();
        for (String phrase : phrases) {
            String normalized = PhraseMatcher.normalize(phrase);
            int index = allPhrases.indexOf(normalized);
            if (index < 0) {
                allPhrases.add(normalized);
                index = allPhrases.size() - 1;
            }
            set.set(index);
        }
        return set;
    }
}
