package org.mailtriage.classify;

import java.util.Locale;

/**
 * How much a rule's evidence weighs against the status layer. A WEAK phrase (the late ones: spam, policy, network,
 * system, syntax words) gives way to a DECISIVE status, one whose registry meaning names a single cause (a bad
 * mailbox, a full mailbox, a missing PTR), because such a status is more exact than general words. Every other
 * rule is NORMAL: the layers' order alone decides.
 */
public enum Strength {
    WEAK, NORMAL, DECISIVE;

    public static Strength fromLabel(String label) {
        return label == null || label.isBlank() ? NORMAL : valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
