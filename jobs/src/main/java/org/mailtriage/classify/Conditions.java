package org.mailtriage.classify;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailtriage.model.Reason;
import org.mailtriage.model.Reply;
import org.mailtriage.model.SmtpStage;

/**
 * The non-text conditions of a rule; every condition that is set must hold, and inside one any value may match.
 *
 * @param codes reply-code patterns: "550", "5xx", "none" (no reply code given)
 * @param statuses enhanced-status patterns: "5.7.1", "x.7.25" (any class), "5.1.*" (any detail), "none" (no status given)
 * @param stages the SMTP commands the reply may answer
 * @param actions DSN actions ("delayed", "failed") or diagnostic types ("x-unix")
 * @param priorReasons for the stage layer: what the layers before it concluded ("none" when nothing)
 */
public record Conditions(List<String> codes, List<String> statuses, Set<SmtpStage> stages, Set<String> actions, Set<String> priorReasons) {
    public static final Conditions NONE = new Conditions(List.of(), List.of(), Set.of(), Set.of(), Set.of());
    /** The status pattern that matches a reply that carries no enhanced status, and the prior reason "nothing decided yet". */
    public static final String NO_VALUE = "none";

    public Conditions {
        codes = List.copyOf(codes);
        statuses = List.copyOf(statuses);
        stages = Set.copyOf(stages);
        actions = Set.copyOf(actions);
        priorReasons = Set.copyOf(priorReasons);
        for (String code : codes) {
            if (!code.equals(NO_VALUE) && !code.matches("[245x][0-9x][0-9x]")) {
                throw new IllegalArgumentException("bad reply-code pattern " + code);
            }
        }
        for (String status : statuses) {
            if (!status.equals(NO_VALUE) && !status.matches("[245x]\\.(?:\\d{1,3}|x)\\.(?:\\d{1,3}|\\*)")) {
                throw new IllegalArgumentException("bad status pattern " + status);
            }
        }
    }

    public boolean isEmpty() {
        return codes.isEmpty() && statuses.isEmpty() && stages.isEmpty() && actions.isEmpty() && priorReasons.isEmpty();
    }

    public boolean hold(Reply reply, Reason prior) {
        return codeMatches(reply.replyCode()) && statusMatches(reply.enhancedStatus()) && stageMatches(reply.stage())
                && actionMatches(reply) && priorMatches(prior);
    }

    boolean codeMatches(Integer replyCode) {
        if (codes.isEmpty()) {
            return true;
        }
        if (replyCode == null) {
            return codes.contains(NO_VALUE);
        }
        int code = replyCode;
        if (code < 100 || code > 999) {
            return false;
        }
        // Digit by digit, no string: this runs for every row of the status and fallback tables on every failure.
        for (String pattern : codes) {
            if (pattern.length() == 3 && digitMatches(pattern.charAt(0), code / 100) && digitMatches(pattern.charAt(1), code / 10 % 10)
                    && digitMatches(pattern.charAt(2), code % 10)) {
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
            return statuses.contains(NO_VALUE);
        }
        for (String pattern : statuses) {
            if (pattern.equals(NO_VALUE)) {
                continue;
            }
            if (pattern.endsWith(".*")) {
                int prefixLength = pattern.length() - 1;
                if (enhancedStatus.length() >= prefixLength && matchesPattern(pattern, prefixLength, enhancedStatus)) {
                    return true;
                }
            } else if (pattern.length() == enhancedStatus.length() && matchesPattern(pattern, pattern.length(), enhancedStatus)) {
                return true;
            }
        }
        return false;
    }

    boolean stageMatches(SmtpStage stage) {
        return stages.isEmpty() || stages.contains(stage);
    }

    private boolean actionMatches(Reply reply) {
        if (actions.isEmpty()) {
            return true;
        }
        return reply.action() != null && actions.contains(reply.action().toLowerCase(Locale.ROOT))
                || reply.diagnosticType() != null && actions.contains(reply.diagnosticType().toLowerCase(Locale.ROOT));
    }

    private boolean priorMatches(Reason prior) {
        return priorReasons.isEmpty() || priorReasons.contains(prior == null ? NO_VALUE : prior.label());
    }

    private static boolean digitMatches(char expected, int digit) {
        return expected == 'x' || expected == '0' + digit;
    }

    /** The first {@code length} characters of the pattern match the value's ('x' matches any). */
    private static boolean matchesPattern(String pattern, int length, String value) {
        for (int index = 0; index < length; index++) {
            char expected = pattern.charAt(index);
            if (expected != 'x' && expected != value.charAt(index)) {
                return false;
            }
        }
        return true;
    }
}
