package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.mailtriage.model.GuideRule;
import org.mailtriage.model.Layer;
import org.mailtriage.model.Reason;
import org.mailtriage.model.Remedy;

/**
 * One row of one of the classifier's tables. Text rules (provider codes, phrases) hold a phrase;
 * the stage, status and fallback layers decide on the other evidence alone.
 *
 * @param order position in its table: the first rule that holds wins
 * @param phrase the words that must occur, or null for rules on non-text evidence
 * @param guideRule the guide's row the rule's evidence points at, or null
 * @param list the blocklist a provider code names ("outlook S3150"), or null
 * @param strength how its evidence weighs against the status layer (weak phrases, decisive statuses)
 * @param sources why the rule exists: "corpus:<email>" samples of the labelled corpus, "mta:…" an MTA's own
 *     message text, "provider:<url>" a published code list, "rfc:…", "guide:…", "dnsbl-md", "reference:…"
 * @param samples replies the rule alone decides (a test checks each)
 */
public record Rule(
        String id,
        Layer layer,
        int order,
        Phrase phrase,
        Conditions conditions,
        Reason reason,
        GuideRule guideRule,
        String list,
        Strength strength,
        List<String> sources,
        List<String> samples) {

    public static final String CORPUS_SOURCE = "corpus:";

    public Rule {
        requireNonNull(id, "id is null");
        requireNonNull(layer, "layer is null");
        requireNonNull(conditions, "conditions is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(strength, "strength is null");
        sources = List.copyOf(sources);
        samples = List.copyOf(samples);
        if (phrase == null && conditions.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no condition");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " cites no source");
        }
    }

    public Remedy remedy() {
        return guideRule == null ? null : guideRule.remedy();
    }

    /** The corpus emails this rule was learned from ("lhost-postfix-13"), without the other sources. */
    public List<String> corpusSources() {
        return sources.stream().filter(source -> source.startsWith(CORPUS_SOURCE)).map(source -> source.substring(CORPUS_SOURCE.length())).toList();
    }

    /** True when every source is a corpus email: nothing but those samples speaks for the rule. */
    public boolean onlyFromCorpus() {
        return sources.stream().allMatch(source -> source.startsWith(CORPUS_SOURCE));
    }
}
