package org.mailtriage.dns;

import java.util.Locale;

/** A dns enum (check, outcome, error kind) as dns_answers and the reports spell it: the constant's name in lower case. */
public interface Labelled {
    String name();

    default String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} a dns_answers row spells as {@code label}; {@code what} names the column in the error. */
    static <E extends Enum<E> & Labelled> E parse(Class<E> type, String label, String what) {
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
