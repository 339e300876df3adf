package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * One row of the rule table. Every non-empty condition must hold; inside a condition any value
 * may match. {@code unless} phrases veto the rule (wordings that look like it but are not).
 *
 * @param codes reply-code patterns: "550", "5xx"
 * @param statuses enhanced-status patterns: "5.7.1", "x.7.25" (any class), "5.1.*" (any detail), "none" (no status given)
 * @param guideRule the guide's row, or null
 */
public record Rule(
        String id,
        int order,
        List<String> codes,
        List<String> statuses,
        Set<SmtpStage> stages,
        List<String> phrases,
        List<String> unless,
        Reason reason,
        GuideRule guideRule,
        List<String> samples) {

    /** The status pattern that matches a reply that carries no enhanced status. */
    public static final String NO_STATUS = "none";

    public Rule {
        requireNonNull(id, "id is null");
        codes = List.copyOf(codes);
        statuses = List.copyOf(statuses);
        stages = Set.copyOf(stages);
        phrases = List.copyOf(phrases);
        unless = List.copyOf(unless);
        requireNonNull(reason, "reason is null");
        samples = List.copyOf(samples);
        if (codes.isEmpty() && statuses.isEmpty() && phrases.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no condition on code, status or text");
        }
    }

    public Remedy remedy() {
        return guideRule == null ? null : guideRule.remedy();
    }

    boolean codeMatches(Integer replyCode) {
        if (codes.isEmpty()) {
            return true;
        }
        if (replyCode == null) {
            return false;
        }
        String code = replyCode.toString();
        for (String pattern : codes) {
            if (pattern.length() == 3 && matchesPattern(pattern, code)) {
                return true;
            }
        }
        return false;
    }

    boolean statusMatches(String enhancedStatus) {
        if (statuses.isEmpty()) {
            return true;
        }
        if (enhancedStatus == null) {
            return statuses.contains(NO_STATUS);
        }
        for (String pattern : statuses) {
            if (pattern.equals(NO_STATUS)) {
                continue;
            }
            if (pattern.endsWith(".*")) {
                String prefix = pattern.substring(0, pattern.length() - 1);
                if (enhancedStatus.length() >= prefix.length()
                        && matchesPattern(prefix, enhancedStatus.substring(0, prefix.length()))) {
                    return true;
                }
            } else if (pattern.length() == enhancedStatus.length() && matchesPattern(pattern, enhancedStatus)) {
                return true;
            }
        }
        return false;
    }

    boolean stageMatches(SmtpStage stage) {
        return stages.isEmpty() || stages.contains(stage);
    }

    private static boolean matchesPattern(String pattern, String value) {
        for (int index = 0; index < pattern.length(); index++) {
            char expected = pattern.charAt(index);
            if (expected != 'x' && expected != value.charAt(index)) {
                return false;
            }
        }
        return true;
    }
}
