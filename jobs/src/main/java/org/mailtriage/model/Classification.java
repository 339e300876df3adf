package org.mailtriage.model;

import static java.util.Objects.requireNonNull;

/**
 * What the classifier concluded about one reply.
 *
 * @param guideRule null when the failure is none of the guide's rows
 * @param ruleId the rule that decided, or {@code Classifier.NO_RULE} (classify)
 * @param blocklist the blocklist zone or provider code named in the reply, or null
 * @param layer the layer of the rule that decided the reason
 */
public record Classification(Reason reason, GuideRule guideRule, String ruleId, String blocklist, Layer layer) {
    public Classification {
        requireNonNull(reason, "reason is null");
        requireNonNull(ruleId, "ruleId is null");
        requireNonNull(layer, "layer is null");
    }

    public Remedy remedy() {
        return guideRule == null ? null : guideRule.remedy();
    }

    public String guideRuleLabel() {
        return guideRule == null ? null : guideRule.label();
    }

    public String remedyLabel() {
        Remedy remedy = remedy();
        return remedy == null ? null : remedy.label();
    }
}
