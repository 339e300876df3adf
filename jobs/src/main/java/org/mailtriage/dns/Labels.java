package org.mailtriage.dns;

import java.util.Locale;

/** The dns enums are stored by label, their constant's name in lower case; this reads one back. */
final class Labels {
    private Labels() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String label, String what) {
        if (label != null && label.equals(label.toLowerCase(Locale.ROOT))) {
            try {
                return Enum.valueOf(type, label.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // not a constant: reported below with what was read
            }
        }
        throw new IllegalArgumentException("unknown " + what + ": " + label);
    }
}
