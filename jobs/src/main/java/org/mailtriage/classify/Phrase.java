package org.mailtriage.classify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A phrase of a rule: one or more parts that must occur in this order, written with "…" between
 * them ("user … does not exist"), each part matched at word boundaries ({@link TextMatcher}).
 *
 * @param text the phrase as written in the table
 * @param parts the normalized parts
 */
public record Phrase(String text, List<String> parts) {
    public static final String GAP = "…";

    public Phrase {
        requireNonNull(text, "text is null");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty phrase");
        }
    }

    public static Phrase of(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(GAP, -1)) {
            String normalized = TextMatcher.normalize(part);
            if (normalized.isEmpty()) {
                throw new IllegalArgumentException("phrase \"" + text + "\" has an empty part");
            }
            parts.add(normalized);
        }
        return new Phrase(text.strip(), parts);
    }

    @Override
    public String toString() {
        return text;
    }
}
